/* msk-renderer.c — cairo where there is no GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with OpenGL wherever it can create a GL context, and Mesa
 * gives it one in software (llvmpipe) on a machine with no GPU: the virtual
 * desktops and remote sessions many practices use. Measured on such a
 * machine (docs/performance.md, "Renderer"), that costs about twenty times
 * the instructions to the first frame, four times the memory, and makes a
 * ticked concern miss the 16 ms frame, against cairo.
 * So where the kernel shows no GPU (no DRM device in /dev/dri) the window
 * uses cairo, and GTK is told not to open GL at all (its probe alone is a
 * third of the start-up and 60 MiB). With a GPU, GTK chooses as it always
 * does: nothing here was measured on one. GSK_RENDERER or GDK_DEBUG in the
 * environment means someone chose already, and wins.
 */
#include "config.h"

#include "msk-renderer.h"

/* Whether DRI_DIR lists a DRM device: a render node ("renderD128") or a
 * card ("card0"). Without one, any GL is software. */
static gboolean
has_gpu (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
      return TRUE;
  return FALSE;
}

MskRendererChoice
msk_renderer_choose (const char *dri_dir)
{
  g_return_val_if_fail (dri_dir != NULL, MSK_RENDERER_GTK_DEFAULT);

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL)
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
  gboolean ok;

  /* GDK reads GDK_DEBUG once, while the display opens; gl-disable is the
   * only way GTK 4.8 has to skip its GL probe. It is taken out again at
   * once, so nothing the app starts (a browser for a link) inherits it. */
  if (choice == MSK_RENDERER_CAIRO)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  ok = gtk_init_check ();
  if (choice == MSK_RENDERER_CAIRO)
    {
      g_unsetenv ("GDK_DEBUG");
      /* GSK asks the display before the environment; setting the renderer
       * here, not in GSK_RENDERER, keeps it out of child processes too,
       * and spares GSK a GL attempt that would fail with a message. */
      if (ok)
        g_object_set_data (G_OBJECT (gdk_display_get_default ()), "gsk-renderer", (gpointer) "cairo");
    }
  return ok;
}
