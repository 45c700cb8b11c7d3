/* main.c — msk-mri-advisor: the command line, or the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This executable links the core, the summary renderer and the command line,
 * not GTK: a script running --evaluate does not pay for loading GTK's 70-odd
 * shared libraries (three quarters of its instructions when it did). When no
 * action is given it execs msk-mri-advisor-gui with the same arguments: next
 * to itself in the build tree, else in libexecdir where it is installed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "msk-cli.h"

#define GUI_NAME "msk-mri-advisor-gui"

static char *
find_gui (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, GUI_NAME, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, GUI_NAME, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskLaunch) launch = NULL;
  /* msk_cli_run's option parser removes what it reads from the array it is
   * given; the window gets the arguments as they were typed. */
  g_auto(GStrv) args = g_strdupv (argv);
  g_autofree char *gui = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("msk-mri-advisor");

  status = msk_cli_run (argc, argv, &launch);
  if (status >= 0)
    return status;

  gui = find_gui ();
  execv (gui, args);
  fprintf (stderr, _("%s: cannot start the window (%s): %s\n"), g_get_prgname (), gui, g_strerror (errno));
  return 1;
}
