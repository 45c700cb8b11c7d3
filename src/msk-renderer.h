/* msk-renderer.h — which GSK renderer the window uses, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  MSK_RENDERER_GTK_DEFAULT,  /* GTK chooses, as it would for any app */
  MSK_RENDERER_CAIRO,        /* no GPU: cairo, and GTK never opens GL */
} MskRendererChoice;

MskRendererChoice msk_renderer_choose   (const char *dri_dir);
gboolean          msk_renderer_init_gtk (const char *dri_dir);

G_END_DECLS
