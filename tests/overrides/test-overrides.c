/* test-overrides.c — which policy is in force, and what a refused one says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Precedence: --policy FILE, then the first msk-mri-advisor/policy.json in
 * the XDG system config dirs, then the bundled policy. A refused system file
 * is reported on standard error with every problem and the bundled policy is
 * used; a refused --policy file is an error (exit 2), never a fallback.
 * Checked through msk_policy_load_preferred() and through the real command
 * line. G_TEST_OPTION_ISOLATE_DIRS gives each test two empty system config
 * dirs of its own, which the command line inherits.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../hostile/hostile-util.h"
#include "msk-core-resources.h"
#include "msk-policy-source.h"
#include "msk-test-util.h"

#define BUNDLED_RESOURCE "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json"

/* ---- fixtures ---- */

static char *
bundled_text (void)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), BUNDLED_RESOURCE, 0, NULL);
  gsize len;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

/* The bundled policy, marked with its own version string. */
static char *
valid_policy (const char *version)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();

  msk_test_set_version (root, version);
  return msk_test_to_json (root);
}

static void
edit_string (JsonNode   *root,
             const char *path,
             const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  msk_test_edit (root, path, node);
}

/* Three problems in three places of the file. */
static char *
broken_policy (void)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonNode) always = json_node_init_object (json_node_alloc (), empty);

  edit_string (root, "metadata/review", "2027-02-30");
  edit_string (root, "resources/[id=nice_ng59]/url", "javascript:alert(1)");
  msk_test_edit (root, "routes/[id=ces]/when", always);
  return msk_test_to_json (root);
}

/* --version's output names the bundled policy, by the version its file states. */
static void
assert_names_bundled (const char *out)
{
  g_autofree char *version = msk_test_bundled_metadata ("version");
  g_autofree char *line = g_strdup_printf ("version %s (bundled)\n", version);

  g_assert_nonnull (strstr (out, line));
}

/* G_TEST_OPTION_ISOLATE_DIRS gives GLib in this process the test's own
 * dirs but leaves the environment alone: hand the dirs to the command line. */
static void
share_dirs_with_cli (void)
{
  g_autofree char *dirs = g_strjoinv (":", (char **) g_get_system_config_dirs ());
  g_setenv ("XDG_CONFIG_DIRS", dirs, TRUE);
}

/* The i-th (0 or 1) system config dir of this test. */
static const char *
system_dir (guint i)
{
  const char * const *dirs = g_get_system_config_dirs ();

  g_assert_cmpuint (g_strv_length ((char **) dirs), >=, 2);
  return dirs[i];
}

static char *
install_system_policy (guint       i,
                       const char *text)
{
  g_autofree char *dir = g_build_filename (system_dir (i), "msk-mri-advisor", NULL);
  return hostile_write_file (dir, "policy.json", text, -1);
}

static char *
write_file (const char *name,
            const char *text)
{
  return hostile_write_file (g_get_user_cache_dir (), name, text, -1);
}

/* Every problem the validator finds in `text`, one a line. */
static char *
problems_of (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) problems = msk_policy_check_bytes (bytes);
  GString *s = g_string_new (NULL);

  /* The empty condition also leaves suspected CES without a route. */
  g_assert_cmpuint (problems->len, ==, 4);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (s, "%s%s", i ? "\n" : "", (const char *) problems->pdata[i]);
  return g_string_free (s, FALSE);
}

static char *
request_file (void)
{
  return write_file ("request.json", "{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[]}");
}

/* The policy version a decision printed as JSON was made under. */
static char *
decision_policy_version (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *policy;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  policy = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "policy");
  return g_strdup (json_object_get_string_member (policy, "version"));
}

static GPtrArray *
new_refusals (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) msk_refusal_free);
}

/* The system-wide file is refused: the library and the command line both
 * fall back to the bundled policy. Returns what --version said on stderr. */
static char *
falls_back_to_bundled (void)
{
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (NULL, refusals);
  g_auto(HostileRun) run = { 0 };

  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_names_bundled (run.out);
  return g_steal_pointer (&run.err);
}

/* ---- precedence ---- */

static void
test_bundled_when_nothing (void)
{
  share_dirs_with_cli ();

  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (NULL, refusals);
  g_auto(HostileRun) run = { 0 };
  g_autofree char *version = msk_test_bundled_metadata ("version");

  g_assert_null (msk_policy_find_system_file ());
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpstr (msk_policy_get_version (policy), ==, version);
  g_assert_cmpuint (refusals->len, ==, 0);

  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_names_bundled (run.out);
}

static void
test_system_used (gconstpointer data)
{
  share_dirs_with_cli ();

  guint which = GPOINTER_TO_UINT (data);
  g_autofree char *text = valid_policy ("9.1-system");
  g_autofree char *path = install_system_policy (which, text);
  g_autofree char *req = request_file ();
  g_autofree char *want = g_strdup_printf ("version 9.1-system (%s)\n", path);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (NULL, refusals);
  g_autofree char *found = msk_policy_find_system_file ();
  g_autofree char *notice = hostile_policy_notice (path);

  g_assert_cmpstr (found, ==, path);
  g_assert_cmpstr (msk_policy_get_version (policy), ==, "9.1-system");
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, path);
  g_assert_cmpuint (refusals->len, ==, 0);

  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--version", NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* A policy that is not the bundled one is always named, with its hash. */
    g_assert_cmpstr (run.err, ==, notice);
    g_assert_nonnull (strstr (run.out, want));
  }
  {
    g_auto(HostileRun) run = { 0 };
    g_autofree char *version = NULL;
    hostile_run (&run, NULL, NULL, "--evaluate", req, "--format", "json", "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, notice);
    version = decision_policy_version (run.out);
    g_assert_cmpstr (version, ==, "9.1-system");
  }
}

static void
test_first_system_dir_wins (void)
{
  share_dirs_with_cli ();

  g_autofree char *first = valid_policy ("9.1-first");
  g_autofree char *second = valid_policy ("9.1-second");
  g_autofree char *path = install_system_policy (0, first);
  g_autoptr(MskPolicy) policy = NULL;
  g_auto(HostileRun) run = { 0 };
  g_autofree char *want = g_strdup_printf ("version 9.1-first (%s)\n", path);

  g_free (install_system_policy (1, second));
  policy = msk_policy_load_preferred (NULL, NULL);

  g_assert_cmpstr (msk_policy_get_version (policy), ==, "9.1-first");
  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, want));
}

static void
test_option_over_system (void)
{
  share_dirs_with_cli ();

  g_autofree char *system = valid_policy ("9.1-system");
  g_autofree char *mine = valid_policy ("9.2-option");
  g_autofree char *path = write_file ("mine.json", mine);
  g_autofree char *req = request_file ();
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;

  g_free (install_system_policy (0, system));
  policy = msk_policy_load_preferred (path, refusals);
  g_assert_cmpstr (msk_policy_get_version (policy), ==, "9.2-option");
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, path);
  g_assert_cmpuint (refusals->len, ==, 0);
  {
    g_auto(HostileRun) run = { 0 };
    g_autofree char *version = NULL;
    g_autofree char *notice = hostile_policy_notice (path);
    hostile_run (&run, NULL, NULL, "--policy", path, "--evaluate", req, "--format", "json", "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, notice);
    version = decision_policy_version (run.out);
    g_assert_cmpstr (version, ==, "9.2-option");
  }
}

/* ---- refusals ---- */

static void
assert_refusal (MskRefusal *r,
                const char *path,
                const char *message)
{
  g_assert_cmpstr (r->path, ==, path);
  g_assert_error (r->error, MSK_ERROR, MSK_ERROR_INVALID_POLICY);
  g_assert_cmpstr (r->error->message, ==, message);
}

static void
test_system_refused (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = broken_policy ();
  g_autofree char *problems = problems_of (text);
  g_autofree char *path = install_system_policy (0, text);
  g_autofree char *req = request_file ();
  g_autofree char *warning = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n%s\n",
                                              path, problems);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (NULL, refusals);

  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  assert_refusal (refusals->pdata[0], path, problems);

  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--version", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, warning);
    assert_names_bundled (run.out);
  }
  {
    g_auto(HostileRun) run = { 0 };
    g_autofree char *version = NULL;
    g_autofree char *bundled = msk_test_bundled_metadata ("version");
    hostile_run (&run, NULL, NULL, "--evaluate", req, "--format", "json", "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, warning);
    version = decision_policy_version (run.out);
    g_assert_cmpstr (version, ==, bundled);
  }
}

/* Only the first system file found is tried: a broken file in the dir that
 * comes first is not quietly replaced by one from a dir that comes later. */
static void
test_system_refused_no_second_file (void)
{
  share_dirs_with_cli ();

  g_autofree char *broken = broken_policy ();
  g_autofree char *good = valid_policy ("9.1-second");
  g_autofree char *path = install_system_policy (0, broken);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;

  g_free (install_system_policy (1, good));
  policy = msk_policy_load_preferred (NULL, refusals);
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  g_assert_cmpstr (((MskRefusal *) refusals->pdata[0])->path, ==, path);
}

static void
test_option_refused (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = broken_policy ();
  g_autofree char *problems = problems_of (text);
  g_autofree char *system = valid_policy ("9.1-system");
  g_autofree char *path = write_file ("broken.json", text);
  g_autofree char *req = request_file ();
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --policy %s refused:\n%s\n", path, problems);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;

  g_free (install_system_policy (0, system));
  policy = msk_policy_load_preferred (path, refusals);
  /* The library goes on to the next source; the command line does not. */
  g_assert_cmpstr (msk_policy_get_version (policy), ==, "9.1-system");
  g_assert_cmpuint (refusals->len, ==, 1);
  assert_refusal (refusals->pdata[0], path, problems);

  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--policy", path, "--evaluate", req, "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want);
  }
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--policy", path, "--version", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want);
  }
}

static void
test_option_and_system_refused (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = broken_policy ();
  g_autofree char *problems = problems_of (text);
  g_autofree char *system_path = install_system_policy (0, text);
  g_autofree char *path = write_file ("broken.json", text);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (path, refusals);

  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 2);
  assert_refusal (refusals->pdata[0], path, problems);
  assert_refusal (refusals->pdata[1], system_path, problems);
}

static void
test_option_missing (void)
{
  share_dirs_with_cli ();

  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "no-such-policy.json", NULL);
  g_autofree char *req = request_file ();
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --policy %s refused:\n", path);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (path, refusals);
  g_auto(HostileRun) run = { 0 };

  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  g_assert_error (((MskRefusal *) refusals->pdata[0])->error, MSK_ERROR, MSK_ERROR_IO);

  /* Not there is an I/O error (1), not invalid input (2). */
  hostile_run (&run, NULL, NULL, "--policy", path, "--evaluate", req, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, want));
  g_assert_cmpuint (hostile_count_lines (run.err), ==, 2);
}

/* policy.json that is a directory: refused as unreadable, bundled used. */
static void
test_system_not_a_file (void)
{
  share_dirs_with_cli ();

  g_autofree char *path = g_build_filename (system_dir (0), "msk-mri-advisor", "policy.json", NULL);
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n", path);
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;
  g_auto(HostileRun) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  policy = msk_policy_load_preferred (NULL, refusals);
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  g_assert_error (((MskRefusal *) refusals->pdata[0])->error, MSK_ERROR, MSK_ERROR_IO);

  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, want));
  g_assert_nonnull (strstr (run.out, "(bundled)\n"));
}

/* Over MSK_POLICY_MAX_BYTES: refused by its size, reading no more than that. */
static void
test_system_too_big (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = bundled_text ();
  GString *big = g_string_new (text);
  g_autofree char *path = NULL;
  g_autofree char *want = NULL;
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;
  g_auto(HostileRun) run = { 0 };

  while (big->len <= MSK_POLICY_MAX_BYTES)
    g_string_append_c (big, ' ');
  path = install_system_policy (0, big->str);
  want = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n"
                          "$: larger than the limit of %d bytes\n",
                          path, MSK_POLICY_MAX_BYTES);
  g_string_free (big, TRUE);

  policy = msk_policy_load_preferred (NULL, refusals);
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);

  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, want);
}

/* ---- issue #11: the search path cannot hang or be planted ---- */

/* A FIFO as the system-wide policy, in the first or the second directory:
 * opening it used to block until a writer came, so --version, --evaluate,
 * --validate-policy and the window never started. Now it is refused at
 * once, by name, and the bundled policy is used. */
static void
test_system_fifo (gconstpointer data)
{
  share_dirs_with_cli ();

  guint which = GPOINTER_TO_UINT (data);
  g_autofree char *dir = g_build_filename (system_dir (which), "msk-mri-advisor", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.json", NULL);
  g_autofree char *req = request_file ();
  g_autofree char *want = NULL;
  g_autoptr(GPtrArray) refusals = new_refusals ();
  g_autoptr(MskPolicy) policy = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  want = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n"
                          "%s: is a FIFO (named pipe), not a regular file\n", path, path);

  /* What the window calls at start-up. */
  policy = msk_policy_load_preferred (NULL, refusals);
  g_assert_cmpstr (msk_policy_get_origin (policy), ==, "bundled");
  g_assert_cmpuint (refusals->len, ==, 1);
  g_assert_error (((MskRefusal *) refusals->pdata[0])->error, MSK_ERROR, MSK_ERROR_IO);

  {
    g_auto(HostileRun) run = { 0 };
    hostile_run_within (&run, 10, NULL, NULL, "--version", NULL);
    g_assert_cmpfloat (run.seconds, <, 5);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, want);
    g_assert_nonnull (strstr (run.out, "(bundled)\n"));
  }
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run_within (&run, 10, NULL, NULL, "--evaluate", req, "--date", "2026-01-01", NULL);
    g_assert_cmpfloat (run.seconds, <, 5);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, want);
  }
  {
    g_auto(HostileRun) run = { 0 };
    g_autofree char *bundled = bundled_text ();
    g_autofree char *file = write_file ("valid.json", bundled);
    hostile_run_within (&run, 10, NULL, NULL, "--validate-policy", file, NULL);
    g_assert_cmpfloat (run.seconds, <, 5);
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* A dangling link in the first directory is that directory's file: it is
 * refused as missing, and the second directory's file is not used in its
 * place ("the first one only"). */
static void
test_system_dangling_link (void)
{
  share_dirs_with_cli ();

  g_autofree char *second = valid_policy ("9.1-second");
  g_autofree char *dir = g_build_filename (system_dir (0), "msk-mri-advisor", NULL);
  g_autofree char *path = g_build_filename (dir, "policy.json", NULL);
  g_autofree char *want = NULL;
  g_autofree char *err = NULL;

  g_free (install_system_policy (1, second));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/msk-policy.json", path), ==, 0);
  want = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n"
                          "%s: No such file or directory\n", path, path);

  err = falls_back_to_bundled ();
  g_assert_cmpstr (err, ==, want);
}

/* A system-wide file anyone can write decides for every user: refused
 * whatever it holds, with the reason, and the bundled policy used. */
static void
test_system_world_writable (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = valid_policy ("9.1-planted");
  g_autofree char *path = install_system_policy (0, text);
  g_autofree char *want = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  want = g_strdup_printf ("msk-mri-advisor: warning: policy file %s refused, using the bundled policy:\n"
                          "%s: refused: anyone can write to it (mode 0666); make it writable by its owner only\n",
                          path, path);
  err = falls_back_to_bundled ();
  g_assert_cmpstr (err, ==, want);
}

/* A directory on the way to the system-wide file that anyone can write to
 * lets them swap the file: its own directory (levels 1) or one further up
 * (levels 2), which could swap the whole tree below it. */
static void
test_system_dir_world_writable (gconstpointer data)
{
  guint levels = GPOINTER_TO_UINT (data);

  share_dirs_with_cli ();

  g_autofree char *text = valid_policy ("9.1-planted");
  g_autofree char *path = install_system_policy (0, text);
  g_autofree char *dir = g_strdup (path);
  g_autofree char *err = NULL;

  for (guint i = 0; i < levels; i++)
    {
      char *up = g_path_get_dirname (dir);
      g_free (dir);
      dir = up;
    }
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  err = falls_back_to_bundled ();
  g_assert_nonnull (strstr (err, "refused: anyone can write to the directory"));
  g_assert_nonnull (strstr (err, "on the way to it"));
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

/* The bundled policy is recognised by its bytes, so a copy of it installed
 * system-wide raises no notice, and any other file does. */
static void
test_notice_only_when_not_bundled (void)
{
  share_dirs_with_cli ();

  g_autofree char *text = bundled_text ();
  g_autofree char *path = install_system_policy (0, text);
  g_autoptr(MskPolicy) policy = msk_policy_load_preferred (NULL, NULL);
  g_auto(HostileRun) run = { 0 };

  g_assert_true (msk_policy_is_bundled (policy));
  g_assert_null (msk_policy_describe_source (policy));
  hostile_run (&run, NULL, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/overrides/bundled-when-nothing", test_bundled_when_nothing);
  g_test_add_data_func ("/overrides/system-used/first-dir", GUINT_TO_POINTER (0), test_system_used);
  g_test_add_data_func ("/overrides/system-used/second-dir", GUINT_TO_POINTER (1), test_system_used);
  g_test_add_func ("/overrides/first-system-dir-wins", test_first_system_dir_wins);
  g_test_add_func ("/overrides/option-over-system", test_option_over_system);
  g_test_add_func ("/overrides/system-refused", test_system_refused);
  g_test_add_func ("/overrides/system-refused-no-second-file", test_system_refused_no_second_file);
  g_test_add_func ("/overrides/option-refused", test_option_refused);
  g_test_add_func ("/overrides/option-and-system-refused", test_option_and_system_refused);
  g_test_add_func ("/overrides/option-missing", test_option_missing);
  g_test_add_func ("/overrides/system-not-a-file", test_system_not_a_file);
  g_test_add_func ("/overrides/system-too-big", test_system_too_big);
  g_test_add_data_func ("/overrides/system-fifo/first-dir", GUINT_TO_POINTER (0), test_system_fifo);
  g_test_add_data_func ("/overrides/system-fifo/second-dir", GUINT_TO_POINTER (1), test_system_fifo);
  g_test_add_func ("/overrides/system-dangling-link", test_system_dangling_link);
  g_test_add_func ("/overrides/system-world-writable", test_system_world_writable);
  g_test_add_data_func ("/overrides/system-dir-world-writable", GUINT_TO_POINTER (1), test_system_dir_world_writable);
  g_test_add_data_func ("/overrides/system-ancestor-world-writable", GUINT_TO_POINTER (2), test_system_dir_world_writable);
  g_test_add_func ("/overrides/notice-only-when-not-bundled", test_notice_only_when_not_bundled);

  return g_test_run ();
}
