/* test-policy.c — the bundled policy loads; broken policies are refused with
 * every problem named by path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-policy.h"
#include "msk-test-util.h"

/* `uk` is the ISO date `iso` (YYYY-MM-DD) written DD/MM/YYYY. */
static void
assert_uk_date (const char *uk,
                const char *iso)
{
  g_auto(GStrv) ymd = g_strsplit (iso, "-", -1);
  g_autofree char *want = NULL;

  g_assert_cmpuint (g_strv_length (ymd), ==, 3);
  want = g_strdup_printf ("%s/%s/%s", ymd[2], ymd[1], ymd[0]);
  g_assert_cmpstr (uk, ==, want);
}

static void
test_bundled_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (&error);
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(JsonNode) file = msk_test_bundled_file_json ();
  JsonObject *meta = json_object_get_object_member (json_node_get_object (file), "metadata");
  g_autofree char *file_bytes = NULL;
  gsize file_len;
  g_autofree char *effective = NULL;
  g_autofree char *review = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  /* What is built in is the file data/meson.build names, byte for byte. */
  g_assert_true (g_file_get_contents (g_getenv ("MSK_BUNDLED_POLICY"), &file_bytes, &file_len, NULL));
  g_assert_cmpmem (file_bytes, file_len, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* The stamp as that file states it: a new version is a new file. */
  g_assert_cmpstr (msk_policy_get_id (policy), ==, "nel-msk-mri");
  g_assert_cmpstr (msk_policy_get_version (policy), ==, json_object_get_string_member (meta, "version"));
  effective = msk_format_date_uk (msk_policy_get_effective (policy));
  review = msk_format_date_uk (msk_policy_get_review (policy));
  assert_uk_date (effective, json_object_get_string_member (meta, "effective"));
  assert_uk_date (review, json_object_get_string_member (meta, "review"));
  g_assert_cmpstr (msk_policy_get_sha256 (policy), ==, sha);
  g_assert_cmpstr (msk_policy_get_author (policy), ==, json_object_get_string_member (meta, "author"));
  g_assert_cmpuint (g_strv_length ((char **) msk_policy_get_approvers (policy)), ==,
                    json_array_get_length (json_object_get_array_member (meta, "approvers")));
  g_assert_cmpuint (msk_policy_get_n_routes (policy), ==,
                    json_array_get_length (json_object_get_array_member (json_node_get_object (file), "routes")));
  g_assert_cmpuint (msk_policy_get_n_services (policy), ==, msk_policy_get_n_boroughs (policy));

  /* The gap in the source is marked, not filled: no service claims details. */
  for (guint i = 0; i < msk_policy_get_n_services (policy); i++)
    g_assert_false (msk_policy_get_service (policy, i)->details_known);
  g_assert_nonnull (strstr (msk_policy_get_services_note (policy), "not in the supplied policy document"));

  /* Links the source left as placeholders stay without an address. */
  for (guint i = 0; i < msk_policy_get_n_resources (policy); i++)
    {
      const MskResource *r = msk_policy_get_resource (policy, i);
      if (g_strv_contains ((const char *[]) { "cancer_pathways", "nel_msk_portal", "sarcoma_guide", "best_msk_spinal", "nhse", NULL }, r->id))
        g_assert_null (r->url);
      if (r->url)
        g_assert_true (g_str_has_prefix (r->url, "https://"));
    }
}

/* Every sentence of the source's recommendation and rationale stands in the
 * policy file's document, word for word (links and bold marks stripped). */
static void
test_whole_source_present (void)
{
  const char *path = g_getenv ("MSK_SOURCE_TEXT");
  g_autofree char *source = NULL;
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GRegex) link = g_regex_new ("\\[([^\\]]*)\\]\\(#\\)", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  gboolean in_body = FALSE;
  guint checked = 0;

  /* The source is vendored in the repository (data/policy/source/): a
   * missing file is a broken checkout, not a reason to skip. */
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));

  /* The text the validator checks "policy words" against is the source as
   * received, paragraph for paragraph. */
  {
    g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_auto(GStrv) raw = g_strsplit (source, "\n", -1);
    JsonArray *paragraphs;
    guint k = 0;

    g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    paragraphs = json_object_get_array_member (json_object_get_object_member (
                   json_node_get_object (json_parser_get_root (parser)), "source"), "paragraphs");
    for (guint i = 0; raw[i] != NULL; i++)
      {
        if (raw[i][strspn (raw[i], " \t\r")] == '\0')
          continue;
        g_assert_cmpuint (k, <, json_array_get_length (paragraphs));
        /* Tabs in the received table are layout: the file holds no control
         * characters, so compare with white space folded. */
        {
          g_auto(GStrv) words = g_strsplit_set (raw[i], " \t", -1);
          g_autoptr(GString) folded = g_string_new (NULL);

          for (guint w = 0; words[w] != NULL; w++)
            if (*words[w] != '\0')
              g_string_append_printf (folded, "%s%s", folded->len ? " " : "", words[w]);
          g_assert_cmpstr (json_array_get_string_element (paragraphs, k), ==, folded->str);
        }
        k++;
      }
    g_assert_cmpuint (k, ==, json_array_get_length (paragraphs));
  }
  for (guint i = 0; i < msk_policy_get_n_sections (policy); i++)
    {
      const MskSection *s = msk_policy_get_section (policy, i);
      for (guint j = 0; j < s->n_paragraphs; j++)
        g_string_append_printf (doc, "%s\n", s->paragraphs[j].text);
      for (guint j = 0; j < s->n_resources; j++)
        g_string_append_printf (doc, "%s\n", s->resources[j]->title);
    }

  lines = g_strsplit (source, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *plain = NULL;
      g_autoptr(GString) s = NULL;
      g_auto(GStrv) sentences = NULL;

      if (g_str_has_prefix (lines[i], "RECOMMENDATION"))
        { in_body = TRUE; continue; }
      if (g_str_has_prefix (lines[i], "VERSION"))
        break;
      if (!in_body || g_strstrip (lines[i])[0] == '\0' || g_str_has_suffix (lines[i], ":") )
        continue;

      plain = g_regex_replace (link, lines[i], -1, 0, "\\1", 0, NULL);
      s = g_string_new (plain);
      g_string_replace (s, "**", "", 0);
      g_strstrip (s->str);
      /* Compare sentence by sentence: the file may add a full stop the
       * source left out, or split a paragraph into its links. */
      sentences = g_strsplit (s->str, ". ", -1);
      for (guint k = 0; sentences[k] != NULL; k++)
        {
          char *t = g_strstrip (sentences[k]);
          gsize len = strlen (t);
          if (len > 0 && (t[len - 1] == '.' || t[len - 1] == ':'))
            t[len - 1] = '\0';
          if (*t == '\0')
            continue;
          if (strstr (doc->str, t) == NULL)
            g_error ("source sentence missing from the policy file: \"%s\"", t);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 20);
}

static GBytes *
edited_policy (JsonArray *edits)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  char *text;

  for (guint i = 0; i < json_array_get_length (edits); i++)
    {
      JsonObject *e = json_array_get_object_element (edits, i);
      if (json_object_has_member (e, "remove"))
        msk_test_edit (root, json_object_get_string_member (e, "remove"), NULL);
      else
        msk_test_edit (root, json_object_get_string_member (e, "set"), json_object_get_member (e, "value"));
    }
  text = msk_test_to_json (root);
  return g_bytes_new_take (text, strlen (text));
}

static void
assert_reported (GPtrArray  *problems,
                 const char *name,
                 const char *expect)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], expect) != NULL)
      return;
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("  reported: %s\n", (char *) problems->pdata[i]);
  g_error ("%s: no problem reported containing \"%s\"", name, expect);
}

/* One subtest per case of tests/data/broken-policies.json, named after it,
 * so a hazard control can name the very case that proves it. */
static void
test_broken_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *name = json_object_get_string_member (c, "name");
  JsonArray *expect = json_object_get_array_member (c, "expect");
  g_autoptr(GBytes) bytes = edited_policy (json_object_get_array_member (c, "edits"));
  g_autoptr(GPtrArray) problems = msk_policy_check_bytes (bytes);
  g_autoptr(JsonNode) bundled = msk_test_bundled_json ();
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;

  /* An expected problem names its item by id; the validator says where the
   * item stands in the file, so the test works that out from the policy. */
  for (guint j = 0; j < json_array_get_length (expect); j++)
    g_ptr_array_add (want, msk_test_resolve_ids (bundled, json_array_get_string_element (expect, j)));

  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (want->len, >, 0);
  for (guint j = 0; j < want->len; j++)
    assert_reported (problems, name, want->pdata[j]);
  /* "absent": what must not be said as well (a consequence reported as a
   * second problem misleads the reader about the first). */
  if (json_object_has_member (c, "absent"))
    {
      JsonArray *absent = json_object_get_array_member (c, "absent");

      for (guint j = 0; j < json_array_get_length (absent); j++)
        for (guint i = 0; i < problems->len; i++)
          if (strstr (problems->pdata[i], json_array_get_string_element (absent, j)) != NULL)
            g_error ("%s: reported \"%s\", which must not be", name, (const char *) problems->pdata[i]);
    }

  /* Loading gives the same list in one error, and no policy. */
  policy = msk_policy_new_from_bytes (bytes, name, &error);
  g_assert_null (policy);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_POLICY);
  for (guint j = 0; j < want->len; j++)
    g_assert_nonnull (strstr (error->message, want->pdata[j]));
}

static void
test_raw_cases (void)
{
  g_autoptr(JsonNode) fixture = msk_test_load_fixture ("broken-policies.json");
  JsonArray *cases = json_object_get_array_member (json_node_get_object (fixture), "raw");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      if (json_object_has_member (c, "repeat"))
        for (gint64 k = 0; k < json_object_get_int_member (c, "times"); k++)
          g_string_append (text, json_object_get_string_member (c, "repeat"));
      else
        {
          /* json-glib decodes \u0000 to a NUL; keep the bytes as the fixture means them. */
          const char *t = json_object_get_string_member (c, "text");
          g_string_append (text, t);
          if (strcmp (name, "nul-byte") == 0)
            g_string_append_c (text, '\0');
        }
      bytes = g_bytes_new (text->str, text->len);
      problems = msk_policy_check_bytes (bytes);
      g_test_message ("case %s", name);
      g_assert_cmpuint (problems->len, ==, 1);
      assert_reported (problems, name, json_object_get_string_member (c, "expect"));
      /* One line a problem, whatever the file held. */
      g_assert_null (strpbrk (problems->pdata[0], "\n\r\033"));
    }
}

/* A maintainer is told the line of each problem. */
static void
test_problem_lines (void)
{
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *needle = "\"pathway\": \"sarcoma_guide\"";
  const char *at = strstr (text->str, needle);
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *expect = NULL;
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text->str; p < at; p++)
    line += (*p == '\n');
  g_string_replace (text, needle, "\"pathway\": \"sarcoma_gide\"", 1);
  broken = g_bytes_new (text->str, text->len);
  problems = msk_policy_check_bytes (broken);
  g_assert_cmpuint (problems->len, ==, 1);
  expect = g_strdup_printf ("$.routes[3].pathway: unknown pathway \"sarcoma_gide\" (line %u)", line);
  g_assert_cmpstr (problems->pdata[0], ==, expect);
}

/* Long lists are refused before the quadratic id checks run on them. */
static void
test_list_limit (void)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonNode) list = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *want = msk_test_resolve_ids (root, "$.regions[id=lumbar_spine].resources: has 1001 items; the limit is 1000 (line 1)");
  JsonArray *arr = json_array_new ();
  char *text;

  for (guint i = 0; i <= MSK_POLICY_MAX_ITEMS; i++)
    json_array_add_string_element (arr, "nice_ng59");
  json_node_take_array (list, arr);
  msk_test_edit (root, "regions/[id=lumbar_spine]/resources", list);
  text = msk_test_to_json (root);
  edited = g_bytes_new_take (text, strlen (text));
  problems = msk_policy_check_bytes (edited);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, want);
}

/* A byte-order mark from a Windows editor is not an error. */
static void
test_byte_order_mark (void)
{
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autoptr(GByteArray) with_bom = g_byte_array_new ();
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autofree char *sha = NULL;

  g_byte_array_append (with_bom, (const guint8 *) "\xef\xbb\xbf", 3);
  g_byte_array_append (with_bom, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  edited = g_byte_array_free_to_bytes (g_steal_pointer (&with_bom));
  policy = msk_policy_new_from_bytes (edited, "bom", &error);
  g_assert_no_error (error);
  /* The stamp is the hash of the file as it is, mark and all. */
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, edited);
  g_assert_cmpstr (msk_policy_get_sha256 (policy), ==, sha);
}

static void
test_dates (void)
{
  GDate d;
  g_autofree char *uk = NULL;

  g_assert_true (msk_parse_iso_date ("2024-02-29", &d));
  uk = msk_format_date_uk (&d);
  g_assert_cmpstr (uk, ==, "29/02/2024");
  g_assert_false (msk_parse_iso_date ("2023-02-29", &d));
  g_assert_false (msk_parse_iso_date ("2023-13-01", &d));
  g_assert_false (msk_parse_iso_date ("2023-1-01", &d));
  g_assert_false (msk_parse_iso_date ("2023-01-01x", &d));
  g_assert_false (msk_parse_iso_date ("+023-01-01", &d));
  g_assert_false (msk_parse_iso_date ("", &d));
  g_assert_false (msk_parse_iso_date (NULL, &d));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/policy/bundled-loads", test_bundled_loads);
  g_test_add_func ("/policy/whole-source-present", test_whole_source_present);
  msk_test_add_fixture_cases ("broken-policies.json", "/policy/broken", test_broken_case);
  g_test_add_func ("/policy/raw-cases", test_raw_cases);
  g_test_add_func ("/policy/problem-lines", test_problem_lines);
  g_test_add_func ("/policy/dates", test_dates);
  g_test_add_func ("/policy/list-limit", test_list_limit);
  g_test_add_func ("/policy/byte-order-mark", test_byte_order_mark);

  return g_test_run ();
}
