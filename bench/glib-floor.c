/* glib-floor.c — the least a GLib program costs per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts, parses its options with GOptionContext as the command line does,
 * prints one line and exits. bench/run compares the command line's
 * per-process cost with this and with /bin/true.
 */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print a version and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_set_prgname ("glib-floor");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "glib-floor: %s\n", error->message);
      return 2;
    }
  printf ("glib-floor 1\n");
  return 0;
}
