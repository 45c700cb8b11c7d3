/* msk-wrap-layout.h — measures a wrapping label by laying its text out once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MSK_TYPE_WRAP_LAYOUT (msk_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (MskWrapLayout, msk_wrap_layout, MSK, WRAP_LAYOUT, GtkLayoutManager)

/* For a GtkLabel that wraps (msk-wrap-layout.c says why) */
GtkLayoutManager *msk_wrap_layout_new (void);

G_END_DECLS
