/* msk-clamp.h — keeps one child to a readable line length, centred
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MSK_TYPE_CLAMP (msk_clamp_get_type ())

G_DECLARE_FINAL_TYPE (MskClamp, msk_clamp, MSK, CLAMP, GtkWidget)

GtkWidget *msk_clamp_new           (void);
GtkWidget *msk_clamp_get_child     (MskClamp  *self);
void       msk_clamp_set_child     (MskClamp  *self,
                                    GtkWidget *child);
int        msk_clamp_get_max_chars (MskClamp  *self);
void       msk_clamp_set_max_chars (MskClamp  *self,
                                    int        max_chars);

G_END_DECLS
