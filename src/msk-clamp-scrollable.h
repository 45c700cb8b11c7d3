/* msk-clamp-scrollable.h — lets the child of a clamp scroll itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-clamp.h"

G_BEGIN_DECLS

#define MSK_TYPE_CLAMP_SCROLLABLE (msk_clamp_scrollable_get_type ())

G_DECLARE_FINAL_TYPE (MskClampScrollable, msk_clamp_scrollable, MSK, CLAMP_SCROLLABLE, GtkWidget)

GtkWidget *msk_clamp_scrollable_new       (void);
MskClamp  *msk_clamp_scrollable_get_clamp (MskClampScrollable *self);
void       msk_clamp_scrollable_set_clamp (MskClampScrollable *self,
                                           MskClamp           *clamp);

G_END_DECLS
