/* bare-window.c — the start-up and memory baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a GTK 4 app can do to show a window: a GtkApplication with one
 * empty GtkApplicationWindow of the app's default size. It quits after the
 * window's first frame is painted, the way the app does under
 * MSK_QUIT_AFTER_FIRST_FRAME=1: GdkFrameClock::after-paint → quit. Like the
 * app it is NON_UNIQUE and has no resource base path. bench/run times
 * exec → exit of both under the same display and environment.
 *
 *   bare-window [WIDTH HEIGHT] [--headerbar]
 *
 * WIDTH HEIGHT default to 1000 700; bench/run passes the app's default size.
 * --headerbar adds an empty GtkHeaderBar as the titlebar (client-side
 * decorations, and with them the icon theme for the window buttons), the
 * least a window like the app's carries; bench/run reports it as a second
 * baseline (issue 14's start-up target is against it).
 */
#include <gtk/gtk.h>
#include <stdlib.h>

static int width = 1000;
static int height = 700;
static gboolean headerbar;

/* An empty GtkApplicationWindow that notes when it has been drawn, so the
 * quit waits for a frame with the window in it. */
G_DECLARE_FINAL_TYPE (BareWindow, bare_window, BARE, WINDOW, GtkApplicationWindow)

struct _BareWindow
{
  GtkApplicationWindow parent_instance;
  gboolean             drawn;
};

G_DEFINE_FINAL_TYPE (BareWindow, bare_window, GTK_TYPE_APPLICATION_WINDOW)

static void
bare_window_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BARE_WINDOW (widget)->drawn = TRUE;
  GTK_WIDGET_CLASS (bare_window_parent_class)->snapshot (widget, snapshot);
}

static void
bare_window_class_init (BareWindowClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = bare_window_snapshot;
}

static void
bare_window_init (BareWindow *self)
{
}

static void
after_paint_cb (GdkFrameClock *clock,
                BareWindow    *window)
{
  /* Under X11 the first paint already draws the window; the check only makes
   * sure no frame without it counts. */
  if (!window->drawn)
    return;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = g_object_new (bare_window_get_type (), "application", app, NULL);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (headerbar)
    gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  if (argc >= 2 && g_strcmp0 (argv[argc - 1], "--headerbar") == 0)
    {
      headerbar = TRUE;
      argc--;
    }
  if (argc == 3)
    {
      width = atoi (argv[1]);
      height = atoi (argv[2]);
    }
  app = gtk_application_new ("org.nel.MskMriAdvisor.BenchBareWindow", G_APPLICATION_NON_UNIQUE);
  /* As the app: no resource base path, so GtkApplication adds no resource
   * icon path, which would make the icon theme load twice in some runs and
   * not in others (58 M instructions either way). */
  g_application_set_resource_base_path (G_APPLICATION (app), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
