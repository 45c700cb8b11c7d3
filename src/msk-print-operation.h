/* msk-print-operation.h — printing the decision summary, as a print operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-decision.h"
#include "msk-summary.h"

G_BEGIN_DECLS

#define MSK_TYPE_PRINT_OPERATION (msk_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (MskPrintOperation, msk_print_operation, MSK, PRINT_OPERATION, GtkPrintOperation)

/* Set up on the session's paper and print settings, not yet run. Errors
 * and the preview window stand over `parent` (nullable). */
MskPrintOperation *msk_print_operation_new                (GtkWindow         *parent,
                                                           const MskDecision *decision);

/* The summary as laid out on the paper being printed or previewed; NULL
 * until the operation knows its paper (begin-print, or its preview). */
MskSummary        *msk_print_operation_get_summary        (MskPrintOperation *self);
/* The window this operation's preview opened, while it is open. */
GtkWindow         *msk_print_operation_get_preview_window (MskPrintOperation *self);

/* Says that printing failed, in a dialog over the parent; once per
 * operation, however many times GTK reports it. */
void               msk_print_operation_show_error         (MskPrintOperation *self,
                                                           const GError      *error);

/* The paper and orientation of this session's printing: A4 portrait until
 * the user picks another in the print dialog. Never saved. */
GtkPageSetup      *msk_print_operation_get_session_page_setup (void);

G_END_DECLS
