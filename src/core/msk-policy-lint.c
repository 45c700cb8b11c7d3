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

static char *
character_problem (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
        return g_strdup_printf ("holds control character U+%04X, which a terminal or a reader would act on", ch);
      if (msk_text_is_bidi_control (ch))
        return g_strdup_printf ("holds bidirectional control U+%04X, which can make text read in another order than it is stored", ch);
      if (ch == 0x2028 || ch == 0x2029)
        return g_strdup_printf ("holds U+%04X, a line or paragraph separator; write separate strings instead", ch);
      if (ch == 0xfeff || ch == 0x200b)
        return g_strdup_printf ("holds invisible character U+%04X", ch);
    }
  return NULL;
}

static gboolean
is_link_word (const char *w)
{
  return g_str_has_prefix (w, "https://") || g_str_has_prefix (w, "http://") || g_str_has_prefix (w, "www.");
}

/* A word longer than this cannot wrap: one word of 15 750 characters in a
 * title made the window 45 152 pixels wide. Links in prose are let through;
 * the PDF breaks them anywhere. */
static char *
word_problem (const char *s)
{
  const char *start = NULL;
  glong longest = 0;

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      gboolean space = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (!space && start == NULL)
        start = p;
      else if (space && start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);
          glong n = g_utf8_strlen (word, -1);

          if (n > longest && !is_link_word (word))
            longest = n;
          start = NULL;
        }
      if (*p == '\0')
        break;
    }
  if (longest > MSK_POLICY_MAX_WORD_CHARS)
    return g_strdup_printf ("holds a word of %ld characters; the limit is %d, as a longer word cannot wrap",
                            longest, MSK_POLICY_MAX_WORD_CHARS);
  return NULL;
}

static void
lint_string (Lint        *lint,
             const Where *w,
             const char  *member,
             JsonNode    *node)
{
  const char *s = json_node_get_string (node);
  char *reason;
  glong n;
  glong limit;
  const char *what;

  if ((reason = character_problem (s)) != NULL)
    {
      report (lint, w, node, reason);
      return;
    }

  n = g_utf8_strlen (s, -1);
  if (g_strcmp0 (member, "id") == 0)
    limit = MSK_POLICY_MAX_ID_CHARS, what = "an id";
  else if (g_strcmp0 (member, "url") == 0)
    limit = MSK_POLICY_MAX_URL_CHARS, what = "a link";
  else if (is_label_member (member))
    limit = MSK_POLICY_MAX_LABEL_CHARS, what = "a label, title or heading";
  else
    limit = MSK_POLICY_MAX_TEXT_CHARS, what = "a paragraph";
  if (n > limit)
    {
      report (lint, w, node, g_strdup_printf ("is %ld characters long; the limit for %s is %ld", n, what, limit));
      return;
    }

  if (g_strcmp0 (member, "url") == 0)
    {
      /* Another scheme is the loader's to refuse, with its own message. */
      if (g_str_has_prefix (s, "https://") && (reason = msk_text_url_problem (s)) != NULL)
        {
          g_autofree char *r = reason;
          report (lint, w, node, g_strdup_printf ("\"%s\" %s", s, r));
        }
      return;
    }
  if ((reason = word_problem (s)) != NULL)
    report (lint, w, node, reason);
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
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (obj);

        for (GList *l = names; l != NULL; l = l->next)
          {
            const char *name = l->data;
            Where sub = { w, name, 0 };

            /* Comments are never shown. */
            if (name[0] == '_')
              continue;
            lint_node (lint, &sub, name, json_object_get_member (obj, name));
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
