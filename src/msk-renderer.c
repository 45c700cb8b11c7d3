/* msk-renderer.c — cairo where there is no GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with OpenGL wherever it can create a GL context, and Mesa
 * gives it one in software (llvmpipe) on a machine with no GPU: virtual
 * desktops and remote sessions without one (issue 14 says these are common
 * on practice PCs), Xvfb, containers. Measured on such a machine
 * (docs/performance.md, "Renderer"), that costs about twenty times the
 * instructions to the first frame, four times the memory, and makes a
 * ticked concern miss the 16 ms frame, against cairo.
 * So where the kernel shows no GPU that can render (no render node,
 * "renderD*", in /dev/dri: a virtual display adapter often has a "card0"
 * for modesetting only) the window uses cairo, and GTK is told not to open
 * GL at all (its probe alone is a third of the start-up and 60 MiB). With a
 * render node, GTK chooses as it always does: nothing here was measured on
 * a GPU. (A GPU whose driver has no render node, such as NVIDIA's without
 * nvidia-drm, gets cairo too; for this app's text and boxes cairo was the
 * cheaper renderer everywhere it was measured.) GSK_RENDERER, GDK_DEBUG or
 * GDK_DISABLE in the environment means someone chose already, and wins.
 */
#include "config.h"

#include "msk-renderer.h"

/* Whether DRI_DIR lists a DRM render node ("renderD128"). Without one, any
 * GL is software. */
static gboolean
has_gpu (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

MskRendererChoice
msk_renderer_choose (const char *dri_dir)
{
  g_return_val_if_fail (dri_dir != NULL, MSK_RENDERER_GTK_DEFAULT);

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL ||
      g_getenv ("GDK_DISABLE") != NULL)
    return MSK_RENDERER_GTK_DEFAULT;
  return has_gpu (dri_dir) ? MSK_RENDERER_GTK_DEFAULT : MSK_RENDERER_CAIRO;
}

/* Opens the display (gtk_init_check), having chosen the renderer for
 * DRI_DIR ("/dev/dri" in the app). Call it before the GtkApplication runs;
 * its own gtk_init then does nothing. Returns FALSE when there is no
 * display, as gtk_init_check does. */
gboolean
msk_renderer_init_gtk (const char *dri_dir)
{
  MskRendererChoice choice = msk_renderer_choose (dri_dir);
  gboolean newer = gtk_get_minor_version () >= 16;
  const char *variable = newer ? "GDK_DISABLE" : "GDK_DEBUG";
  gboolean ok;

  /* GDK reads the variable once, while the display opens: GDK_DEBUG=
   * gl-disable is the only way GTK 4.8 has to skip its GL probe (GTK 4.16
   * moved it to GDK_DISABLE=gl and warns about the old one). It is taken
   * out again at once, so nothing the app starts (a browser for a link)
   * inherits it. GDK has started two threads by then (GLib's main-context
   * and D-Bus workers, idle in poll()); GLib's environment functions are
   * not thread-safe, but glibc never frees the strings, so at worst a read
   * racing this one could miss a variable. */
  if (choice == MSK_RENDERER_CAIRO)
    g_setenv (variable, newer ? "gl" : "gl-disable", TRUE);
  ok = gtk_init_check ();
  if (choice == MSK_RENDERER_CAIRO)
    {
      g_unsetenv (variable);
      /* GSK asks the display before the environment; setting the renderer
       * here, not in GSK_RENDERER, keeps it out of child processes too,
       * and spares GSK a GL attempt that would fail with a message. */
      if (ok)
        g_object_set_data (G_OBJECT (gdk_display_get_default ()), "gsk-renderer", (gpointer) "cairo");
    }
  return ok;
}
