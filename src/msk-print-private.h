/* msk-print-private.h — msk-print internals the print operation and tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-decision.h"
#include "msk-summary.h"

G_BEGIN_DECLS

/* The time to stamp the decision's documents with: now, if the decision
 * is about today; NULL (its date alone) otherwise. (transfer full) */
GDateTime *_msk_print_stamp_for    (const MskDecision *decision);

/* The name the export dialog suggests at `now` (transfer full). */
char      *_msk_print_default_name (MskSummaryKind     kind,
                                    GDateTime         *now);

G_END_DECLS
