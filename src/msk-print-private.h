/* msk-print-private.h — msk-print internals shared with the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-decision.h"
#include "msk-summary.h"

G_BEGIN_DECLS

/* The print operation msk_print_summary() runs, set up but not started, so
 * a test can run it with GTK_PRINT_OPERATION_ACTION_EXPORT. */
GtkPrintOperation *_msk_print_operation_new (GtkWindow         *parent,
                                             const MskDecision *decision);

/* The name the export dialog suggests at `now` (transfer full). */
char              *_msk_print_default_name  (MskSummaryKind     kind,
                                             GDateTime         *now);

G_END_DECLS
