/* msk-concern-row.h — one red-flag concern: tick box, help, what to look for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-request.h"

G_BEGIN_DECLS

#define MSK_TYPE_CONCERN_ROW (msk_concern_row_get_type ())

G_DECLARE_FINAL_TYPE (MskConcernRow, msk_concern_row, MSK, CONCERN_ROW, GtkGrid)

GtkWidget        *msk_concern_row_new         (MskPolicy        *policy,
                                               const MskConcern *concern);
const MskConcern *msk_concern_row_get_concern (MskConcernRow    *self);
gboolean          msk_concern_row_get_active  (MskConcernRow    *self);
void              msk_concern_row_set_active  (MskConcernRow    *self,
                                               gboolean          active);
/* Bit i is set when the concern's emergency sign i is ticked. */
guint             msk_concern_row_get_signs   (MskConcernRow    *self);
/* Puts the concern and its ticked signs, if it is ticked, into `request`. */
void              msk_concern_row_apply       (MskConcernRow    *self,
                                               MskRequest       *request);

G_END_DECLS
