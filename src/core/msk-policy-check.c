/* msk-policy-check.c — the checker's building blocks: paths, problems, typed reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Problems are collected, not returned at the first one: a maintainer fixing
 * a file wants the whole list. Every read names what it wanted and where.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-json-guard-private.h"
#include "msk-policy-check-private.h"
#include "msk-policy-private.h"

static void
path_append (GString    *out,
             const Path *path)
{
  if (path == NULL)
    {
      g_string_append_c (out, '$');
      return;
    }
  path_append (out, path->up);
  if (path->member != NULL)
    g_string_append_printf (out, ".%s", path->member);
  else
    g_string_append_printf (out, "[%u]", path->index);
}

/* Problems quote the file's own text back, one line each, to a terminal or
 * the window: a control character in it must not move the cursor, retitle
 * the terminal or forge a second line. Takes the string. */
static char *
printable (GString *s)
{
  char *out = _msk_printable (s->str);

  g_string_free (s, TRUE);
  return out;
}

void
_msk_check_problem (Check       *c,
                    const Path  *path,
                    gconstpointer where,
                    const char  *format,
                    ...)
{
  GString *s = g_string_new (NULL);
  va_list args;

  path_append (s, path);
  g_string_append (s, ": ");
  va_start (args, format);
  g_string_append_vprintf (s, format, args);
  va_end (args);

  if (c->lines != NULL && where != NULL)
    {
      guint line = GPOINTER_TO_UINT (g_hash_table_lookup (c->lines, where));
      if (line > 0)
        g_string_append_printf (s, " (line %u)", line);
    }
  g_ptr_array_add (c->problems, printable (s));
}

const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY:  return "an array";
    case JSON_NODE_NULL:   return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return "a boolean";
        case G_TYPE_STRING:  return "a string";
        default:             return "a number";
        }
    default:
      return "something else";
    }
}

gboolean
is_string (JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING;
}

gboolean
is_bool (JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN;
}

/* Refuses members the format does not know: a misspelt condition in a route
 * would otherwise be ignored and the route would fire for everyone. Keys that
 * start with '_' are comments. */
void
check_members (Check            *c,
               const Path       *path,
               JsonObject       *obj,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (name[0] == '_' || g_strv_contains (known, name))
        continue;
      Path p = { path, name, 0 };
      problem (c, &p, json_object_get_member (obj, name), "unknown member \"%s\"", name);
    }
}

JsonObject *
want_object (Check      *c,
             const Path *path,
             JsonNode   *node)
{
  if (node == NULL)
    {
      problem (c, path, NULL, "missing (an object is required)");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, path, node, "must be an object, not %s", node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
want_array (Check      *c,
            const Path *path,
            JsonNode   *node,
            gboolean    required)
{
  if (node == NULL)
    {
      if (required)
        problem (c, path, NULL, "missing (an array is required)");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (c, path, node, "must be an array, not %s", node_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Refuses an array longer than MSK_POLICY_MAX_ITEMS before any work on its
 * items: a system-wide file of 250 000 ids would otherwise hold up start-up
 * for many minutes. */
gboolean
too_long (Check      *c,
          const Path *path,
          JsonArray  *arr)
{
  if (json_array_get_length (arr) <= MSK_POLICY_MAX_ITEMS)
    return FALSE;
  problem (c, path, arr, "has %u items; the limit is %d", json_array_get_length (arr), MSK_POLICY_MAX_ITEMS);
  return TRUE;
}

const char *
want_string (Check      *c,
             const Path *up,
             JsonObject *obj,
             const char *member,
             gboolean    required)
{
  Path path = { up, member, 0 };
  JsonNode *node;
  const char *s;

  if (obj == NULL)
    return NULL;
  node = json_object_get_member (obj, member);
  if (node == NULL)
    {
      if (required)
        problem (c, &path, obj, "missing (a string is required)");
      return NULL;
    }
  if (!is_string (node))
    {
      problem (c, &path, node, "must be a string, not %s", node_type_name (node));
      return NULL;
    }
  s = json_node_get_string (node);
  if (s[strspn (s, " \t\r\n")] == '\0')
    {
      problem (c, &path, node, "must not be empty");
      return NULL;
    }
  return s;
}

gboolean
want_bool (Check      *c,
           const Path *up,
           JsonObject *obj,
           const char *member,
           gboolean    fallback)
{
  Path path = { up, member, 0 };
  JsonNode *node = obj ? json_object_get_member (obj, member) : NULL;

  if (node == NULL)
    return fallback;
  if (!is_bool (node))
    {
      problem (c, &path, node, "must be true or false, not %s", node_type_name (node));
      return fallback;
    }
  return json_node_get_boolean (node);
}

const char *
want_id (Check      *c,
         const Path *up,
         JsonObject *obj)
{
  const char *id = want_string (c, up, obj, "id", TRUE);
  Path path = { up, "id", 0 };

  if (id == NULL)
    return NULL;
  /* An id starts with a letter or digit: one starting with '-' reaches the
   * audit CSV as something a spreadsheet takes for a formula. */
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    {
      problem (c, &path, json_object_get_member (obj, "id"),
               "\"%s\" is not an id (start with a-z or 0-9; then a-z, 0-9, '_' and '-')", id);
      return NULL;
    }
  for (const char *p = id; *p; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
        {
          problem (c, &path, json_object_get_member (obj, "id"),
                   "\"%s\" is not an id (use a-z, 0-9, '_' and '-')", id);
          return NULL;
        }
    }
  return id;
}

const char *
want_url (Check      *c,
          const Path *up,
          JsonObject *obj)
{
  const char *url = want_string (c, up, obj, "url", FALSE);
  Path path = { up, "url", 0 };

  /* Only https: a policy file must not be able to make a click open a local
   * file, a script or a plain-text connection. */
  if (url != NULL && (!g_str_has_prefix (url, "https://") || url[8] == '\0' ||
                      strpbrk (url, " \t\r\n\"<>") != NULL))
    {
      problem (c, &path, json_object_get_member (obj, "url"), "\"%s\" is not an https:// address", url);
      return NULL;
    }
  return url;
}

void
want_date (Check      *c,
           const Path *up,
           JsonObject *obj,
           const char *member,
           GDate      *out)
{
  const char *s = want_string (c, up, obj, member, TRUE);
  Path path = { up, member, 0 };

  if (s != NULL && !msk_parse_iso_date (s, out))
    problem (c, &path, json_object_get_member (obj, member),
             "\"%s\" is not a date in the form YYYY-MM-DD", s);
}

gconstpointer
resolve_one (Check       *c,
             const Path  *up,
             JsonObject  *obj,
             const char  *member,
             gboolean     required,
             const char  *what,
             gconstpointer (*finder) (MskPolicy *, const char *))
{
  const char *id = want_string (c, up, obj, member, required);
  gconstpointer item;
  Path path = { up, member, 0 };

  if (id == NULL)
    return NULL;
  item = finder (c->policy, id);
  if (item == NULL)
    problem (c, &path, json_object_get_member (obj, member), "unknown %s \"%s\"", what, id);
  return item;
}

/* An array of ids, resolved; duplicates are refused. */
gconstpointer *
resolve_list (Check       *c,
              const Path  *up,
              JsonObject  *obj,
              const char  *member,
              gboolean     required,
              const char  *what,
              gconstpointer (*finder) (MskPolicy *, const char *),
              guint       *n_out)
{
  Path path = { up, member, 0 };
  JsonArray *arr = want_array (c, &path, obj ? json_object_get_member (obj, member) : NULL, required);
  gconstpointer *items;
  guint n = 0;

  *n_out = 0;
  if (arr == NULL || too_long (c, &path, arr))
    return NULL;

  items = g_new0 (gconstpointer, json_array_get_length (arr) + 1);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *node = json_array_get_element (arr, i);
      Path ip = { &path, NULL, i };
      gconstpointer item;

      if (!is_string (node))
        {
          problem (c, &ip, node, "must be a string id, not %s", node_type_name (node));
          continue;
        }
      item = finder (c->policy, json_node_get_string (node));
      if (item == NULL)
        {
          problem (c, &ip, node, "unknown %s \"%s\"", what, json_node_get_string (node));
          continue;
        }
      for (guint j = 0; j < n; j++)
        if (items[j] == item)
          {
            problem (c, &ip, node, "\"%s\" is listed twice", json_node_get_string (node));
            item = NULL;
            break;
          }
      if (item != NULL)
        items[n++] = item;
    }
  *n_out = n;
  return items;
}

gpointer
load_items (Check      *c,
            const Path *up,
            JsonObject *parent,
            const char *member,
            gsize       size,
            gsize       id_offset,
            ItemFunc    each,
            guint      *n_out)
{
  Path path = { up, member, 0 };
  JsonArray *arr = want_array (c, &path, parent ? json_object_get_member (parent, member) : NULL, TRUE);
  guint8 *items;
  guint n;

  *n_out = 0;
  if (arr == NULL || too_long (c, &path, arr))
    return NULL;
  n = json_array_get_length (arr);
  if (n == 0)
    {
      problem (c, &path, arr, "must not be empty");
      return NULL;
    }

  items = g_malloc0 (size * n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (arr, i);
      Path ip = { &path, NULL, i };
      JsonObject *obj = want_object (c, &ip, node);

      if (obj == NULL)
        continue;
      each (c, &ip, obj, items + size * i, i);

      if (id_offset != G_MAXSIZE)
        {
          const char *id = *(const char **) (items + size * i + id_offset);

          for (guint j = 0; id != NULL && j < i; j++)
            {
              const char *other = *(const char **) (items + size * j + id_offset);
              if (other != NULL && strcmp (other, id) == 0)
                {
                  Path idp = { &ip, "id", 0 };
                  problem (c, &idp, json_object_get_member (obj, "id"), "duplicate id \"%s\"", id);
                  break;
                }
            }
        }
    }
  *n_out = n;
  return items;
}

/* A member whose value is one of a fixed vocabulary of the file format
 * (not a policy id): what kind of thing an outcome or verdict is, which the
 * app's look and the clinical invariants rest on. */
const char *
want_kind (Check              *c,
           const Path         *up,
           JsonObject         *obj,
           const char * const *kinds)
{
  const char *kind = want_string (c, up, obj, "kind", TRUE);
  Path path = { up, "kind", 0 };
  g_autofree char *list = NULL;

  if (kind == NULL || g_strv_contains (kinds, kind))
    return kind;
  list = g_strjoinv (", ", (char **) kinds);
  problem (c, &path, json_object_get_member (obj, "kind"), "\"%s\" is not one of: %s", kind, list);
  return NULL;
}

guint
list_to_mask (gconstpointer *items,
              guint          n,
              gsize          index_offset)
{
  guint mask = 0;

  for (guint i = 0; i < n; i++)
    {
      guint index = *(const guint *) ((const guint8 *) items[i] + index_offset);
      /* A list longer than a mask holds is reported by load_everything();
       * until then, shifting past the top bit would be undefined. */
      if (index < 31)
        mask |= 1u << index;
    }
  return mask;
}

/* ---- whole-file checks ---- */

const char **
want_string_list (Check      *c,
                  const Path *up,
                  JsonObject *obj,
                  const char *member,
                  gboolean    non_empty)
{
  Path path = { up, member, 0 };
  JsonArray *arr = want_array (c, &path, obj ? json_object_get_member (obj, member) : NULL, TRUE);
  const char **out;
  guint n = 0;

  if (arr == NULL || too_long (c, &path, arr))
    return NULL;
  if (non_empty && json_array_get_length (arr) == 0)
    problem (c, &path, arr, "must not be empty");
  out = g_new0 (const char *, json_array_get_length (arr) + 1);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *node = json_array_get_element (arr, i);
      Path ip = { &path, NULL, i };

      if (!is_string (node) || json_node_get_string (node)[0] == '\0')
        problem (c, &ip, node, "must be a non-empty string");
      else
        out[n++] = json_node_get_string (node);
    }
  return out;
}

/* ---- line tracking for the second, diagnostic pass ---- */

typedef struct {
  GHashTable *lines;
  GArray     *starts;  /* line of each open object or array */
} LineTracker;

static void
on_start_cb (JsonParser  *parser,
             LineTracker *t)
{
  guint line = json_parser_get_current_line (parser);
  g_array_append_val (t->starts, line);
}

static void
on_object_end_cb (JsonParser  *parser,
                  JsonObject  *object,
                  LineTracker *t)
{
  if (t->starts->len > 0)
    {
      g_hash_table_insert (t->lines, object, GUINT_TO_POINTER (g_array_index (t->starts, guint, t->starts->len - 1)));
      g_array_set_size (t->starts, t->starts->len - 1);
    }
}

static void
on_array_end_cb (JsonParser  *parser,
                 JsonArray   *array,
                 LineTracker *t)
{
  on_object_end_cb (parser, (JsonObject *) array, t);
}

/* Notes the line a member or element starts on, reporting a container at
 * its opening line, as a reader finds it. */
static void
note_line (JsonParser  *parser,
           JsonNode    *node,
           LineTracker *t)
{
  gpointer key = node;

  if (JSON_NODE_HOLDS_OBJECT (node))
    key = json_node_get_object (node);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    key = json_node_get_array (node);
  if (!g_hash_table_contains (t->lines, key))
    g_hash_table_insert (t->lines, key, GUINT_TO_POINTER (json_parser_get_current_line (parser)));
  if (key != node)
    g_hash_table_insert (t->lines, node, g_hash_table_lookup (t->lines, key));
}

static void
on_member_cb (JsonParser  *parser,
              JsonObject  *object,
              const char  *name,
              LineTracker *t)
{
  note_line (parser, json_object_get_member (object, name), t);
}

static void
on_element_cb (JsonParser  *parser,
               JsonArray   *array,
               int          index,
               LineTracker *t)
{
  note_line (parser, json_array_get_element (array, index), t);
}

JsonParser *
_msk_check_parse_tracking_lines (const char  *data,
                      gsize        len,
                      GHashTable **lines_out)
{
  JsonParser *parser = json_parser_new_immutable ();
  LineTracker t;

  t.lines = g_hash_table_new (NULL, NULL);
  t.starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (parser, "object-start", G_CALLBACK (on_start_cb), &t);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_start_cb), &t);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end_cb), &t);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end_cb), &t);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_member_cb), &t);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_element_cb), &t);

  if (!json_parser_load_from_data (parser, data, len, NULL))
    g_clear_object (&parser);
  else
    g_signal_handlers_disconnect_by_data (parser, &t);

  g_array_unref (t.starts);
  if (parser == NULL)
    g_clear_pointer (&t.lines, g_hash_table_unref);
  *lines_out = t.lines;
  return parser;
}
