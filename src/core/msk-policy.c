/* msk-policy.c — loads and validates the policy file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the JSON tree both checks it and builds the item arrays, so
 * the rules for what a valid policy is live in exactly one place. Problems
 * are collected, not returned at the first one: a maintainer fixing a file
 * wants the whole list. Item strings point into the parsed JSON tree, which
 * the policy keeps alive, so nothing is copied.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-core-resources.h"
#include "msk-io.h"
#include "msk-json-guard-private.h"
#include "msk-policy-lint-private.h"  /* issue #11: every string checked */
#include "msk-policy-private.h"

G_DEFINE_QUARK (msk-error-quark, msk_error)
G_DEFINE_BOXED_TYPE (MskPolicy, msk_policy, msk_policy_ref, msk_policy_unref)

#define CONTRACT_RESOURCE "/org/nel/MskMriAdvisor/contract.json"
#define BUNDLED_RESOURCE  "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json"

/* A JSON path, kept as a chain on the stack and only turned into text when a
 * problem is reported: valid files, the common case, never pay for it. */
typedef struct Path {
  const struct Path *up;
  const char        *member;  /* NULL for an array index */
  guint              index;
} Path;

typedef struct {
  GPtrArray  *problems;
  GHashTable *lines;   /* JsonObject* / JsonArray* / JsonNode* -> line, only on a second pass */
  MskPolicy  *policy;
} Check;

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

G_GNUC_PRINTF (4, 5)
static void
problem (Check       *c,
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

static const char *
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

static gboolean
is_string (JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING;
}

static gboolean
is_bool (JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN;
}

/* Refuses members the format does not know: a misspelt condition in a route
 * would otherwise be ignored and the route would fire for everyone. Keys that
 * start with '_' are comments. */
static void
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

static JsonObject *
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

static JsonArray *
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
static gboolean
too_long (Check      *c,
          const Path *path,
          JsonArray  *arr)
{
  if (json_array_get_length (arr) <= MSK_POLICY_MAX_ITEMS)
    return FALSE;
  problem (c, path, arr, "has %u items; the limit is %d", json_array_get_length (arr), MSK_POLICY_MAX_ITEMS);
  return TRUE;
}

static const char *
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

static gboolean
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

static const char *
want_id (Check      *c,
         const Path *up,
         JsonObject *obj)
{
  const char *id = want_string (c, up, obj, "id", TRUE);
  Path path = { up, "id", 0 };

  if (id == NULL)
    return NULL;
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

static const char *
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

gboolean
msk_parse_iso_date (const char *text,
                    GDate      *out)
{
  guint y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
msk_format_date_uk (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date),
                          g_date_get_month (date), g_date_get_year (date));
}

static void
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

/* Items are looked up by id during loading and request parsing; the lists
 * hold a handful to a few dozen entries, where a linear scan beats hashing. */
#define DEFINE_FIND(fn, Type, array, count)                             \
  static const Type *                                                   \
  fn (MskPolicy *self, const char *id)                                  \
  {                                                                     \
    for (guint i = 0; id != NULL && i < self->count; i++)               \
      if (self->array[i].id != NULL && strcmp (self->array[i].id, id) == 0) \
        return &self->array[i];                                         \
    return NULL;                                                        \
  }

DEFINE_FIND (find_resource, MskResource, resources, n_resources)
DEFINE_FIND (find_choice_requester, MskChoice, requesters, n_requesters)
DEFINE_FIND (find_choice_borough, MskChoice, boroughs, n_boroughs)
DEFINE_FIND (find_region, MskRegion, regions, n_regions)
DEFINE_FIND (find_concern, MskConcern, concerns, n_concerns)
DEFINE_FIND (find_pathway, MskPathway, pathways, n_pathways)
DEFINE_FIND (find_urgency, MskUrgency, urgencies, n_urgencies)
DEFINE_FIND (find_outcome, MskOutcome, outcomes, n_outcomes)
DEFINE_FIND (find_verdict, MskVerdict, verdicts, n_verdicts)
DEFINE_FIND (find_rationale, MskRationale, rationale, n_rationale)

/* Resolves a member holding one id; reports the member when the id is unknown. */
#define RESOLVE(c, up, obj, member, finder, what, required)             \
  resolve_one ((c), (up), (obj), (member), (required), (what),          \
               (gconstpointer (*) (MskPolicy *, const char *)) (finder))

static gconstpointer
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
static gconstpointer *
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

#define RESOLVE_LIST(c, up, obj, member, finder, what, required, n_out)       \
  resolve_list ((c), (up), (obj), (member), (required), (what),              \
                (gconstpointer (*) (MskPolicy *, const char *)) (finder), (n_out))

/* Walks an array of objects: checks it, allocates `size` bytes an item and
 * calls `each` for every element that is an object. Duplicate ids are
 * reported here so every collection gets the check. */
typedef void (*ItemFunc) (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index);

static gpointer
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

/* ---- item loaders, in the order the file is read ---- */

static void
load_resource (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "title", "kind", "note", "url", NULL };
  static const char * const kinds[] = { "pathway", "portal", "advice", "evidence", "guidance", NULL };
  MskResource *r = item;
  Path kp = { path, "kind", 0 };

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->title = want_string (c, path, obj, "title", TRUE);
  r->kind = want_string (c, path, obj, "kind", TRUE);
  r->note = want_string (c, path, obj, "note", FALSE);
  r->url = want_url (c, path, obj);
  if (r->kind != NULL && !g_strv_contains (kinds, r->kind))
    problem (c, &kp, json_object_get_member (obj, "kind"), "unknown kind \"%s\" (one of pathway, portal, advice, evidence, guidance)", r->kind);
}

static void
load_choice (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "help", NULL };
  MskChoice *ch = item;

  check_members (c, path, obj, known);
  ch->index = index;
  ch->id = want_id (c, path, obj);
  ch->label = want_string (c, path, obj, "label", TRUE);
  ch->help = want_string (c, path, obj, "help", FALSE);
}

static void
load_region (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "spinal", "resources", NULL };
  MskRegion *r = item;

  check_members (c, path, obj, known);
  r->index = index;
  r->id = want_id (c, path, obj);
  r->label = want_string (c, path, obj, "label", TRUE);
  r->spinal = want_bool (c, path, obj, "spinal", FALSE);
  r->resources = (const MskResource **) RESOLVE_LIST (c, path, obj, "resources", find_resource,
                                                     "resource", FALSE, &r->n_resources);
}

static void
load_concern (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "help", "prompts", NULL };
  static const char * const prompt_known[] = { "text", "source", "secondary", NULL };
  MskConcern *con = item;
  Path pp = { path, "prompts", 0 };
  JsonArray *arr;

  check_members (c, path, obj, known);
  con->index = index;
  con->id = want_id (c, path, obj);
  con->label = want_string (c, path, obj, "label", TRUE);
  con->help = want_string (c, path, obj, "help", FALSE);

  arr = want_array (c, &pp, json_object_get_member (obj, "prompts"), FALSE);
  if (arr == NULL || too_long (c, &pp, arr))
    return;
  con->n_prompts = json_array_get_length (arr);
  con->prompts = g_new0 (MskPrompt, con->n_prompts + 1);
  for (guint i = 0; i < con->n_prompts; i++)
    {
      Path ip = { &pp, NULL, i };
      JsonObject *po = want_object (c, &ip, json_array_get_element (arr, i));
      MskPrompt *p = (MskPrompt *) &con->prompts[i];

      if (po == NULL)
        continue;
      check_members (c, &ip, po, prompt_known);
      p->text = want_string (c, &ip, po, "text", TRUE);
      p->source = RESOLVE (c, &ip, po, "source", find_resource, "resource", FALSE);
      p->secondary = want_bool (c, &ip, po, "secondary", FALSE);
      /* red-flags.md: an item seen only in a secondary copy is shown only with its source. */
      if (p->secondary && json_object_get_member (po, "source") == NULL)
        {
          Path sp = { &ip, "source", 0 };
          problem (c, &sp, po, "missing: a prompt from a secondary source must name that source");
        }
    }
}

static void
load_urgency (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "rank", "icon", NULL };
  MskUrgency *u = item;
  JsonNode *rank = json_object_get_member (obj, "rank");
  Path rp = { path, "rank", 0 };

  check_members (c, path, obj, known);
  u->id = want_id (c, path, obj);
  u->label = want_string (c, path, obj, "label", TRUE);
  u->icon = want_string (c, path, obj, "icon", TRUE);
  if (rank == NULL || !JSON_NODE_HOLDS_VALUE (rank) || json_node_get_value_type (rank) != G_TYPE_INT64 ||
      json_node_get_int (rank) < 0 || json_node_get_int (rank) > 100)
    problem (c, &rp, rank ? (gconstpointer) rank : obj, "must be a whole number from 0 (most urgent) to 100");
  else
    u->rank = (int) json_node_get_int (rank);
}

/* A member whose value is one of a fixed vocabulary of the file format
 * (not a policy id): what kind of thing an outcome or verdict is, which the
 * app's look and the clinical invariants rest on. */
static const char *
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

static void
load_labelled (Check *c, const Path *path, JsonObject *obj, const char * const *kinds, gpointer item)
{
  static const char * const known[] = { "id", "kind", "label", NULL };
  /* MskOutcome and MskVerdict share this layout. */
  MskOutcome *o = item;

  check_members (c, path, obj, known);
  o->id = want_id (c, path, obj);
  o->kind = want_kind (c, path, obj, kinds);
  o->label = want_string (c, path, obj, "label", TRUE);
}

static void
load_outcome (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const kinds[] = { "emergency", "urgent", "refer", "permitted", "incomplete", NULL };
  load_labelled (c, path, obj, kinds, item);
}

static void
load_verdict (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const kinds[] = { "not_recommended", "permitted", "via_pathway", NULL };
  load_labelled (c, path, obj, kinds, item);
}

static void
load_pathway (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "title", "text", "resource", "needs_borough", NULL };
  MskPathway *p = item;

  check_members (c, path, obj, known);
  p->id = want_id (c, path, obj);
  p->title = want_string (c, path, obj, "title", TRUE);
  p->text = want_string (c, path, obj, "text", TRUE);
  p->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
  p->needs_borough = want_bool (c, path, obj, "needs_borough", FALSE);
}

static void
load_rationale (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "text", "spinal_only", "resource", NULL };
  MskRationale *r = item;

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->text = want_string (c, path, obj, "text", TRUE);
  r->spinal_only = want_bool (c, path, obj, "spinal_only", FALSE);
  r->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
}

static guint
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

static void
load_route (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "when", "only_if_none_fired", "pathway", "outcome", "urgency",
                                        "mri_in_primary_care", "rationale", "why", NULL };
  static const char * const when_known[] = { "concerns_any", "no_concerns", "region_chosen", "requester_in",
                                             "fcp_governance", NULL };
  MskRoute *r = item;
  Path wp = { path, "when", 0 };
  JsonObject *when;
  g_autofree gconstpointer *concerns = NULL;
  g_autofree gconstpointer *requesters = NULL;
  guint n;

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->why = want_string (c, path, obj, "why", TRUE);
  r->only_if_none_fired = want_bool (c, path, obj, "only_if_none_fired", FALSE);
  r->pathway = RESOLVE (c, path, obj, "pathway", find_pathway, "pathway", TRUE);
  r->outcome = RESOLVE (c, path, obj, "outcome", find_outcome, "outcome", TRUE);
  r->urgency = RESOLVE (c, path, obj, "urgency", find_urgency, "urgency", TRUE);
  r->verdict = RESOLVE (c, path, obj, "mri_in_primary_care", find_verdict, "MRI verdict", TRUE);
  r->rationale = (const MskRationale **) RESOLVE_LIST (c, path, obj, "rationale", find_rationale,
                                                      "rationale", FALSE, &r->n_rationale);
  r->fcp_governance = -1;

  when = want_object (c, &wp, json_object_get_member (obj, "when"));
  if (when == NULL)
    return;
  check_members (c, &wp, when, when_known);
  if (json_object_get_size (when) == 0)
    problem (c, &wp, when, "must hold at least one condition; a route that always fires hides every route after it");

  concerns = RESOLVE_LIST (c, &wp, when, "concerns_any", find_concern, "concern", FALSE, &n);
  if (concerns != NULL && n == 0 && json_object_get_member (when, "concerns_any") != NULL)
    {
      Path cp = { &wp, "concerns_any", 0 };
      problem (c, &cp, json_object_get_member (when, "concerns_any"), "must name at least one concern");
    }
  r->concerns_any = list_to_mask (concerns, n, G_STRUCT_OFFSET (MskConcern, index));
  requesters = RESOLVE_LIST (c, &wp, when, "requester_in", find_choice_requester, "requester", FALSE, &n);
  r->requester_in = list_to_mask (requesters, n, G_STRUCT_OFFSET (MskChoice, index));
  r->no_concerns = want_bool (c, &wp, when, "no_concerns", FALSE);
  r->region_chosen = want_bool (c, &wp, when, "region_chosen", FALSE);
  if (json_object_get_member (when, "fcp_governance") != NULL)
    r->fcp_governance = want_bool (c, &wp, when, "fcp_governance", FALSE) ? 1 : 0;

  if (r->concerns_any != 0 && r->no_concerns)
    problem (c, &wp, when, "\"concerns_any\" and \"no_concerns\" cannot both hold: the route could never fire");
}

static void
load_service (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "borough", "service", "referral", "resource", "details_known", NULL };
  MskService *s = item;

  check_members (c, path, obj, known);
  s->borough = RESOLVE (c, path, obj, "borough", find_choice_borough, "borough", TRUE);
  s->service = want_string (c, path, obj, "service", TRUE);
  s->referral = want_string (c, path, obj, "referral", TRUE);
  s->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
  s->details_known = want_bool (c, path, obj, "details_known", FALSE);
}

static void
load_section (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "heading", "paragraphs", "resources", "services_table",
                                        "concern_prompts", "metadata", NULL };
  static const char * const para_known[] = { "text", "resources", NULL };
  MskSection *s = item;
  Path pp = { path, "paragraphs", 0 };
  JsonArray *arr;

  check_members (c, path, obj, known);
  s->id = want_id (c, path, obj);
  s->heading = want_string (c, path, obj, "heading", TRUE);
  s->services_table = want_bool (c, path, obj, "services_table", FALSE);
  s->concern_prompts = want_bool (c, path, obj, "concern_prompts", FALSE);
  s->metadata = want_bool (c, path, obj, "metadata", FALSE);
  s->resources = (const MskResource **) RESOLVE_LIST (c, path, obj, "resources", find_resource,
                                                     "resource", FALSE, &s->n_resources);

  arr = want_array (c, &pp, json_object_get_member (obj, "paragraphs"), TRUE);
  if (arr == NULL || too_long (c, &pp, arr))
    return;
  s->n_paragraphs = json_array_get_length (arr);
  s->paragraphs = g_new0 (MskParagraph, s->n_paragraphs + 1);
  for (guint i = 0; i < s->n_paragraphs; i++)
    {
      Path ip = { &pp, NULL, i };
      JsonObject *po = want_object (c, &ip, json_array_get_element (arr, i));
      MskParagraph *p = (MskParagraph *) &s->paragraphs[i];

      if (po == NULL)
        continue;
      check_members (c, &ip, po, para_known);
      p->text = want_string (c, &ip, po, "text", TRUE);
      p->resources = (const MskResource **) RESOLVE_LIST (c, &ip, po, "resources", find_resource,
                                                         "resource", FALSE, &p->n_resources);
    }
}

/* ---- whole-file checks ---- */

static const char **
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

/* The contract ships inside the program and never changes while it runs:
 * parse it once, not on every policy load. */
static JsonObject *
contract_ids (void)
{
  static JsonNode *contract;

  if (g_once_init_enter (&contract))
    {
      /* Looked up through the resource handle: referring to it keeps the
       * static library's resource object in the link. */
      g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), CONTRACT_RESOURCE, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      /* If either fails the build is broken; the tests load it every run. */
      g_assert (bytes != NULL);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        g_assert_not_reached ();
      g_once_init_leave (&contract, json_node_ref (json_parser_get_root (parser)));
    }
  return json_node_get_object (contract);
}

static void
check_contract (Check      *c,
                JsonObject *root)
{
  JsonObject *contract = contract_ids ();
  static const struct {
    const char *list;
    const char *what;
    gconstpointer (*finder) (MskPolicy *, const char *);
  } lists[] = {
    { "requesters", "requester", (gconstpointer (*) (MskPolicy *, const char *)) find_choice_requester },
    { "regions", "region", (gconstpointer (*) (MskPolicy *, const char *)) find_region },
    { "boroughs", "borough", (gconstpointer (*) (MskPolicy *, const char *)) find_choice_borough },
    { "concerns", "concern", (gconstpointer (*) (MskPolicy *, const char *)) find_concern },
    { "outcomes", "outcome", (gconstpointer (*) (MskPolicy *, const char *)) find_outcome },
    { "pathways", "pathway", (gconstpointer (*) (MskPolicy *, const char *)) find_pathway },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonArray *ids = json_object_get_array_member (contract, lists[i].list);
      Path path = { NULL, lists[i].list, 0 };

      /* Skip a list the file failed to give at all: that is already reported. */
      if (json_object_get_member (root, lists[i].list) == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (ids); j++)
        {
          const char *id = json_array_get_string_element (ids, j);
          if (lists[i].finder (c->policy, id) == NULL)
            problem (c, &path, json_object_get_member (root, lists[i].list),
                     "the %s \"%s\" is part of the app's public contract and must be defined", lists[i].what, id);
        }
    }
}

static gboolean
text_in_document (MskPolicy  *self,
                  const char *text)
{
  for (guint i = 0; i < self->n_sections; i++)
    for (guint j = 0; j < self->sections[i].n_paragraphs; j++)
      if (self->sections[i].paragraphs[j].text != NULL && strstr (self->sections[i].paragraphs[j].text, text) != NULL)
        return TRUE;
  return FALSE;
}

static void
load_patient_sheet (Check      *c,
                    JsonObject *root)
{
  static const char * const known[] = { "title", "intro", "next_heading", "next", "why_heading", "why", "why_for",
                                        "urgent_heading", "urgent_intro", "urgent_signs", "urgent_source", NULL };
  MskPolicy *self = c->policy;
  Path path = { NULL, "patient_sheet", 0 };
  Path np = { &path, "next", 0 };
  JsonObject *obj = want_object (c, &path, json_object_get_member (root, "patient_sheet"));
  JsonObject *next;
  MskPatientSheet *ps = &self->patient_sheet;

  if (obj == NULL)
    return;
  check_members (c, &path, obj, known);
  ps->title = want_string (c, &path, obj, "title", TRUE);
  ps->intro = want_string (c, &path, obj, "intro", TRUE);
  ps->next_heading = want_string (c, &path, obj, "next_heading", TRUE);
  ps->why_heading = want_string (c, &path, obj, "why_heading", TRUE);
  ps->why = want_string_list (c, &path, obj, "why", TRUE);
  self->patient_why_for = (const MskOutcome **) RESOLVE_LIST (c, &path, obj, "why_for", find_outcome,
                                                             "outcome", TRUE, &self->n_patient_why_for);
  ps->urgent_heading = want_string (c, &path, obj, "urgent_heading", TRUE);
  ps->urgent_intro = want_string (c, &path, obj, "urgent_intro", TRUE);
  ps->urgent_signs = want_string_list (c, &path, obj, "urgent_signs", TRUE);
  ps->urgent_source = want_string (c, &path, obj, "urgent_source", TRUE);

  next = want_object (c, &np, json_object_get_member (obj, "next"));
  if (next == NULL)
    return;
  self->patient_next = g_new0 (const char *, self->n_outcomes + 1);
  for (guint i = 0; i < self->n_outcomes; i++)
    if (self->outcomes[i].id != NULL)
      self->patient_next[i] = want_string (c, &np, next, self->outcomes[i].id, TRUE);
  {
    g_autoptr(GList) members = json_object_get_members (next);
    for (GList *l = members; l != NULL; l = l->next)
      if (find_outcome (self, l->data) == NULL)
        {
          Path mp = { &np, l->data, 0 };
          problem (c, &mp, json_object_get_member (next, l->data), "unknown outcome \"%s\"", (const char *) l->data);
        }
  }
}

static void
load_everything (Check      *c,
                 JsonObject *root)
{
  static const char * const known[] = {
    "format", "metadata", "requesters", "fcp_governance", "boroughs", "regions", "spinal_resources",
    "general_resources", "concerns", "prompts_heading", "prompts_note", "urgencies", "outcomes",
    "mri_verdicts", "pathways", "routes", "incomplete", "warnings", "rationale", "community_services",
    "resources", "document", "patient_sheet", "disclaimer", NULL
  };
  static const char * const meta_known[] = { "id", "title", "organisation", "status", "version", "effective",
                                             "review", "author", "approvers", NULL };
  MskPolicy *self = c->policy;
  Path fp = { NULL, "format", 0 };
  Path mp = { NULL, "metadata", 0 };
  Path gp = { NULL, "fcp_governance", 0 };
  Path ip = { NULL, "incomplete", 0 };
  Path wp = { NULL, "warnings", 0 };
  Path sp = { NULL, "community_services", 0 };
  JsonNode *format = json_object_get_member (root, "format");
  JsonObject *meta, *gov, *inc, *warn, *services;
  guint n;

  check_members (c, NULL, root, known);

  if (format == NULL)
    problem (c, &fp, root, "missing (this app reads format 1)");
  else if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64 ||
           json_node_get_int (format) != 1)
    problem (c, &fp, format, "this app reads format 1 only");

  meta = want_object (c, &mp, json_object_get_member (root, "metadata"));
  if (meta != NULL)
    {
      check_members (c, &mp, meta, meta_known);
      self->id = want_id (c, &mp, meta);
      self->title = want_string (c, &mp, meta, "title", TRUE);
      self->organisation = want_string (c, &mp, meta, "organisation", TRUE);
      self->status = want_string (c, &mp, meta, "status", FALSE);
      self->version = want_string (c, &mp, meta, "version", TRUE);
      self->author = want_string (c, &mp, meta, "author", TRUE);
      self->approvers = want_string_list (c, &mp, meta, "approvers", TRUE);
      want_date (c, &mp, meta, "effective", &self->effective);
      want_date (c, &mp, meta, "review", &self->review);
      if (g_date_valid (&self->effective) && g_date_valid (&self->review) &&
          g_date_compare (&self->review, &self->effective) <= 0)
        {
          Path rp = { &mp, "review", 0 };
          problem (c, &rp, json_object_get_member (meta, "review"), "the review date must come after the effective date");
        }
    }

  /* Resources first: everything else refers to them. */
  self->resources = load_items (c, NULL, root, "resources", sizeof (MskResource),
                                G_STRUCT_OFFSET (MskResource, id), load_resource, &self->n_resources);
  self->requesters = load_items (c, NULL, root, "requesters", sizeof (MskChoice),
                                 G_STRUCT_OFFSET (MskChoice, id), load_choice, &self->n_requesters);
  self->boroughs = load_items (c, NULL, root, "boroughs", sizeof (MskChoice),
                               G_STRUCT_OFFSET (MskChoice, id), load_choice, &self->n_boroughs);
  self->regions = load_items (c, NULL, root, "regions", sizeof (MskRegion),
                              G_STRUCT_OFFSET (MskRegion, id), load_region, &self->n_regions);
  self->concerns = load_items (c, NULL, root, "concerns", sizeof (MskConcern),
                               G_STRUCT_OFFSET (MskConcern, id), load_concern, &self->n_concerns);
  self->urgencies = load_items (c, NULL, root, "urgencies", sizeof (MskUrgency),
                                G_STRUCT_OFFSET (MskUrgency, id), load_urgency, &self->n_urgencies);
  self->outcomes = load_items (c, NULL, root, "outcomes", sizeof (MskOutcome),
                               G_STRUCT_OFFSET (MskOutcome, id), load_outcome, &self->n_outcomes);
  self->verdicts = load_items (c, NULL, root, "mri_verdicts", sizeof (MskVerdict),
                               G_STRUCT_OFFSET (MskVerdict, id), load_verdict, &self->n_verdicts);
  self->pathways = load_items (c, NULL, root, "pathways", sizeof (MskPathway),
                               G_STRUCT_OFFSET (MskPathway, id), load_pathway, &self->n_pathways);
  self->rationale = load_items (c, NULL, root, "rationale", sizeof (MskRationale),
                                G_STRUCT_OFFSET (MskRationale, id), load_rationale, &self->n_rationale);
  self->routes = load_items (c, NULL, root, "routes", sizeof (MskRoute),
                             G_STRUCT_OFFSET (MskRoute, id), load_route, &self->n_routes);
  self->sections = load_items (c, NULL, root, "document", sizeof (MskSection),
                               G_STRUCT_OFFSET (MskSection, id), load_section, &self->n_sections);

  /* Masks are one bit an item. */
  if (self->n_concerns > 31)
    {
      Path cp = { NULL, "concerns", 0 };
      problem (c, &cp, json_object_get_member (root, "concerns"), "at most 31 concerns are supported");
    }
  if (self->n_requesters > 31)
    {
      Path rp = { NULL, "requesters", 0 };
      problem (c, &rp, json_object_get_member (root, "requesters"), "at most 31 requesters are supported");
    }

  /* Routes are listed most urgent first; the first to fire sets the outcome. */
  for (guint i = 1; i < self->n_routes; i++)
    if (self->routes[i].urgency != NULL && self->routes[i - 1].urgency != NULL &&
        self->routes[i].urgency->rank < self->routes[i - 1].urgency->rank)
      {
        Path rp = { NULL, "routes", 0 };
        Path ep = { &rp, NULL, i };
        Path up = { &ep, "urgency", 0 };
        problem (c, &up, NULL, "\"%s\" is more urgent than the route before it: list routes most urgent first",
                 self->routes[i].urgency->id);
      }

  self->spinal_resources = (const MskResource **) RESOLVE_LIST (c, NULL, root, "spinal_resources", find_resource,
                                                               "resource", TRUE, &self->n_spinal_resources);
  self->general_resources = (const MskResource **) RESOLVE_LIST (c, NULL, root, "general_resources", find_resource,
                                                                "resource", TRUE, &self->n_general_resources);
  self->prompts_heading = want_string (c, NULL, root, "prompts_heading", TRUE);
  self->prompts_note = want_string (c, NULL, root, "prompts_note", TRUE);
  self->disclaimer = want_string (c, NULL, root, "disclaimer", TRUE);

  gov = want_object (c, &gp, json_object_get_member (root, "fcp_governance"));
  if (gov != NULL)
    {
      static const char * const gov_known[] = { "label", "applies_to", NULL };
      g_autofree gconstpointer *applies = NULL;

      check_members (c, &gp, gov, gov_known);
      self->governance_label = want_string (c, &gp, gov, "label", TRUE);
      applies = RESOLVE_LIST (c, &gp, gov, "applies_to", find_choice_requester, "requester", TRUE, &n);
      self->governance_mask = list_to_mask (applies, n, G_STRUCT_OFFSET (MskChoice, index));
    }

  inc = want_object (c, &ip, json_object_get_member (root, "incomplete"));
  if (inc != NULL)
    {
      static const char * const inc_known[] = { "outcome", "missing_region", NULL };
      check_members (c, &ip, inc, inc_known);
      self->incomplete = RESOLVE (c, &ip, inc, "outcome", find_outcome, "outcome", TRUE);
      self->missing_region = want_string (c, &ip, inc, "missing_region", TRUE);
    }

  warn = want_object (c, &wp, json_object_get_member (root, "warnings"));
  if (warn != NULL)
    {
      static const char * const warn_known[] = { "past_review", "no_borough", "not_yet_effective", NULL };
      check_members (c, &wp, warn, warn_known);
      self->warn_past_review = want_string (c, &wp, warn, "past_review", TRUE);
      self->warn_no_borough = want_string (c, &wp, warn, "no_borough", TRUE);
      self->warn_not_yet_effective = want_string (c, &wp, warn, "not_yet_effective", TRUE);
    }

  services = want_object (c, &sp, json_object_get_member (root, "community_services"));
  if (services != NULL)
    {
      static const char * const svc_known[] = { "note", "services", NULL };
      check_members (c, &sp, services, svc_known);
      self->services_note = want_string (c, &sp, services, "note", TRUE);
      self->services = load_items (c, &sp, services, "services", sizeof (MskService),
                                   G_MAXSIZE, load_service, &self->n_services);
      for (guint i = 0; i < self->n_boroughs; i++)
        {
          guint count = 0;
          for (guint j = 0; j < self->n_services; j++)
            count += (self->services[j].borough == &self->boroughs[i]);
          if (count != 1 && self->boroughs[i].id != NULL)
            {
              Path lp = { &sp, "services", 0 };
              problem (c, &lp, json_object_get_member (services, "services"),
                       "the borough \"%s\" has %u entries; every borough needs exactly one", self->boroughs[i].id, count);
            }
        }
    }

  /* The decision pane quotes rationale by sentence; each must stand in the
   * policy's own text, so a reworded policy cannot leave a stale quote. */
  for (guint i = 0; i < self->n_rationale; i++)
    if (self->rationale[i].text != NULL && self->n_sections > 0 && !text_in_document (self, self->rationale[i].text))
      {
        Path rp = { NULL, "rationale", 0 };
        Path ep = { &rp, NULL, i };
        Path tp = { &ep, "text", 0 };
        problem (c, &tp, NULL, "is not quoted word for word from any paragraph of \"document\"");
      }

  load_patient_sheet (c, root);
  check_contract (c, root);
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

static void
on_member_cb (JsonParser  *parser,
              JsonObject  *object,
              const char  *name,
              LineTracker *t)
{
  JsonNode *node = json_object_get_member (object, name);
  gpointer key = node;

  /* Report a container at its opening line, as a reader finds it. */
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
on_element_cb (JsonParser  *parser,
               JsonArray   *array,
               int          index,
               LineTracker *t)
{
  JsonNode *node = json_array_get_element (array, index);
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

static JsonParser *
parse_tracking_lines (const char  *data,
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

/* ---- lifecycle ---- */

static void
policy_free_items (MskPolicy *self)
{
  for (guint i = 0; i < self->n_regions && self->regions; i++)
    g_free ((gpointer) self->regions[i].resources);
  for (guint i = 0; i < self->n_concerns && self->concerns; i++)
    g_free ((gpointer) self->concerns[i].prompts);
  for (guint i = 0; i < self->n_routes && self->routes; i++)
    g_free ((gpointer) self->routes[i].rationale);
  for (guint i = 0; i < self->n_sections && self->sections; i++)
    {
      for (guint j = 0; j < self->sections[i].n_paragraphs && self->sections[i].paragraphs; j++)
        g_free ((gpointer) self->sections[i].paragraphs[j].resources);
      g_free ((gpointer) self->sections[i].paragraphs);
      g_free ((gpointer) self->sections[i].resources);
    }
  g_free (self->resources);
  g_free (self->requesters);
  g_free (self->boroughs);
  g_free (self->regions);
  g_free (self->concerns);
  g_free (self->urgencies);
  g_free (self->outcomes);
  g_free (self->verdicts);
  g_free (self->pathways);
  g_free (self->rationale);
  g_free (self->routes);
  g_free (self->sections);
  g_free (self->services);
  g_free (self->spinal_resources);
  g_free (self->general_resources);
  g_free (self->approvers);
  g_free (self->patient_sheet.why);
  g_free (self->patient_sheet.urgent_signs);
  g_free (self->patient_next);
  g_free (self->patient_why_for);
}

MskPolicy *
msk_policy_ref (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
msk_policy_unref (MskPolicy *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  policy_free_items (self);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->origin);
  g_free (self->sha256);
  g_free (self->past_review_text);
  g_free (self->not_yet_effective_text);
  g_free (self);
}

/* Parses, checks and builds. With `lines` the problems carry line numbers. */
static MskPolicy *
build (JsonNode   *root,
       GHashTable *lines,
       GPtrArray  *problems)
{
  MskPolicy *self = g_new0 (MskPolicy, 1);
  Check c = { problems, lines, self };

  g_atomic_ref_count_init (&self->ref);
  self->root = json_node_ref (root);
  g_date_clear (&self->effective, 1);
  g_date_clear (&self->review, 1);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    problem (&c, NULL, NULL, "the file must hold one JSON object, not %s", node_type_name (root));
  else
    load_everything (&c, json_node_get_object (root));
  _msk_policy_lint (root, lines, problems);  /* issue #11 */

  return self;
}

static GPtrArray *
check_bytes (GBytes     *bytes,
             MskPolicy **policy_out)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) lines = NULL;
  MskPolicy *self;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  *policy_out = NULL;
  _msk_skip_bom (&data, &len);
  if (!_msk_json_guard_check (data, len, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, &error))
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return problems;
    }
  if (!json_parser_load_from_data (parser, data, len, &error))
    {
      g_autofree char *safe = _msk_printable (error->message);
      g_ptr_array_add (problems, g_strdup_printf ("$: not valid JSON: %s", safe));
      return problems;
    }
  /* The guard refuses empty text, so this is belt and braces: build() must
   * never be handed no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_ptr_array_add (problems, g_strdup ("$: the file holds no JSON value"));
      return problems;
    }

  self = build (json_parser_get_root (parser), NULL, problems);
  if (problems->len == 0)
    {
      *policy_out = self;
      return problems;
    }
  msk_policy_unref (self);

  /* Only a failing file pays for line numbers: parse again with the
   * parser's signals on and check again, reporting with lines this time. */
  g_ptr_array_set_size (problems, 0);
  g_clear_object (&parser);
  parser = parse_tracking_lines (data, len, &lines);
  g_assert (parser != NULL);
  self = build (json_parser_get_root (parser), lines, problems);
  msk_policy_unref (self);
  return problems;
}

GPtrArray *
msk_policy_check_bytes (GBytes *bytes)
{
  MskPolicy *policy = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (bytes != NULL, NULL);

  problems = check_bytes (bytes, &policy);
  g_clear_pointer (&policy, msk_policy_unref);
  return problems;
}

static char *
fill_date (const char  *text,
           const char  *placeholder,
           const GDate *date)
{
  g_autofree char *uk = msk_format_date_uk (date);
  GString *s = g_string_new (text);

  g_string_replace (s, placeholder, uk, 0);
  return g_string_free (s, FALSE);
}

MskPolicy *
msk_policy_new_from_bytes (GBytes      *bytes,
                           const char  *origin,
                           GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  MskPolicy *self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = check_bytes (bytes, &self);
  if (self == NULL)
    {
      g_autoptr(GString) msg = g_string_new (NULL);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (msg, "%s%s", i ? "\n" : "", (const char *) problems->pdata[i]);
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_POLICY, msg->str);
      return NULL;
    }

  self->origin = g_strdup (origin ? origin : "(memory)");
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  /* The warnings name dates the user reads; format them once, not per decision. */
  self->past_review_text = fill_date (self->warn_past_review, "{review}", &self->review);
  self->not_yet_effective_text = fill_date (self->warn_not_yet_effective, "{effective}", &self->effective);
  return self;
}

MskPolicy *
msk_policy_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *abs = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = msk_read_limited (path, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, error);
  if (bytes == NULL)
    return NULL;
  file = g_file_new_for_commandline_arg (path);
  abs = g_file_get_path (file);
  return msk_policy_new_from_bytes (bytes, abs ? abs : path, error);
}

MskPolicy *
msk_policy_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), BUNDLED_RESOURCE, 0, error);

  if (bytes == NULL)
    return NULL;
  return msk_policy_new_from_bytes (bytes, "bundled", error);
}

/* ---- accessors ---- */

#define GETTER(name, type, field)                       \
  type                                                  \
  msk_policy_get_##name (MskPolicy *self)               \
  {                                                     \
    g_return_val_if_fail (self != NULL, 0);             \
    return self->field;                                 \
  }

GETTER (origin, const char *, origin)
GETTER (sha256, const char *, sha256)
GETTER (id, const char *, id)
GETTER (title, const char *, title)
GETTER (organisation, const char *, organisation)
GETTER (status, const char *, status)
GETTER (version, const char *, version)
GETTER (author, const char *, author)
GETTER (disclaimer, const char *, disclaimer)
GETTER (prompts_heading, const char *, prompts_heading)
GETTER (prompts_note, const char *, prompts_note)
GETTER (governance_label, const char *, governance_label)
GETTER (services_note, const char *, services_note)
GETTER (n_requesters, guint, n_requesters)
GETTER (n_boroughs, guint, n_boroughs)
GETTER (n_regions, guint, n_regions)
GETTER (n_concerns, guint, n_concerns)
GETTER (n_pathways, guint, n_pathways)
GETTER (n_routes, guint, n_routes)
GETTER (n_resources, guint, n_resources)
GETTER (n_rationale, guint, n_rationale)
GETTER (n_sections, guint, n_sections)
GETTER (n_services, guint, n_services)
GETTER (n_outcomes, guint, n_outcomes)
GETTER (n_general_resources, guint, n_general_resources)
GETTER (n_spinal_resources, guint, n_spinal_resources)

#define ITEM(name, type, array, count)                          \
  const type *                                                  \
  msk_policy_get_##name (MskPolicy *self, guint i)              \
  {                                                             \
    g_return_val_if_fail (self != NULL, NULL);                  \
    g_return_val_if_fail (i < self->count, NULL);               \
    return &self->array[i];                                     \
  }

ITEM (requester, MskChoice, requesters, n_requesters)
ITEM (borough, MskChoice, boroughs, n_boroughs)
ITEM (region, MskRegion, regions, n_regions)
ITEM (concern, MskConcern, concerns, n_concerns)
ITEM (pathway, MskPathway, pathways, n_pathways)
ITEM (route, MskRoute, routes, n_routes)
ITEM (resource, MskResource, resources, n_resources)
ITEM (rationale, MskRationale, rationale, n_rationale)
ITEM (section, MskSection, sections, n_sections)
ITEM (service, MskService, services, n_services)
ITEM (outcome, MskOutcome, outcomes, n_outcomes)

const MskResource *
msk_policy_get_general_resource (MskPolicy *self,
                                 guint      i)
{
  g_return_val_if_fail (self != NULL && i < self->n_general_resources, NULL);
  return self->general_resources[i];
}

const MskResource *
msk_policy_get_spinal_resource (MskPolicy *self,
                                guint      i)
{
  g_return_val_if_fail (self != NULL && i < self->n_spinal_resources, NULL);
  return self->spinal_resources[i];
}

const GDate *
msk_policy_get_effective (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->effective;
}

const GDate *
msk_policy_get_review (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->review;
}

const char * const *
msk_policy_get_approvers (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->approvers;
}

gboolean
msk_policy_governance_applies (MskPolicy       *self,
                               const MskChoice *requester)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return requester != NULL && (self->governance_mask & (1u << requester->index)) != 0;
}

const MskPatientSheet *
msk_policy_get_patient_sheet (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->patient_sheet;
}

gboolean
msk_policy_patient_why_applies (MskPolicy        *self,
                                const MskOutcome *outcome)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; outcome != NULL && i < self->n_patient_why_for; i++)
    if (self->patient_why_for[i] == outcome)
      return TRUE;
  return FALSE;
}

const char *
msk_policy_get_patient_next (MskPolicy        *self,
                             const MskOutcome *outcome)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (outcome == NULL)
    return NULL;
  for (guint i = 0; i < self->n_outcomes; i++)
    if (&self->outcomes[i] == outcome)
      return self->patient_next[i];
  return NULL;
}

/* The public look-ups: the same linear finders, behind the API's checks. */
#define PUBLIC_FIND(name, Type, finder)                 \
  const Type *                                          \
  msk_policy_find_##name (MskPolicy *self,              \
                          const char *id)               \
  {                                                     \
    g_return_val_if_fail (self != NULL, NULL);          \
    return finder (self, id);                           \
  }

PUBLIC_FIND (requester, MskChoice, find_choice_requester)
PUBLIC_FIND (borough, MskChoice, find_choice_borough)
PUBLIC_FIND (region, MskRegion, find_region)
PUBLIC_FIND (concern, MskConcern, find_concern)
PUBLIC_FIND (outcome, MskOutcome, find_outcome)

const MskService *
msk_policy_find_service (MskPolicy       *self,
                         const MskChoice *borough)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; borough != NULL && i < self->n_services; i++)
    if (self->services[i].borough == borough)
      return &self->services[i];
  return NULL;
}
