/* msk-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-core-resources.h"
#include "msk-test-util.h"

JsonNode *
msk_test_load_fixture (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  /* Built, not got: fixtures are also read while tests are registered,
   * outside any test case. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

void
msk_test_add_fixture_cases (const char    *fixture,
                            const char    *prefix,
                            GTestDataFunc  func)
{
  g_autoptr(JsonNode) root = msk_test_load_fixture (fixture);
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");

  g_assert_cmpuint (json_array_get_length (cases), >=, 20);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, json_object_get_string_member (c, "name"));

      g_test_add_data_func_full (path, json_object_ref (c), func, (GDestroyNotify) json_object_unref);
    }
}

GBytes *
msk_test_bundled_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (msk_core_get_resource (),
                                          "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json", 0, &error);
  g_assert_no_error (error);
  return bytes;
}

/* An array element by position ("3") or by a member's value ("[id=ces]",
 * "[borough=newham]" for items without an id), so tests name policy items
 * as maintainers do and survive items being added. */
static guint
element_index (JsonArray  *arr,
               const char *part)
{
  const char *eq = strchr (part, '=');

  if (part[0] == '[' && eq != NULL && g_str_has_suffix (part, "]"))
    {
      g_autofree char *key = g_strndup (part + 1, eq - part - 1);
      g_autofree char *value = g_strndup (eq + 1, strlen (eq + 1) - 1);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);
          if (JSON_NODE_HOLDS_OBJECT (el) &&
              g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (el), key, NULL), value) == 0)
            return i;
        }
      g_error ("no item with %s \"%s\"", key, value);
    }
  return (guint) atoi (part);
}

/* The node at the first `n` parts of a slash path. */
static JsonNode *
walk (JsonNode    *root,
      char       **parts,
      guint        n)
{
  JsonNode *node = root;

  for (guint i = 0; i < n; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else
        {
          JsonArray *arr = json_node_get_array (node);
          guint idx = element_index (arr, parts[i]);

          g_assert_cmpuint (idx, <, json_array_get_length (arr));
          node = json_array_get_element (arr, idx);
        }
      g_assert_nonnull (node);
    }
  return node;
}

JsonNode *
msk_test_lookup (JsonNode   *root,
                 const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  return walk (root, parts, g_strv_length (parts));
}

char *
msk_test_resolve_ids (JsonNode   *root,
                      const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      g_autoptr(GString) path = NULL;

      if (*p != '$')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      /* A problem's path, "$.routes[2].when": walked as a slash path so
       * that "[id=…]" can be looked up where it stands. */
      path = g_string_new (NULL);
      g_string_append_c (out, *p++);
      for (;;)
        {
          if (*p == '.' && (g_ascii_isalpha (p[1]) || p[1] == '_'))
            {
              const char *start = ++p;

              while (g_ascii_isalnum (*p) || *p == '_')
                p++;
              g_string_append_printf (out, ".%.*s", (int) (p - start), start);
              g_string_append_printf (path, "%s%.*s", path->len ? "/" : "", (int) (p - start), start);
            }
          else if (*p == '[' && strchr (p, ']') != NULL)
            {
              const char *end = strchr (p, ']');
              g_autofree char *part = g_strndup (p, end - p + 1);

              if (strchr (part, '=') != NULL)
                {
                  guint idx = element_index (json_node_get_array (msk_test_lookup (root, path->str)), part);

                  g_string_append_printf (out, "[%u]", idx);
                  g_string_append_printf (path, "/%u", idx);
                }
              else
                {
                  g_string_append (out, part);
                  g_string_append_printf (path, "/%.*s", (int) (end - p - 1), p + 1);
                }
              p = end + 1;
            }
          else
            break;
        }
    }
  return g_string_free (out, FALSE);
}

void
msk_test_edit (JsonNode   *root,
               const char *path,
               JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = walk (root, parts, n - 1);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (value)
        json_object_set_member (json_node_get_object (node), parts[n - 1], json_node_copy (value));
      else
        {
          g_assert_true (json_object_has_member (json_node_get_object (node), parts[n - 1]));
          json_object_remove_member (json_node_get_object (node), parts[n - 1]);
        }
    }
  else
    {
      JsonArray *arr = json_node_get_array (node);
      guint idx = element_index (arr, parts[n - 1]);
      g_assert_cmpuint (idx, <, json_array_get_length (arr));
      if (value)
        {
          /* json-glib has no replace: rebuild the array. */
          JsonArray *copy = json_array_new ();
          for (guint i = 0; i < json_array_get_length (arr); i++)
            json_array_add_element (copy, json_node_copy (i == idx ? value : json_array_get_element (arr, i)));
          json_node_take_array (node, copy);
        }
      else
        json_array_remove_element (arr, idx);
    }
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_ref (json_parser_get_root (parser));
}

JsonNode *
msk_test_bundled_json (void)
{
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return json_node_ref (json_parser_get_root (parser));
}

JsonNode *
msk_test_bundled_file_json (void)
{
  const char *path = g_getenv ("MSK_BUNDLED_POLICY");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* Set by tests/meson.build from data/meson.build: never skipped. */
  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

char *
msk_test_bundled_metadata (const char *member)
{
  g_autoptr(JsonNode) root = msk_test_bundled_file_json ();
  JsonObject *meta = json_object_get_object_member (json_node_get_object (root), "metadata");

  return g_strdup (json_object_get_string_member (meta, member));
}

void
msk_test_set_version (JsonNode   *root,
                      const char *version)
{
  JsonObject *source = json_object_get_object_member (json_node_get_object (root), "source");
  g_autofree char *line = g_strdup_printf ("VERSION %s", version);

  json_object_set_string_member (json_object_get_object_member (json_node_get_object (root), "metadata"),
                                 "version", version);
  /* The validator wants the stamp in the document's own words. */
  json_array_add_string_element (json_object_get_array_member (source, "paragraphs"), line);
}

/* Writes `node` pretty, as a maintainer's file is: one member a line, so a
 * problem's line number means something. */
static char *
to_pretty_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

#define EDIT_MARK "@msk-test-edit@"

GBytes *
msk_test_edit_text (const char *path,
                    const char *raw)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonNode) mark = json_node_init_string (json_node_alloc (), EDIT_MARK);
  g_autofree char *was = to_pretty_json (msk_test_lookup (root, path));
  g_autoptr(GString) with = g_string_new (raw);
  g_autofree char *json = NULL;
  GString *text;

  /* A string stands for its text inside its quotes. */
  if (JSON_NODE_HOLDS_VALUE (msk_test_lookup (root, path)) &&
      json_node_get_value_type (msk_test_lookup (root, path)) == G_TYPE_STRING)
    {
      g_assert_true (strlen (was) >= 2 && was[0] == '"' && was[strlen (was) - 1] == '"');
      was[strlen (was) - 1] = '\0';
      memmove (was, was + 1, strlen (was));
    }
  g_string_replace (with, "%s", was, 1);

  msk_test_edit (root, path, mark);
  json = to_pretty_json (root);
  text = g_string_new (json);
  g_assert_cmpuint (g_string_replace (text, "\"" EDIT_MARK "\"", with->str, 0), ==, 1);
  return g_string_free_to_bytes (text);
}

/* Inserts `element` (taken) before the item with id `before`, or at the end. */
static void
insert_before (JsonArray  *arr,
               const char *before,
               JsonNode   *element)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gboolean placed = FALSE;

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);

      if (!placed && before != NULL && JSON_NODE_HOLDS_OBJECT (el) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (el), "id", NULL), before) == 0)
        {
          g_ptr_array_add (items, json_node_ref (element));
          placed = TRUE;
        }
      g_ptr_array_add (items, json_node_ref (el));
    }
  if (!placed)
    g_ptr_array_add (items, json_node_ref (element));
  while (json_array_get_length (arr) > 0)
    json_array_remove_element (arr, 0);
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (arr, json_node_ref (items->pdata[i]));
  json_node_unref (element);
}

GBytes *
msk_test_extended_policy_bytes (void)
{
  g_autoptr(JsonNode) node = msk_test_bundled_json ();
  JsonObject *root = json_node_get_object (node);
  char *text;

  json_array_add_string_element (json_object_get_array_member (json_object_get_object_member (root, "source"), "paragraphs"),
                                 "For a new red flag, follow the new pathway.");
  /* A red flag that can be an emergency, as a maintainer adds a real one:
   * a sign that escalates its route to the emergency outcome, and a "get
   * help straight away" box for the patient sheet, about as long as the
   * policy's own. */
  insert_before (json_object_get_array_member (root, "concerns"), NULL, parse (
    "{ \"id\": \"" MSK_TEST_NEW_CONCERN "\","
    "  \"label\": \"A new red flag (test words, as long as a real label with its kinds in brackets)\","
    "  \"prompts\": ["
    "    { \"text\": \"A first prompt for the new red flag, as long as the policy's own prompts are\", \"source\": \"nice_ng12\" },"
    "    { \"text\": \"A second prompt: several risk factors listed, one after another, as real ones are\", \"source\": \"nice_ng12\" },"
    "    { \"text\": \"A third prompt for the new red flag, about a recent event that raises the risk\", \"source\": \"nice_ng12\" },"
    "    { \"text\": \"A fourth prompt: the pain, how constant, and when it is worse\", \"source\": \"nice_ng12\" },"
    "    { \"text\": \"A fifth prompt: test results, if already known\", \"source\": \"nice_ng12\" } ],"
    "  \"signs\": [ { \"id\": \"" MSK_TEST_NEW_SIGN "\","
    "                 \"label\": \"A new emergency sign with a new deficit (test words, a real label's length)\","
    "                 \"description\": \"A sign of the new red flag that makes it an emergency: test words as long as a "
    "real description, which names what to look for and why it needs the same day.\","
    "                 \"source\": \"nice_ng12\" } ] }"));
  insert_before (json_object_get_array_member (root, "pathways"), NULL, parse (
    "{ \"id\": \"test_new_pathway\", \"title\": \"Follow the new pathway\","
    "  \"text\": \"For a new red flag, follow the new pathway.\" }"));
  /* Among the urgent routes: routes are listed most urgent first. */
  insert_before (json_object_get_array_member (root, "routes"), "urgent_msk", parse (
    "{ \"id\": \"" MSK_TEST_NEW_ROUTE "\", \"when\": { \"concerns_any\": [\"" MSK_TEST_NEW_CONCERN "\"] },"
    "  \"pathway\": \"test_new_pathway\", \"outcome\": \"urgent_pathway\", \"urgency\": \"urgent\","
    "  \"mri_in_primary_care\": \"via_pathway\","
    "  \"headline\": \"Urgent: the new red flag (test) \u2014 use the new pathway today\","
    "  \"urgency_basis\": { \"note\": \"the new red flag needs tests and a specialist the same day (test words)\","
    "                       \"sources\": [\"nice_ng12\"] },"
    "  \"why\": \"The new red flag is ticked: test words as long as a real reason, naming what it may be and why it is urgent.\","
    "  \"escalation\": { \"signs_any\": [\"" MSK_TEST_NEW_SIGN "\"], \"outcome\": \"emergency_pathway\","
    "    \"urgency\": \"emergency\","
    "    \"headline\": \"Emergency: the new emergency sign (test) \u2014 same day to the emergency department\","
    "    \"urgency_basis\": { \"note\": \"a new deficit with the new red flag is an emergency (test words)\","
    "                         \"sources\": [\"nice_ng12\"] },"
    "    \"why\": \"The new emergency sign is ticked with the new red flag: test words naming the emergency it may be.\" } }"));
  insert_before (json_object_get_array_member (json_object_get_object_member (root, "patient_sheet"), "safety_nets"),
                 NULL, parse (
    "{ \"id\": \"" MSK_TEST_NEW_SAFETY_NET "\", \"for_concerns\": [\"" MSK_TEST_NEW_CONCERN "\"],"
    "  \"intro\": \"Go to A&E straight away if you have any of these (test words), new or getting worse:\","
    "  \"signs\": [ \"A first sign of the new red flag, written for the patient\","
    "               \"A second sign of the new red flag, a little longer, as a real one often is\","
    "               \"A third sign of the new red flag\" ],"
    "  \"source\": \"From a test guideline for the new red flag (a test source).\" }"));

  text = msk_test_to_json (node);
  return g_bytes_new_take (text, strlen (text));
}

char *
msk_test_write_temp (const char *dir,
                     const char *name,
                     const char *contents,
                     gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

char *
msk_test_to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

int
msk_test_run_cli (const char * const *args,
                  const char         *stdin_text,
                  char              **out,
                  char              **err)
{
  return msk_test_run_cli_env (args, NULL, stdin_text, out, err);
}

int
msk_test_run_cli_env (const char * const *args,
                      const char * const *envp,
                      const char         *stdin_text,
                      char              **out,
                      char              **err)
{
  const char *binary = g_getenv ("MSK_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Standard input is piped only when there is text to give: writing to a
   * child that exits without reading fails, and GLib 2.74 leaks on that
   * path. Otherwise the child reads /dev/null. */
  launcher = g_subprocess_launcher_new ((stdin_text ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (envp != NULL)
    g_subprocess_launcher_set_environ (launcher, (char **) envp);
  /* The CLI must work with no display: prove it by taking the display away. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &o, &e, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return g_subprocess_get_exit_status (proc);
}

void
msk_test_bundled_date (const char *member,
                       int         days,
                       GDate      *date)
{
  g_autofree char *iso = msk_test_bundled_metadata (member);

  g_assert_nonnull (iso);
  g_assert_true (msk_parse_iso_date (iso, date));
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

char *
msk_test_bundled_date_iso (const char *member,
                           int         days)
{
  GDate date;

  msk_test_bundled_date (member, days, &date);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

char *
msk_test_bundled_date_uk (const char *member,
                          int         days)
{
  GDate date;

  msk_test_bundled_date (member, days, &date);
  /* Written out here, not by msk_format_date_uk(): the test states what a
   * user sees rather than trusting the program's own formatter. */
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date),
                          g_date_get_month (&date), g_date_get_year (&date));
}

char *
msk_test_resolve_date (const char *text)
{
  static const char *members[] = { "effective", "review" };
  GDate check;

  if (msk_parse_iso_date (text, &check))
    return g_strdup (text);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      gsize len = strlen (members[i]);
      const char *rest = text + len;
      gint64 days = 0;

      if (strncmp (text, members[i], len) != 0)
        continue;
      if (*rest != '\0')
        {
          g_autoptr(GError) error = NULL;

          /* A sign is required: "review1" is a typo, not a date. */
          if (*rest != '+' && *rest != '-')
            break;
          g_ascii_string_to_signed (rest, 10, -100000, 100000, &days, &error);
          g_assert_no_error (error);
        }
      return msk_test_bundled_date_iso (members[i], (int) days);
    }
  g_error ("fixture date \"%s\" is neither YYYY-MM-DD nor effective/review[+-N]", text);
  return NULL;
}

char *
msk_test_resolve_shown_dates (const char *text)
{
  g_autofree char *effective = msk_test_bundled_date_uk ("effective", 0);
  g_autofree char *review = msk_test_bundled_date_uk ("review", 0);
  g_auto(GStrv) a = g_strsplit (text, "{effective}", -1);
  g_autofree char *joined = g_strjoinv (effective, a);
  g_auto(GStrv) b = g_strsplit (joined, "{review}", -1);

  return g_strjoinv (review, b);
}
