/* hostile-util.c — running the real command line from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hostile-util.h"

void
hostile_run_clear (HostileRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
run_va (HostileRun         *run,
        GBytes             *input,
        const char * const *env,
        guint               timeout_seconds,
        const char         *first_arg,
        va_list             args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("%u", timeout_seconds);
  const char *binary = g_getenv ("MSK_BINARY");
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  gint64 start;

  g_assert_nonnull (binary);
  if (timeout_seconds > 0)
    {
      /* coreutils' timeout: a hang becomes exit status 124, not a stuck suite. */
      g_ptr_array_add (argv, (gpointer) "timeout");
      g_ptr_array_add (argv, (gpointer) "-k");
      g_ptr_array_add (argv, (gpointer) "2");
      g_ptr_array_add (argv, limit);
    }
  g_ptr_array_add (argv, (gpointer) binary);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  flags |= input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_STDIN_INHERIT;
  launcher = g_subprocess_launcher_new (flags);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  start = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  run->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  run->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  /* g_strndup (NULL, 0) is NULL: an empty output is still a string. */
  run->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  /* A NUL inside the output would hide the rest from the string checks. */
  g_assert_cmpuint (strlen (run->out), ==, g_bytes_get_size (out));
  g_assert_cmpuint (strlen (run->err), ==, g_bytes_get_size (err));
}

void
hostile_run (HostileRun         *run,
             GBytes             *input,
             const char * const *env,
             const char         *first_arg,
             ...)
{
  va_list args;

  va_start (args, first_arg);
  run_va (run, input, env, 0, first_arg, args);
  va_end (args);
}

void
hostile_run_within (HostileRun         *run,
                    guint               seconds,
                    GBytes             *input,
                    const char * const *env,
                    const char         *first_arg,
                    ...)
{
  va_list args;

  va_start (args, first_arg);
  run_va (run, input, env, seconds, first_arg, args);
  va_end (args);
}

gboolean
hostile_text_is_clean (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      /* C0 but '\n', DEL, C1 (U+009B is a CSI to many terminals), line
       * separators and the bidi controls that reorder what a reader sees. */
      if ((ch < 0x20 && ch != '\n') || (ch >= 0x7f && ch < 0xa0) || ch == 0x2028 || ch == 0x2029 ||
          (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069))
        return FALSE;
    }
  return TRUE;
}

guint
hostile_count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += (*p == '\n');
  if (*text != '\0' && text[strlen (text) - 1] != '\n')
    n++;
  return n;
}

char *
hostile_write_file (const char *dir,
                    const char *name,
                    const char *data,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
hostile_policy_notice (const char *path)
{
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  return g_strdup_printf ("msk-mri-advisor: using the policy in %s (sha256 %s), not the one bundled with the program\n",
                          path, sha);
}
