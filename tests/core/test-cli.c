/* test-cli.c — the command line as a script sees it: exit codes, stderr, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "msk-test-util.h"

static char *tmpdir;

#define write_temp(name, contents, len) msk_test_write_temp (tmpdir, (name), (contents), (len))

static guint
count_lines (const char *s)
{
  guint n = 0;

  for (; *s; s++)
    n += (*s == '\n');
  return n;
}

static void
test_evaluate_json_shape (void)
{
  g_autofree char *req = write_temp ("req.json",
    "{ \"requester\": \"gp\", \"fcp_governance\": false, \"region\": \"knee\",\n"
    "  \"borough\": \"newham\", \"concerns\": [\"suspected_sarcoma\"], \"notes\": \"optional free text\" }", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *version = msk_test_bundled_metadata ("version");
  g_autofree char *effective = msk_test_bundled_metadata ("effective");
  g_autofree char *review = msk_test_bundled_metadata ("review");
  /* A day in the bundled policy's life: no date warning expected. */
  g_autofree char *today = msk_test_bundled_date_iso ("effective", 375);
  JsonObject *o, *p, *a;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", req, "--format", "json", "--date", today), NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));

  p = json_object_get_object_member (o, "policy");
  g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, "nel-msk-mri");
  /* The stamp as the bundled file states it. */
  g_assert_cmpstr (json_object_get_string_member (p, "version"), ==, version);
  g_assert_cmpstr (json_object_get_string_member (p, "effective"), ==, effective);
  g_assert_cmpstr (json_object_get_string_member (p, "review"), ==, review);
  g_assert_cmpstr (json_object_get_string_member (p, "sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (o, "outcome"), ==, "urgent_pathway");
  g_assert_cmpstr (json_object_get_string_member (o, "mri_in_primary_care"), ==, "via_pathway");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "actions")), ==, 1);
  a = json_array_get_object_element (json_object_get_array_member (o, "actions"), 0);
  g_assert_cmpstr (json_object_get_string_member (a, "pathway"), ==, "sarcoma_guide");
  g_assert_cmpstr (json_object_get_string_member (a, "urgency"), ==, "urgent");
  g_assert_true (strlen (json_object_get_string_member (a, "title")) > 0);
  g_assert_true (strlen (json_object_get_string_member (a, "text")) > 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "resources")), >, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "trace"), 0), ==, "sarcoma");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
  /* The note is the clinician's: it never goes into the machine output. */
  g_assert_null (strstr (out, "optional free text"));
}

static void
test_stdin_and_text (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* Past the bundled policy's review date, whatever version is bundled. */
  g_autofree char *late = msk_test_bundled_date_iso ("review", 45);
  g_autofree char *warning = msk_test_resolve_shown_dates ("passed its review date on {review}");
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", "-", "--date", late),
                             "{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": []}", &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Do not request MRI routinely: refer to community MSK"));
  g_assert_nonnull (strstr (out, warning));
  g_assert_nonnull (strstr (out, "No borough chosen"));
  g_assert_nonnull (strstr (out, "not a substitute for clinical judgement"));
  g_assert_nonnull (strstr (out, "policy file fingerprint"));
}

static void
test_invalid_request_exit_2 (void)
{
  g_autofree char *req = write_temp ("bad.json", "{\"requester\": \"gp\", \"concerns\": [], \"region\": \"knees\"}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", req, "--format", "json"), NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "msk-mri-advisor: request.region: unknown region \"knees\"\n");
}

/* An emergency sign without its concern is refused whole, never decided. */
static void
test_sign_without_concern_exit_2 (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", "-", "--format", "json"),
                             "{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": [], \"emergency_signs\": [\"septic_joint\"]}",
                             &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "msk-mri-advisor: request.emergency_signs[0]: the sign \"septic_joint\" belongs to the concern "
                            "\"urgent_msk\", which is not in request.concerns\n");
}

static void
test_usage_errors (void)
{
  struct { const char * const *args; int status; const char *needle; } cases[] = {
    { ARGS ("--evaluate", "/nonexistent/req.json"), 1, "No such file" },
    { ARGS ("--evaluate", "-", "--format", "yaml"), 2, "--format: unknown format \"yaml\"" },
    { ARGS ("--evaluate", "-", "--date", "27/11/2026"), 2, "--date: \"27/11/2026\" is not a date" },
    { ARGS ("--evaluate", "-", "--date", "2026-02-30"), 2, "--date: \"2026-02-30\" is not a date" },
    { ARGS ("--format", "json"), 2, "need --evaluate" },
    { ARGS ("--frobnicate"), 2, "Unknown option --frobnicate" },
    { ARGS ("--evaluate", "-", "extra"), 2, "unexpected argument \"extra\"" },
    { ARGS ("--policy", "/nonexistent/policy.json", "--evaluate", "-"), 1, "No such file" },
    /* Only a regular file is read: a device or a FIFO could block or never end. */
    { ARGS ("--evaluate", "/dev/zero"), 1, "/dev/zero: is a character device, not a regular file" },
    { ARGS ("--validate-policy", "/dev/zero"), 1, "/dev/zero: is a character device, not a regular file" },
    { ARGS ("--evaluate", "/"), 1, "/: is a directory, not a regular file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      /* Every case stops before reading its input. */
      int status = msk_test_run_cli (cases[i].args, NULL, &out, &err);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].needle));
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_version_and_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *version = msk_test_bundled_metadata ("version");
  g_autofree char *policy_line = g_strdup_printf ("Policy nel-msk-mri version %s (bundled)", version);

  g_assert_cmpint (msk_test_run_cli (ARGS ("--version"), NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));
  g_assert_nonnull (strstr (out, policy_line));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (msk_test_run_cli (ARGS ("--help"), NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--evaluate"));
  g_assert_nonnull (strstr (out, "--validate-policy"));
}

static void
test_validate_policy (void)
{
  const char *bundled = g_getenv ("MSK_BUNDLED_POLICY");
  g_autofree char *broken = write_temp ("broken.json",
    "{\"format\": 1, \"metadata\": {\"id\": \"x\", \"title\": \"t\", \"organisation\": \"o\", \"version\": \"2\",\n"
    " \"effective\": \"2026-01-01\", \"review\": \"2025-01-01\", \"author\": \"a\", \"approvers\": [\"b\"]}}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) file = msk_test_bundled_file_json ();
  g_autofree char *counts = g_strdup_printf ("%u routes, %u pathways",
    json_array_get_length (json_object_get_array_member (json_node_get_object (file), "routes")),
    json_array_get_length (json_object_get_array_member (json_node_get_object (file), "pathways")));

  g_assert_cmpint (msk_test_run_cli (ARGS ("--validate-policy", bundled), NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "valid"));
  g_assert_nonnull (strstr (out, counts));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (msk_test_run_cli (ARGS ("--validate-policy", broken), NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  /* Every problem, one a line, after a header line with the count. */
  g_assert_nonnull (strstr (err, "$.metadata.review: the review date must come after the effective date (line 2)"));
  g_assert_nonnull (strstr (err, "$.resources: missing"));
  g_assert_nonnull (strstr (err, "$.routes: missing"));
  g_assert_cmpuint (count_lines (err), >, 10);
}

/* A new policy file changes the decision with no rebuild: the next version
 * (say) withdraws the FCP route, so an FCP under governance is referred too.
 * The new version is in its own text, as the validator requires. */
static void
test_policy_override_changes_decision (void)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autofree char *bundled = msk_test_bundled_metadata ("version");
  g_autofree char *next = g_strconcat (bundled, ".1", NULL);
  g_autofree char *shown = g_strdup_printf ("\"version\" : \"%s\"", next);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *request = "{\"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"knee\", \"concerns\": []}";

  msk_test_edit (root, "routes/[id=fcp_governance]", NULL);
  msk_test_set_version (root, next);
  text = msk_test_to_json (root);
  path = write_temp ("v15.json", text, -1);

  g_assert_cmpint (msk_test_run_cli (ARGS ("--evaluate", "-", "--format", "json"), request, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"outcome\" : \"fcp_mri_permitted\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (msk_test_run_cli (ARGS ("--policy", path, "--evaluate", "-", "--format", "json"), request, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, shown));
  g_assert_nonnull (strstr (out, "\"outcome\" : \"refer_community_msk\""));
}

static void
test_policy_override_refused (void)
{
  g_autofree char *path = write_temp ("bad-policy.json", "{\"format\": 1}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (msk_test_run_cli (ARGS ("--policy", path, "--evaluate", "-"), NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "refused"));
  g_assert_nonnull (strstr (err, "$.metadata: missing"));
  g_assert_nonnull (strstr (err, "$.routes: missing"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("msk-cli-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/cli/evaluate-json-shape", test_evaluate_json_shape);
  g_test_add_func ("/cli/stdin-and-text", test_stdin_and_text);
  g_test_add_func ("/cli/invalid-request-exit-2", test_invalid_request_exit_2);
  g_test_add_func ("/cli/sign-without-concern-exit-2", test_sign_without_concern_exit_2);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/validate-policy", test_validate_policy);
  g_test_add_func ("/cli/policy-override-changes-decision", test_policy_override_changes_decision);
  g_test_add_func ("/cli/policy-override-refused", test_policy_override_refused);

  ret = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
