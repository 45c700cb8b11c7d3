/* msk-decision-pane.h — what the policy says for the request on the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-decision.h"

G_BEGIN_DECLS

#define MSK_TYPE_DECISION_PANE (msk_decision_pane_get_type ())

G_DECLARE_FINAL_TYPE (MskDecisionPane, msk_decision_pane, MSK, DECISION_PANE, GtkBox)

GtkWidget   *msk_decision_pane_new          (void);
MskDecision *msk_decision_pane_get_decision (MskDecisionPane *self);
void         msk_decision_pane_set_decision (MskDecisionPane *self,
                                             MskDecision     *decision);

/* Back to how a fresh window shows it: at the top, expanders closed. */
void         msk_decision_pane_reset_view   (MskDecisionPane *self);

G_END_DECLS
