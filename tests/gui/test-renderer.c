/* test-renderer.c — the window draws with cairo where there is no GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * msk-renderer.c: with no DRM device, GTK must not open GL (its software GL
 * costs start-up, memory and frame time: docs/performance.md) and the
 * window must draw with cairo; with a GPU, or when the user set
 * GSK_RENDERER or GDK_DEBUG, GTK chooses as usual.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <gtk/gtk.h>

#include "msk-renderer.h"

static guint gsk_messages;

/* Counts what GSK says (it says why a renderer failed), and leaves
 * everything to the default writer. */
static GLogWriterOutput
count_gsk_writer (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length == -1 &&
        g_strcmp0 (fields[i].value, "Gsk") == 0)
      gsk_messages++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static char *
dri_dir_with (const char *device)
{
  char *dir = g_dir_make_tmp ("msk-dri-XXXXXX", NULL);

  g_assert_nonnull (dir);
  if (device != NULL)
    {
      g_autofree char *path = g_build_filename (dir, device, NULL);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }
  return dir;
}

static void
remove_dri_dir (char       *dir,
                const char *device)
{
  if (device != NULL)
    {
      g_autofree char *path = g_build_filename (dir, device, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (dir);
}

static void
test_choice (void)
{
  static const struct {
    const char       *device;
    MskRendererChoice expected;
  } cases[] = {
    { NULL, MSK_RENDERER_CAIRO },            /* an empty /dev/dri */
    { "renderD128", MSK_RENDERER_GTK_DEFAULT },
    /* A virtual display adapter: modesetting only, no GL of its own. */
    { "card0", MSK_RENDERER_CAIRO },
    { "by-path", MSK_RENDERER_CAIRO },       /* not a device */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *dir = dri_dir_with (cases[i].device);

      g_test_message ("/dev/dri holding %s", cases[i].device != NULL ? cases[i].device : "nothing");
      g_assert_cmpint (msk_renderer_choose (dir), ==, cases[i].expected);
      remove_dri_dir (dir, cases[i].device);
    }
  /* No /dev/dri at all: no GPU either. */
  g_assert_cmpint (msk_renderer_choose ("/nonexistent/dri"), ==, MSK_RENDERER_CAIRO);
}

static void
test_user_choice_wins (void)
{
  char *dir = dri_dir_with (NULL);

  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_assert_cmpint (msk_renderer_choose (dir), ==, MSK_RENDERER_GTK_DEFAULT);
  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "opengl", TRUE);
  g_assert_cmpint (msk_renderer_choose (dir), ==, MSK_RENDERER_GTK_DEFAULT);
  g_unsetenv ("GDK_DEBUG");
  g_setenv ("GDK_DISABLE", "vulkan", TRUE);
  g_assert_cmpint (msk_renderer_choose (dir), ==, MSK_RENDERER_GTK_DEFAULT);
  g_unsetenv ("GDK_DISABLE");
  g_assert_cmpint (msk_renderer_choose (dir), ==, MSK_RENDERER_CAIRO);
  remove_dri_dir (dir, NULL);
}

/* The whole way, once per process (a display opens once): no GL, a cairo
 * window, and nothing left in the environment for programs the app starts. */
static void
test_window_without_gpu (void)
{
  char *dir = dri_dir_with (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GskRenderer *renderer;

  g_assert_true (msk_renderer_init_gtk (dir));
  g_assert_null (g_getenv ("GDK_DEBUG"));
  g_assert_null (g_getenv ("GSK_RENDERER"));
  /* Under Xvfb GL exists (llvmpipe): it is refused only because GTK was
   * told not to open it. */
  g_assert_false (gdk_display_prepare_gl (gdk_display_get_default (), &error));
  g_assert_nonnull (error);

  window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (window));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  /* Straight to cairo: not a GL attempt that fails with a message on the
   * terminal of every start. */
  g_assert_cmpuint (gsk_messages, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_dri_dir (dir, NULL);
}

/* Started with no display at all, the app says so and exits 1, as GTK's
 * own gtk_init would. (It crashed once the renderer was chosen before the
 * application's gtk_init: that one no longer reports anything.) */
static void
test_no_display (void)
{
  const char *program = g_getenv ("MSK_TEST_PROGRAM");
  const char *argv[] = { program, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("MSK_TEST_PROGRAM is not set (meson sets it)");
      return;
    }
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "cannot open a display"));
  g_assert_nonnull (strstr (err, "DISPLAY is not set"));
  g_assert_null (strstr (err, "CRITICAL"));
}

int
main (int   argc,
      char *argv[])
{
  /* The suite sets GSK_RENDERER=cairo for the other GUI tests; here the
   * app's own choice is under test. */
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  g_log_set_writer_func (count_gsk_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/cairo-only-without-a-gpu", test_choice);
  g_test_add_func ("/renderer/user-choice-wins", test_user_choice_wins);
  g_test_add_func ("/renderer/no-display-is-said-not-crashed", test_no_display);
  g_test_add_func ("/renderer/window-without-gpu-never-opens-gl", test_window_without_gpu);
  return g_test_run ();
}
