/* msk-decision-text.h — the decision as plain text for a clinical record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-decision.h"

G_BEGIN_DECLS

/* Shaped for the free-text box of a clinical record: every action with its
 * urgency and reason, the rationale that applies, the policy's title,
 * version and dates, the app's version. Short enough to paste as one entry
 * (tests/summary/test-copy.c holds every request against the bundled policy
 * to 4,000 characters before the note, about one screen; the number is ours), never by
 * dropping a reason.
 * `when` is the time to stamp; NULL stamps the decision's date alone, which
 * keeps output reproducible for tests and audits. */
char *msk_decision_to_text (const MskDecision *decision,
                            GDateTime         *when);

G_END_DECLS
