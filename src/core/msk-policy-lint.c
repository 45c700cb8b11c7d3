/* msk-policy-lint.c — checks every string of a policy file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader checks each field for what it means; this checks each string
 * for what it will do on its way out: to a terminal (--version, the text
 * summary), the clipboard, a PDF, the window. It walks the tree itself, so
 * any string the format gains later is covered without a change here.
 */
#include "config.h"

#include <string.h>

#include "msk-json-guard-private.h"
#include "msk-policy-lint-private.h"
#include "msk-text.h"

typedef struct Where {
  const struct Where *up;
  const char         *member;  /* NULL for an array index */
  guint               index;
} Where;

typedef struct {
  GHashTable *lines;
  GPtrArray  *problems;
} Lint;

static void
where_append (GString     *out,
              const Where *w)
{
  if (w == NULL)
    {
      g_string_append_c (out, '$');
      return;
    }
  where_append (out, w->up);
  if (w->member != NULL)
    g_string_append_printf (out, ".%s", w->member);
  else
    g_string_append_printf (out, "[%u]", w->index);
}

static void
report (Lint        *lint,
        const Where *w,
        JsonNode    *node,
        char        *reason)  /* taken */
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *safe = NULL;

  where_append (s, w);
  g_string_append_printf (s, ": %s", reason);
  g_free (reason);
  if (lint->lines != NULL)
    {
      guint line = GPOINTER_TO_UINT (g_hash_table_lookup (lint->lines, node));
      if (line > 0)
        g_string_append_printf (s, " (line %u)", line);
    }
  /* The reason may quote the file. */
  safe = _msk_printable (s->str);
  g_ptr_array_add (lint->problems, g_steal_pointer (&safe));
}

/* One-line texts: what the window shows as a heading, a label or a button. */
static gboolean
is_label_member (const char *m)
{
  static const char * const labels[] = {
    "label", "title", "heading", "service", "organisation", "author", "status",
    "version", "icon", "kind", "approvers", NULL
  };

  return m != NULL && (g_strv_contains (labels, m) || g_str_has_suffix (m, "_heading"));
}

static gboolean
is_refused_char (gunichar ch)
{
  return ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || msk_text_is_bidi_control (ch) ||
         ch == 0x2028 || ch == 0x2029 || ch == 0xfeff ||
         /* Invisible: zero-width space, joiners, word joiner and invisible
          * operators, soft hyphen, combining grapheme joiner, Hangul fillers,
          * tag characters. They hide text or make equal-looking strings differ. */
         (ch >= 0x200b && ch <= 0x200d) || (ch >= 0x2060 && ch <= 0x2064) || ch == 0x00ad ||
         ch == 0x034f || ch == 0x115f || ch == 0x1160 || ch == 0x3164 || ch == 0xffa0 ||
         (ch >= 0xe0000 && ch <= 0xe007f);
}

/* The bundled policy is checked on every start-up, so the common case, a
 * short clean string, must cost next to nothing beside the JSON parse: the
 * scan looks at bytes and decodes only the lead bytes that can start a
 * refused character (C1 and U+00AD 0xC2, U+034F 0xCD, U+061C 0xD8, U+115F
 * 0xE1, U+20xx 0xE2, U+3164 0xE3, U+FEFF and U+FFA0 0xEF, tags 0xF3). */
static gunichar
first_refused (const char *s,
               gsize      *bytes)
{
  const guchar *p = (const guchar *) s;

  for (; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p == 0x7f)
        return *p;
      if (*p == 0xc2 || *p == 0xcd || *p == 0xd8 || *p == 0xe1 || *p == 0xe2 || *p == 0xe3 ||
          *p == 0xef || *p == 0xf3)
        {
          gunichar ch = g_utf8_get_char ((const char *) p);
          if (is_refused_char (ch))
            return ch;
        }
    }
  *bytes = (const char *) p - s;
  return 0;
}

static gboolean
is_link_word (const char *w,
              gsize       len)
{
  return (len >= 8 && strncmp (w, "https://", 8) == 0) || (len >= 7 && strncmp (w, "http://", 7) == 0) ||
         (len >= 4 && strncmp (w, "www.", 4) == 0);
}

/* The longest word, in characters, that is not a link. */
static glong
longest_word (const char *s)
{
  const char *word = NULL;
  glong chars = 0;
  glong longest = 0;

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      guchar c = (guchar) *p;
      gboolean space = c < 0x80 ? (c == ' ' || c == '\0' || (c >= '\t' && c <= '\r'))
                                : g_unichar_isspace (g_utf8_get_char (p));

      if (!space)
        {
          if (word == NULL)
            word = p;
          chars++;
        }
      else
        {
          if (word != NULL && chars > longest && !is_link_word (word, p - word))
            longest = chars;
          word = NULL;
          chars = 0;
        }
      if (*p == '\0')
        return longest;
    }
}

static char *
character_problem (gunichar ch)
{
  if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
    return g_strdup_printf ("holds control character U+%04X, which a terminal or a reader would act on", ch);
  if (msk_text_is_bidi_control (ch))
    return g_strdup_printf ("holds bidirectional control U+%04X, which can make text read in another order than it is stored", ch);
  if (ch == 0x2028 || ch == 0x2029)
    return g_strdup_printf ("holds U+%04X, a line or paragraph separator; write separate strings instead", ch);
  return g_strdup_printf ("holds invisible character U+%04X", ch);
}

static void
lint_string (Lint        *lint,
             const Where *w,
             const char  *member,
             JsonNode    *node)
{
  const char *s = json_node_get_string (node);
  gboolean is_url = g_strcmp0 (member, "url") == 0;
  gboolean is_id = g_strcmp0 (member, "id") == 0;
  glong limit;
  const char *what;
  gsize bytes = 0;
  gunichar bad;
  glong chars;

  if ((bad = first_refused (s, &bytes)) != 0)
    {
      report (lint, w, node, character_problem (bad));
      return;
    }

  if (is_id)
    limit = MSK_POLICY_MAX_ID_CHARS, what = "an id";
  else if (is_url)
    limit = MSK_POLICY_MAX_URL_CHARS, what = "a link";
  else if (is_label_member (member))
    limit = MSK_POLICY_MAX_LABEL_CHARS, what = "a label, title or heading";
  else
    limit = MSK_POLICY_MAX_TEXT_CHARS, what = "a paragraph";
  /* No fewer bytes than characters: only a long string needs counting. */
  if (bytes > (gsize) limit && (chars = g_utf8_strlen (s, bytes)) > limit)
    {
      report (lint, w, node, g_strdup_printf ("is %ld characters long; the limit for %s is %ld", chars, what, limit));
      return;
    }

  if (is_url)
    {
      char *reason;

      /* Another scheme is the loader's to refuse, with its own message. */
      if (g_str_has_prefix (s, "https://") && (reason = msk_text_url_problem (s)) != NULL)
        {
          g_autofree char *r = reason;
          report (lint, w, node, g_strdup_printf ("\"%s\" %s", s, r));
        }
      return;
    }
  /* A word longer than this cannot wrap: one word of 15 750 characters in a
   * title made the window 45 152 pixels wide. Links in prose are let
   * through; the PDF breaks them anywhere. */
  if (bytes > MSK_POLICY_MAX_WORD_CHARS && (chars = longest_word (s)) > MSK_POLICY_MAX_WORD_CHARS)
    report (lint, w, node, g_strdup_printf ("holds a word of %ld characters; the limit is %d, as a longer word cannot wrap",
                                            chars, MSK_POLICY_MAX_WORD_CHARS));
}

static void
lint_node (Lint        *lint,
           const Where *w,
           const char  *member,
           JsonNode    *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member_node;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member_node))
          {
            Where sub = { w, name, 0 };

            /* Comments are never shown. */
            if (name[0] == '_')
              continue;
            lint_node (lint, &sub, name, member_node);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *arr = json_node_get_array (node);
        guint n = json_array_get_length (arr);

        /* The loader refuses a longer list before looking at its items. */
        if (n > MSK_POLICY_MAX_ITEMS)
          break;
        for (guint i = 0; i < n; i++)
          {
            Where sub = { w, NULL, i };
            lint_node (lint, &sub, member, json_array_get_element (arr, i));
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        lint_string (lint, w, member, node);
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

void
_msk_policy_lint (JsonNode   *root,
                  GHashTable *lines,
                  GPtrArray  *problems)
{
  Lint lint = { lines, problems };

  g_return_if_fail (problems != NULL);

  if (root != NULL)
    lint_node (&lint, NULL, NULL, root);
}
