/* test-hostile-output.c — hostile text and paths on the way out (issue #11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-hostile.c checks that bad input is refused; this checks what a user
 * would see when input that is accepted, or a path given for output, is
 * hostile: nothing hangs, nothing is clobbered, and no byte reaches a
 * terminal, the clipboard text or a PDF unescaped. The command line runs
 * under coreutils' timeout, so a hang fails the case instead of the suite.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostile-util.h"
#include "msk-decision.h"
#include "msk-decision-text.h"
#include "msk-test-util.h"
#include "msk-text.h"

/* Generous for a loaded CI machine; a blocked open() never returns at all. */
#define QUICK 5

static const char ok_request[] = "{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[]}";

static char *
tmp_file (const char *name,
          const char *data)
{
  return hostile_write_file (g_get_user_cache_dir (), name, data, -1);
}

static char *
tmp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static char *
make_fifo (const char *name)
{
  char *path = tmp_path (name);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

static char *
request_with_note (const char *note_json)
{
  return g_strdup_printf ("{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[],\"notes\":\"%s\"}", note_json);
}

static gboolean
has_bidi_control (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (msk_text_is_bidi_control (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Runs a poppler tool on a PDF; NULL (and the test skipped) without it. */
static char *
poppler (const char *tool,
         const char *pdf)
{
  g_autofree char *prog = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (prog == NULL)
    {
      g_test_skip ("poppler-utils not installed");
      return NULL;
    }
  {
    /* pdftotext writes to a file unless told "-"; pdfinfo takes one file. */
    const char *argv[] = { prog, pdf, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = poppler ("pdfinfo", pdf);
  const char *at;

  if (info == NULL)
    return 0;
  at = strstr (info, "Pages:");
  g_assert_nonnull (at);
  return (guint) g_ascii_strtoull (at + 6 + strspn (at + 6, " "), NULL, 10);
}

/* ---- 1. FIFOs never hold anything up ---- */

static void
test_fifo_request (void)
{
  g_autofree char *fifo = make_fifo ("request-fifo.json");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: %s: is a FIFO (named pipe), not a regular file\n", fifo);
  g_auto(HostileRun) run = { 0 };

  hostile_run_within (&run, QUICK * 2, NULL, NULL, "--evaluate", fifo, NULL);
  g_assert_cmpfloat (run.seconds, <, QUICK);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, want);
}

static void
test_fifo_validate_policy (void)
{
  g_autofree char *fifo = make_fifo ("policy-fifo.json");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: %s: is a FIFO (named pipe), not a regular file\n", fifo);
  g_auto(HostileRun) run = { 0 };

  hostile_run_within (&run, QUICK * 2, NULL, NULL, "--validate-policy", fifo, NULL);
  g_assert_cmpfloat (run.seconds, <, QUICK);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, want);
}

static void
test_fifo_option_policy (void)
{
  g_autofree char *fifo = make_fifo ("option-fifo.json");
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --policy %s refused:\n%s: is a FIFO (named pipe), not a regular file\n",
                                           fifo, fifo);
  g_auto(HostileRun) run = { 0 };

  hostile_run_within (&run, QUICK * 2, NULL, NULL, "--policy", fifo, "--evaluate", req, NULL);
  g_assert_cmpfloat (run.seconds, <, QUICK);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, want);
}

/* The window: with a FIFO as the system-wide policy it used to block in
 * open() before the first frame. Needs the suite's virtual display. */
static void
test_fifo_window (void)
{
  g_autofree char *dir = g_build_filename (g_get_system_config_dirs ()[0], "msk-mri-advisor", NULL);
  g_autofree char *fifo = g_build_filename (dir, "policy.json", NULL);
  g_autofree char *env_dirs = g_strdup_printf ("XDG_CONFIG_DIRS=%s", g_get_system_config_dirs ()[0]);
  /* Warnings are not fatal here, and leaks not checked (a sanitizer
   * build): the isolated test dirs hold no icon theme, GTK keeps its icon
   * cache for the process, and this test is about a hang. The widget tests
   * check the window's memory. */
  g_autofree char *asan = g_strdup_printf ("ASAN_OPTIONS=%s%sdetect_leaks=0", g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                                           g_getenv ("ASAN_OPTIONS") ? ":" : "");
  const char *env[] = { env_dirs, "MSK_QUIT_AFTER_FIRST_FRAME=1", "G_DEBUG=gc-friendly", "GSK_RENDERER=cairo", asan, NULL };
  g_auto(HostileRun) run = { 0 };

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Start-up under the sanitizers takes seconds; a blocked open() never
   * returns, so the kill (exit 124) is what fails a regression. The window
   * draws its first frame, with the bundled policy, and quits. */
  hostile_run_within (&run, 60, NULL, env, "--date", "2026-01-01", NULL);
  g_test_message ("%.1f s; stderr: %s", run.seconds, run.err);
  g_assert_cmpint (run.status, ==, 0);
}

/* ---- 2. outputs never clobber what they should not ---- */

static void
assert_pdf_refused (const char *want_err,
                    const char *first_arg,
                    ...) G_GNUC_NULL_TERMINATED;

/* --evaluate REQ plus the given output flags: refused with `want_err`,
 * exit 2, nothing on standard output. */
static void
assert_pdf_refused (const char *want_err,
                    const char *first_arg,
                    ...)
{
  const char *a[8] = { NULL };
  va_list args;
  guint n = 0;
  g_auto(HostileRun) run = { 0 };

  va_start (args, first_arg);
  for (const char *s = first_arg; s != NULL && n < G_N_ELEMENTS (a) - 1; s = va_arg (args, const char *))
    a[n++] = s;
  va_end (args);
  hostile_run_within (&run, QUICK * 2, NULL, NULL, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
  g_assert_cmpfloat (run.seconds, <, QUICK);
  g_assert_cmpstr (run.err, ==, want_err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_pdf_char_device (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  GStatBuf st;

  assert_pdf_refused ("msk-mri-advisor: --pdf /dev/null: is a character device; not writing over it\n",
                      "--evaluate", req, "--pdf", "/dev/null", NULL);
  assert_pdf_refused ("msk-mri-advisor: --patient-pdf /dev/null: is a character device; not writing over it\n",
                      "--evaluate", req, "--patient-pdf", "/dev/null", NULL);
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

static void
test_pdf_fifo (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *fifo = make_fifo ("out-fifo.pdf");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --pdf %s: is a FIFO (named pipe); not writing over it\n", fifo);
  GStatBuf st;

  assert_pdf_refused (want, "--evaluate", req, "--pdf", fifo, NULL);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

static void
test_pdf_symlink (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *victim = tmp_file ("victim.txt", "keep me");
  g_autofree char *link = tmp_path ("link.pdf");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --pdf %s: is a symbolic link; not writing over it\n", link);
  g_autofree char *kept = NULL;

  g_assert_cmpint (symlink (victim, link), ==, 0);
  assert_pdf_refused (want, "--evaluate", req, "--pdf", link, NULL);
  g_assert_true (g_file_get_contents (victim, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "keep me");
}

static void
test_pdf_same_as_input (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *dir = g_path_get_dirname (req);
  g_autofree char *dir_name = g_path_get_basename (dir);
  g_autofree char *other_spelling = g_build_filename (dir, ".", "..", dir_name, "req.json", NULL);
  g_autofree char *hard = tmp_path ("hard-link.pdf");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --pdf %s: is the same file as %s; not writing over it\n", req, req);
  g_autofree char *want2 = g_strdup_printf ("msk-mri-advisor: --patient-pdf %s: is the same file as %s; not writing over it\n",
                                            other_spelling, req);
  g_autofree char *want3 = g_strdup_printf ("msk-mri-advisor: --pdf %s: is the same file as %s; not writing over it\n", hard, req);
  g_autofree char *kept = NULL;

  assert_pdf_refused (want, "--evaluate", req, "--pdf", req, NULL);
  assert_pdf_refused (want2, "--evaluate", req, "--patient-pdf", other_spelling, NULL);
  g_assert_cmpint (link (req, hard), ==, 0);
  assert_pdf_refused (want3, "--evaluate", req, "--pdf", hard, NULL);
  g_assert_true (g_file_get_contents (req, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, ok_request);
}

static void
test_pdf_same_as_policy (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *policy = tmp_path ("policy.json");
  g_autoptr(GBytes) bundled = g_resources_lookup_data ("/org/nel/MskMriAdvisor/policy/nel-msk-mri.json", 0, NULL);
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --pdf %s: is the same file as %s; not writing over it\n", policy, policy);

  g_assert_nonnull (bundled);
  g_assert_true (g_file_set_contents (policy, g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled), NULL));
  assert_pdf_refused (want, "--policy", policy, "--evaluate", req, "--pdf", policy, NULL);
}

static void
test_pdf_same_for_both (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *out = tmp_path ("both.pdf");
  g_autofree char *want = g_strdup_printf ("msk-mri-advisor: --pdf %s: is the same file as %s; not writing over it\n", out, out);

  assert_pdf_refused (want, "--evaluate", req, "--pdf", out, "--patient-pdf", out, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_pdf_private_and_whole (void)
{
  g_autofree char *req = tmp_file ("req.json", ok_request);
  g_autofree char *out = tmp_path ("summary.pdf");
  g_autofree char *sheet = tmp_path ("sheet.pdf");
  g_autofree char *data = NULL;
  g_autoptr(GDir) dir = NULL;
  g_auto(HostileRun) run = { 0 };
  GStatBuf st;
  guint n = 0;

  /* An old file in the way is replaced, as a user expects. */
  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  hostile_run_within (&run, QUICK * 12, NULL, NULL, "--evaluate", req, "--pdf", out, "--patient-pdf", sheet,
                      "--date", "2026-01-01", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i ? sheet : out;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      /* A summary names a patient's condition: not readable by others. */
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      g_assert_true (g_str_has_prefix (data, "%PDF-"));
      g_clear_pointer (&data, g_free);
    }
  /* No temporary file is left beside them. */
  dir = g_dir_open (g_get_user_cache_dir (), 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    n += g_str_has_prefix (name, ".");
  g_assert_cmpuint (n, ==, 0);
}

/* ---- 3. control and bidi characters ---- */

/* ESC ] 0 (retitle), ESC [2J (clear), OSC 52 (write the clipboard), C1 CSI
 * and a right-to-left override that makes "ton GNIMRIFNOC" read "not
 * CONFIRMING". */
static const char hostile_note[] =
  "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b]52;c;cm0gLXJmIH4K\\u0007\\u009b31m"
  "Pt ok \\u202eGNIMRIFNOC ton\\u202c";

static void
test_note_text_summary (void)
{
  g_autofree char *json = request_with_note (hostile_note);
  g_autofree char *req = tmp_file ("req.json", json);
  g_auto(HostileRun) run = { 0 };

  hostile_run_within (&run, QUICK * 2, NULL, NULL, "--evaluate", req, "--date", "2026-01-01", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (hostile_text_is_clean (run.out));
  g_assert_false (has_bidi_control (run.out));
  /* Stored order, as typed: a reader sees what the record holds. */
  g_assert_nonnull (strstr (run.out, "Pt ok GNIMRIFNOC ton"));
}

/* What Copy for notes puts on the clipboard. */
static void
test_note_copy_for_notes (void)
{
  g_autofree char *json = request_with_note (hostile_note);
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = msk_request_new_from_json (policy, json, strlen (json), &error);
  g_autoptr(MskDecision) decision = NULL;
  g_autofree char *text = NULL;
  GDate day;

  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 1, 2026);
  decision = msk_evaluate (policy, request, &day);
  text = msk_decision_to_text (decision, NULL);
  g_assert_true (hostile_text_is_clean (text));
  g_assert_false (has_bidi_control (text));
  g_assert_nonnull (strstr (text, "Pt ok GNIMRIFNOC ton"));

  /* The window's door: the setter cleans the note the same way. */
  msk_request_set_notes (request, "Pt ok \xe2\x80\xae" "GNIMRIFNOC ton\xe2\x80\xac \x1b[2J\xc2\x9b");
  g_assert_cmpstr (msk_request_get_notes (request), ==, "Pt ok GNIMRIFNOC ton");
}

static void
test_note_pdf (void)
{
  g_autofree char *json = request_with_note (hostile_note);
  g_autofree char *req = tmp_file ("req.json", json);
  g_autofree char *out = tmp_path ("note.pdf");
  g_autofree char *text = NULL;
  g_auto(HostileRun) run = { 0 };

  hostile_run_within (&run, QUICK * 12, NULL, NULL, "--evaluate", req, "--pdf", out, "--date", "2026-01-01", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = poppler ("pdftotext", out);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "GNIMRIFNOC ton"));
  g_assert_null (strstr (text, "not CONFIRMING"));
  g_assert_null (strstr (text, "pwned"));
}

/* The JSON writer's post-pass: what json-glib leaves raw is escaped. */
static void
test_json_escapes (void)
{
  g_autofree char *out = msk_text_escape_json ("{ \"a\" : \"x\xc2\x9b" "y\xe2\x80\xae" "z\xe2\x80\xa8\x7f\xc3\xa9\" }");

  g_assert_cmpstr (out, ==, "{ \"a\" : \"x\\u009by\\u202ez\\u2028\\u007f\xc3\xa9\" }");
}

/* --version names the policy in force: a system-wide file with an escape in
 * its version is refused, and nothing of it reaches the terminal raw. */
static void
test_version_hostile_system_policy (void)
{
  g_autoptr(GBytes) text = msk_test_edit_text ("metadata/version", "\"%s\\u001b]0;pwned\\u0007\\u009b2J\"");
  g_autofree char *version = msk_test_bundled_metadata ("version");
  g_autofree char *bundled = g_strdup_printf ("version %s (bundled)", version);
  g_autofree char *dir = g_build_filename (g_get_system_config_dirs ()[0], "msk-mri-advisor", NULL);
  g_autofree char *path = NULL;
  g_autofree char *env_dirs = g_strdup_printf ("XDG_CONFIG_DIRS=%s", g_get_system_config_dirs ()[0]);
  const char *env[] = { env_dirs, NULL };
  g_auto(HostileRun) run = { 0 };

  path = hostile_write_file (dir, "policy.json", g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  hostile_run_within (&run, QUICK * 2, NULL, env, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (hostile_text_is_clean (run.out));
  g_assert_true (hostile_text_is_clean (run.err));
  g_assert_nonnull (strstr (run.err, "$.metadata.version: holds control character U+001B"));
  g_assert_nonnull (strstr (run.out, bundled));
}

/* ---- 4 and 5. long words and long notes stay on a page or two ---- */

static void
assert_short_pdf (const char *note_json,
                  guint       max_pages)
{
  g_autofree char *json = request_with_note (note_json);
  g_autofree char *req = tmp_file ("req.json", json);
  g_autofree char *out = tmp_path ("long.pdf");
  g_autofree char *sheet = tmp_path ("long-sheet.pdf");
  g_auto(HostileRun) run = { 0 };
  guint pages;

  /* No time limit but a generous kill: rendering under the sanitizers
   * takes seconds, and the page count is what a user sees (the 23-page
   * title took 9.4 s). */
  hostile_run_within (&run, QUICK * 12, NULL, NULL, "--evaluate", req, "--pdf", out, "--patient-pdf", sheet,
                      "--date", "2026-01-01", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (hostile_text_is_clean (run.out));
  pages = pdf_pages (out);
  if (pages == 0)
    return;
  g_test_message ("%u pages", pages);
  g_assert_cmpuint (pages, <=, max_pages);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
test_long_word_note_pdf (void)
{
  g_autofree char *word = repeat ("W", 2000);
  assert_short_pdf (word, 2);
}

static void
test_newline_note_pdf (void)
{
  g_autofree char *blank = repeat ("\\n", 2000);
  g_autofree char *lines = repeat ("a\\n", 1000);
  g_autofree char *separators = repeat ("a\\u2028", 1000);

  assert_short_pdf (blank, 2);
  assert_short_pdf (lines, 2);
  assert_short_pdf (separators, 2);
}

/* The window took 200,000 characters where the command line caps 2,000:
 * the request itself now keeps no more, whichever door the note came in by,
 * and no more than MSK_TEXT_NOTE_MAX_LINES lines. */
static void
test_note_limit_every_door (void)
{
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);
  g_autoptr(MskRequest) request = msk_request_new (policy);
  g_autofree char *huge = repeat ("x", 200000);
  g_autofree char *lines = repeat ("a\n\n\n", 500);
  g_auto(GStrv) kept = NULL;

  msk_request_set_notes (request, huge);
  g_assert_cmpint (g_utf8_strlen (msk_request_get_notes (request), -1), ==, MSK_REQUEST_NOTES_MAX_CHARS);
  msk_request_set_notes (request, lines);
  kept = g_strsplit (msk_request_get_notes (request), "\n", -1);
  g_assert_cmpuint (g_strv_length (kept), <=, MSK_TEXT_NOTE_MAX_LINES);
  /* Blank-line runs became one blank line; later lines joined the last. */
  g_assert_true (g_str_has_prefix (msk_request_get_notes (request), "a\n\na\n\na"));
  msk_request_set_notes (request, " \n\xe2\x80\xa8\t ");
  g_assert_null (msk_request_get_notes (request));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hostile-output/1-fifo/request", test_fifo_request);
  g_test_add_func ("/hostile-output/1-fifo/validate-policy", test_fifo_validate_policy);
  g_test_add_func ("/hostile-output/1-fifo/option-policy", test_fifo_option_policy);
  g_test_add_func ("/hostile-output/1-fifo/window", test_fifo_window);
  g_test_add_func ("/hostile-output/2-pdf/char-device", test_pdf_char_device);
  g_test_add_func ("/hostile-output/2-pdf/fifo", test_pdf_fifo);
  g_test_add_func ("/hostile-output/2-pdf/symlink", test_pdf_symlink);
  g_test_add_func ("/hostile-output/2-pdf/same-as-input", test_pdf_same_as_input);
  g_test_add_func ("/hostile-output/2-pdf/same-as-policy", test_pdf_same_as_policy);
  g_test_add_func ("/hostile-output/2-pdf/same-for-both", test_pdf_same_for_both);
  g_test_add_func ("/hostile-output/2-pdf/private-and-whole", test_pdf_private_and_whole);
  g_test_add_func ("/hostile-output/3-text/note-text-summary", test_note_text_summary);
  g_test_add_func ("/hostile-output/3-text/note-copy-for-notes", test_note_copy_for_notes);
  g_test_add_func ("/hostile-output/3-text/note-pdf", test_note_pdf);
  g_test_add_func ("/hostile-output/3-text/json-escapes", test_json_escapes);
  g_test_add_func ("/hostile-output/3-text/version-hostile-system-policy", test_version_hostile_system_policy);
  g_test_add_func ("/hostile-output/4-long/word-note-pdf", test_long_word_note_pdf);
  g_test_add_func ("/hostile-output/5-notes/newlines-pdf", test_newline_note_pdf);
  g_test_add_func ("/hostile-output/5-notes/limit-every-door", test_note_limit_every_door);

  return g_test_run ();
}
