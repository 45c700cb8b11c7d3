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

static gboolean
fail (GError    **error,
      MskError    code,
      const char *what,
      guint       line,
      const char *reason)
{
  if (line > 0)
    g_set_error (error, MSK_ERROR, code, "%s: line %u: %s", what, line, reason);
  else
    g_set_error (error, MSK_ERROR, code, "%s: %s", what, reason);
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

  keys = g_array_new (FALSE, FALSE, sizeof (KeySpan));
  p = data;
  end = data + length;

  while (p < end && ok)
    {
      char c = *p;

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

            while (p < end && *p != '"')
              {
                if (*p == '\\' && p + 1 < end)
                  p++;
                else if (*p == '\n')
                  break;  /* json-glib reports the unterminated string */
                p++;
              }
            slen = p - s;
            if (slen > MSK_JSON_MAX_STRING)
              {
                reason = g_strdup_printf ("a string of %" G_GSIZE_FORMAT " bytes; the limit is %d",
                                          slen, MSK_JSON_MAX_STRING);
                ok = fail (error, code, what, line, reason);
                break;
              }
            if (p < end && *p == '"')
              p++;

            if (expect_key && depth > 0)
              {
                Level *lv = &levels[depth - 1];
                KeySpan k = { s, slen };
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
                    reason = g_strdup_printf ("duplicate key \"%.*s\"", (int) MIN (slen, 64), s);
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
          }
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

  return ok;
}
