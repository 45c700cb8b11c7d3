/* msk-summary-text.h — the decision as plain text for a clinical record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-decision.h"

G_BEGIN_DECLS

/* At most about 15 lines, shaped for the free-text box of a clinical record.
 * `when` is the time to stamp; NULL stamps the decision's date alone, which
 * keeps output reproducible for tests and audits. */
char *msk_decision_to_text (const MskDecision *decision,
                            GDateTime         *when);

G_END_DECLS
