/* msk-json-guard.c — a strict pre-scan of untrusted JSON bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 parses recursively with no depth limit (a few hundred
 * thousand '[' overflow the stack) and keeps the last of two duplicate keys
 * without a word. Both are unsafe for a file that decides clinical routes, so
 * every byte string passes this scan before json-glib sees it. The scan
 * checks only the limits below and leaves JSON grammar to json-glib.
 */
#include "config.h"

#include <string.h>

#include "msk-json-guard-private.h"
#include "msk-text.h"

typedef struct {
  const char *start;  /* raw key bytes, between the quotes */
  gsize       len;
} KeySpan;

typedef struct {
  gboolean    is_object;
  guint       first_key;  /* index into the key stack of this object's first key */
  GHashTable *many;       /* set of keys once an object holds many of them */
} Level;

/* Objects in the policy hold a dozen keys; past this, look-ups switch from a
 * linear scan to a hash table so a hostile object of 100 000 keys stays linear. */
#define LINEAR_KEYS 24

static guint
span_hash (gconstpointer p)
{
  const KeySpan *k = p;
  guint h = 5381;

  for (gsize i = 0; i < k->len; i++)
    h = h * 33 + (guchar) k->start[i];
  return h;
}

static gboolean
span_equal (gconstpointer a,
            gconstpointer b)
{
  const KeySpan *x = a, *y = b;

  return x->len == y->len && memcmp (x->start, y->start, x->len) == 0;
}

static int
hex4 (const char *p,
      const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Checks the \u escapes of one string's raw bytes. json-glib decodes \u0000
 * to a NUL that silently cuts the string short (an id "knee\u0000x" would
 * load as "knee"), and a lone surrogate to bytes that are not UTF-8. */
static const char *
check_escapes (const char *s,
               const char *end)
{
  for (const char *p = s; p < end; p++)
    {
      int v, lo;

      if (*p != '\\' || p + 1 >= end)
        continue;
      p++;
      /* json-glib 1.6 decodes a malformed escape to whatever it makes of
       * it, even bytes that are not UTF-8, rather than refusing it. */
      if (strchr ("\"\\/bfnrt", *p) != NULL)
        continue;
      if (*p != 'u')
        return "a string holds an escape JSON does not have";
      v = hex4 (p + 1, end);
      if (v < 0)
        return "a string holds a \\u escape without four hex digits";
      if (v == 0)
        return "a string holds an escaped NUL (\\u0000)";
      if (v >= 0xDC00 && v <= 0xDFFF)
        return "a string holds an unpaired surrogate escape";
      if (v >= 0xD800 && v <= 0xDBFF)
        {
          if (end - p < 11 || p[5] != '\\' || p[6] != 'u' ||
              (lo = hex4 (p + 7, end)) < 0xDC00 || lo > 0xDFFF)
            return "a string holds an unpaired surrogate escape";
          p += 6;
        }
      p += 4;
    }
  return NULL;
}

/* A key as json-glib will store it, so "a" and "\u0061" count as the same
 * key. Only keys that hold an escape come here; check_escapes() has run. */
static char *
decode_key (const char *s,
            gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *end = s + len;

  for (const char *p = s; p < end; p++)
    {
      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int v = hex4 (p + 1, end);
            if (v < 0)
              {
                g_string_append_c (out, *p);
                break;
              }
            p += 4;
            if (v >= 0xD800 && v <= 0xDBFF && end - p >= 7)
              {
                int lo = hex4 (p + 3, end);
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
              }
            g_string_append_unichar (out, v);
          }
          break;
        default:
          g_string_append_c (out, *p);  /* \" \\ \/ */
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* The bytes a string takes once decoded, which is what the limit is about:
 * 2,000 emoji written as \ud83d\ude00 take 24,000 bytes of JSON but 8,000
 * of text. check_escapes() has run. */
static gsize
decoded_length (const char *s,
                const char *end)
{
  gsize n = 0;

  for (const char *p = s; p < end; p++)
    {
      int v;

      n++;
      if (*p != '\\' || p + 1 >= end)
        continue;
      p++;
      if (*p != 'u' || (v = hex4 (p + 1, end)) < 0)
        continue;
      p += 4;
      if (v >= 0xD800 && v <= 0xDBFF && end - p >= 7)
        {
          p += 6;
          n += 3;
        }
      else
        n += (v < 0x80) ? 0 : (v < 0x800) ? 1 : 2;
    }
  return n;
}

/* Names what a non-ASCII character outside a string is, for the common
 * look-alikes of white space an editor or a web page puts in. */
static char *
stray_character (const char *p,
                 const char *end)
{
  gunichar ch = g_utf8_get_char_validated (p, end - p);
  const char *name;

  switch (ch)
    {
    case 0x00a0: name = " (a no-break space)"; break;
    case 0x2028: name = " (a line separator)"; break;
    case 0x2029: name = " (a paragraph separator)"; break;
    case 0xfeff: name = " (a byte-order mark, allowed only at the very start)"; break;
    default:     name = g_unichar_isspace (ch) ? " (a Unicode space)" : ""; break;
    }
  return g_strdup_printf ("not valid JSON: U+%04X%s outside a string; JSON white space is only "
                          "space, tab and line breaks", ch, name);
}

void
_msk_skip_bom (const char **data,
               gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

char *
_msk_printable (const char *text)
{
  return msk_text_escape_line (text);
}

/* Same shape as the validator's problems: "path: reason (line N)". */
static gboolean
fail (GError    **error,
      MskError    code,
      const char *what,
      guint       line,
      const char *reason)
{
  g_autofree char *safe = _msk_printable (reason);

  if (line > 0)
    g_set_error (error, MSK_ERROR, code, "%s: %s (line %u)", what, safe, line);
  else
    g_set_error (error, MSK_ERROR, code, "%s: %s", what, safe);
  return FALSE;
}

gboolean
_msk_json_guard_check (const char  *data,
                       gsize        length,
                       gsize        max_bytes,
                       const char  *what,
                       MskError     code,
                       GError     **error)
{
  Level levels[MSK_JSON_MAX_DEPTH + 1];
  g_autoptr(GArray) keys = NULL;
  const char *end;
  const char *p;
  guint depth = 0;
  guint line = 1;
  gboolean expect_key = FALSE;
  gboolean ok = TRUE;
  gboolean root_done = FALSE;
  GStringChunk *decoded = NULL;
  g_autofree char *reason = NULL;

  if (length == 0)
    return fail (error, code, what, 0, "the file is empty");
  if (length > max_bytes)
    {
      reason = g_strdup_printf ("the file is %" G_GSIZE_FORMAT " bytes; the limit is %" G_GSIZE_FORMAT,
                                length, max_bytes);
      return fail (error, code, what, 0, reason);
    }
  if (memchr (data, '\0', length) != NULL)
    {
      const char *nul = memchr (data, '\0', length);
      for (const char *q = data; q < nul; q++)
        line += (*q == '\n');
      return fail (error, code, what, line, "contains a NUL byte; this is not a JSON text file");
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      for (const char *q = data; q < end; q++)
        line += (*q == '\n');
      return fail (error, code, what, line, "is not valid UTF-8");
    }

  /* json-glib gives white space alone a NULL root, which later code would
   * hand to json_node_ref(): refuse it here as the empty file it is. */
  {
    gsize i = 0;
    while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
      i++;
    if (i == length)
      return fail (error, code, what, 0, "the file holds only white space");
  }

  keys = g_array_new (FALSE, FALSE, sizeof (KeySpan));
  decoded = g_string_chunk_new (256);
  p = data;
  end = data + length;

  while (p < end && ok)
    {
      char c = *p;

      /* json-glib's message for these is "unexpected character", which
       * sends a maintainer looking for a typo they cannot see. */
      if ((guchar) c >= 0x80)
        {
          reason = stray_character (p, end);
          ok = fail (error, code, what, line, reason);
          break;
        }
      if (root_done && c != ' ' && c != '\t' && c != '\r' && c != '\n')
        {
          /* json-glib 1.6 takes "{...}{...}" or "5 {...}" without a word. */
          ok = fail (error, code, what, line, "not valid JSON: text after the end of the JSON value");
          break;
        }
      if (depth == 0 && strchr (" \t\r\n{[\"", c) == NULL)
        {
          /* A number or a literal as the whole document: skip to its end;
           * anything after it is caught above. */
          while (p < end && strchr (" \t\r\n{}[],:\"", *p) == NULL)
            p++;
          root_done = TRUE;
          continue;
        }

      switch (c)
        {
        case '\n':
          line++;
          p++;
          break;

        case '{':
        case '[':
          if (depth >= MSK_JSON_MAX_DEPTH)
            {
              reason = g_strdup_printf ("nested deeper than %d levels", MSK_JSON_MAX_DEPTH);
              ok = fail (error, code, what, line, reason);
              break;
            }
          levels[depth].is_object = (c == '{');
          levels[depth].first_key = keys->len;
          levels[depth].many = NULL;
          depth++;
          expect_key = (c == '{');
          p++;
          break;

        case '}':
        case ']':
          /* Mismatched brackets are json-glib's to report, with its own wording. */
          if (depth > 0)
            {
              depth--;
              g_array_set_size (keys, levels[depth].first_key);
              g_clear_pointer (&levels[depth].many, g_hash_table_unref);
              root_done = (depth == 0);
            }
          expect_key = FALSE;
          p++;
          break;

        case ',':
          expect_key = depth > 0 && levels[depth - 1].is_object;
          p++;
          break;

        case '"':
          {
            const char *s = ++p;
            gsize slen;

            gboolean raw_control = FALSE;

            while (p < end && *p != '"')
              {
                if (*p == '\\' && p + 1 < end)
                  p++;
                else if ((guchar) *p < 0x20)
                  {
                    /* JSON wants control characters escaped; json-glib
                     * takes them raw, a line break included. */
                    raw_control = TRUE;
                    break;
                  }
                p++;
              }
            if (raw_control)
              {
                ok = fail (error, code, what, line, "not valid JSON: a string holds a raw control character or line break");
                break;
              }
            slen = p - s;
            if (p < end && *p == '"')
              p++;

            if (memchr (s, '\\', slen) != NULL)
              {
                const char *bad = check_escapes (s, s + slen);
                if (bad != NULL)
                  {
                    ok = fail (error, code, what, line, bad);
                    break;
                  }
              }
            if (slen > MSK_JSON_MAX_STRING)
              {
                gsize n_decoded = decoded_length (s, s + slen);

                if (n_decoded > MSK_JSON_MAX_STRING)
                  {
                    reason = g_strdup_printf ("a string of %" G_GSIZE_FORMAT " bytes; the limit is %d",
                                              n_decoded, MSK_JSON_MAX_STRING);
                    ok = fail (error, code, what, line, reason);
                    break;
                  }
              }

            if (expect_key && depth > 0)
              {
                Level *lv = &levels[depth - 1];
                KeySpan k = { s, slen };

                if (memchr (s, '\\', slen) != NULL)
                  {
                    g_autofree char *key = decode_key (s, slen);
                    k.start = g_string_chunk_insert_len (decoded, key, -1);
                    k.len = strlen (key);
                  }
                gboolean dup = FALSE;

                if (lv->many == NULL)
                  {
                    for (guint i = lv->first_key; i < keys->len && !dup; i++)
                      dup = span_equal (&g_array_index (keys, KeySpan, i), &k);
                  }
                else
                  dup = g_hash_table_contains (lv->many, &k);

                if (dup)
                  {
                    reason = g_strdup_printf ("duplicate key \"%.*s\"", (int) MIN (k.len, 64), k.start);
                    ok = fail (error, code, what, line, reason);
                    break;
                  }

                g_array_append_val (keys, k);

                if (lv->many == NULL && keys->len - lv->first_key > LINEAR_KEYS)
                  {
                    /* The array may move as it grows, so the set owns copies. */
                    lv->many = g_hash_table_new_full (span_hash, span_equal, g_free, NULL);
                    for (guint i = lv->first_key; i < keys->len; i++)
                      g_hash_table_add (lv->many, g_memdup2 (&g_array_index (keys, KeySpan, i), sizeof (KeySpan)));
                  }
                else if (lv->many != NULL)
                  g_hash_table_add (lv->many, g_memdup2 (&k, sizeof k));

                expect_key = FALSE;
              }
            if (depth == 0)
              root_done = TRUE;
          }
          break;

        /* json-glib 1.6 also takes comments and single-quoted strings,
         * which are not JSON: a file that leans on them is not portable to
         * any other tool the maintainers use. */
        case '/':
          ok = fail (error, code, what, line, "not valid JSON: comments are not allowed");
          break;

        case '\'':
          ok = fail (error, code, what, line, "not valid JSON: strings must be in double quotes");
          break;

        default:
          p++;
          break;
        }
    }

  while (depth > 0)
    {
      depth--;
      g_clear_pointer (&levels[depth].many, g_hash_table_unref);
    }
  g_string_chunk_free (decoded);

  return ok;
}
