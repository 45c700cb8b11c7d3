/* test-privacy.c — the program writes the files asked for, and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every place a library could keep state (home, the XDG dirs, the temporary
 * dir) points into one empty folder; after evaluating, printing and writing
 * both PDFs the folder must hold the two PDFs and nothing more.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "summary-test-util.h"

#define NOTE "Privacy-canary-7Q3 lives at 1 Example Road"

static const char *request =
  "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"newham\","
  " \"concerns\": [\"suspected_ces\"], \"notes\": \"" NOTE "\"}";

static void
walk (const char *root,
      const char *rel,
      GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *child = *rel ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      g_ptr_array_add (found, child);
      if (g_file_test (full, G_FILE_TEST_IS_DIR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        walk (root, child, found);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_writes_only_what_is_asked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("msk-privacy-XXXXXX", &error);
  g_autofree char *summary = NULL;
  g_autofree char *patient = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_get_environ ();
  const char *vars[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                         "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "TMPDIR" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  summary = g_build_filename (root, "summary.pdf", NULL);
  patient = g_build_filename (root, "patient.pdf", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    env = g_environ_setenv (env, vars[i], root, TRUE);

  /* The request comes on standard input, so no input file sits in the folder. */
  status = msk_test_run_cli_env (ARGS ("--evaluate", "-", "--format", "text"),
                                 (const char * const *) env, request, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, NOTE));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = msk_test_run_cli_env (ARGS ("--evaluate", "-", "--format", "json"),
                                 (const char * const *) env, request, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = msk_test_run_cli_env (ARGS ("--evaluate", "-", "--pdf", summary, "--patient-pdf", patient),
                                 (const char * const *) env, request, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  walk (root, "", found);
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("found %s", (const char *) found->pdata[i]);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (found->pdata[0], ==, "patient.pdf");
  g_assert_cmpstr (found->pdata[1], ==, "summary.pdf");

  remove_tree (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/summary/privacy/writes-only-what-is-asked", test_writes_only_what_is_asked);
  return g_test_run ();
}
