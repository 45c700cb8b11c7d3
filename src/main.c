/* main.c — msk-mri-advisor: the command line, or the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This executable links the core and the command line, not GTK and not the
 * summary renderer: a script running --evaluate does not pay for loading
 * GTK's 70-odd shared libraries (three quarters of its instructions when it
 * did), nor for Pango's and cairo's 26 (a quarter of what was left). When no
 * action is given it execs msk-mri-advisor-gui with the same arguments, and
 * when a PDF is asked for msk-mri-advisor-pdf: next to itself in the build
 * tree, else in libexecdir where they are installed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "msk-cli.h"

#define GUI_NAME "msk-mri-advisor-gui"
#define PDF_NAME "msk-mri-advisor-pdf"

static char *
find_helper (const char *name)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, name, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, name, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskLaunch) launch = NULL;
  /* msk_cli_run's option parser removes what it reads from the array it is
   * given; the window gets the arguments as they were typed. */
  g_auto(GStrv) args = g_strdupv (argv);
  g_autofree char *helper = NULL;
  int status;

  msk_cli_setup ();

  status = msk_cli_run (argc, argv, NULL, &launch);
  if (status >= 0)
    return status;

  if (status == MSK_CLI_NEEDS_RENDERER)
    {
      helper = find_helper (PDF_NAME);
      execv (helper, args);
      fprintf (stderr, _("%s: cannot start the PDF writer (%s): %s\n"), g_get_prgname (), helper, g_strerror (errno));
      return 1;
    }
  helper = find_helper (GUI_NAME);
  execv (helper, args);
  fprintf (stderr, _("%s: cannot start the window (%s): %s\n"), g_get_prgname (), helper, g_strerror (errno));
  return 1;
}
