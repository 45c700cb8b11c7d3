/* main-gui.c — the app's window: msk-mri-advisor-gui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * msk-mri-advisor (main.c) execs this when no command-line action is given,
 * with the same arguments; it links GTK, which the command line never loads.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-application.h"
#include "msk-cli.h"
#include "msk-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskLaunch) launch = NULL;
  g_autoptr(MskApplication) app = NULL;
  int status;

  msk_cli_setup ();

  /* The same parse as the front door's, for --policy and --date; run
   * directly with an action, it still does what the command line does. */
  status = msk_cli_run (argc, argv, msk_cli_render_pdf, &launch);
  if (status >= 0)
    return status;

  /* Before the application's own gtk_init, which then does nothing: the
   * renderer must be chosen while the display opens (msk-renderer.c).
   * That later gtk_init would not report a missing display either (GTK
   * counts itself initialised once gtk_init_check has tried), so it is
   * reported here: without this, the window was built with no display
   * and the app crashed. */
  if (!msk_renderer_init_gtk ("/dev/dri"))
    {
      const char *x11 = g_getenv ("DISPLAY");
      const char *wayland = g_getenv ("WAYLAND_DISPLAY");

      g_printerr (_("%s: cannot open a display (DISPLAY is %s, WAYLAND_DISPLAY is %s); "
                    "the command-line options work without one: see --help\n"),
                  g_get_prgname (),
                  x11 != NULL ? x11 : _("not set"), wayland != NULL ? wayland : _("not set"));
      return 1;
    }
  app = msk_application_new (launch->policy_path, &launch->today);
  /* The options are parsed already; hand GApplication the program name only. */
  return g_application_run (G_APPLICATION (app), 1, argv);
}
