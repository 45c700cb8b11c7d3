/* msk-print.h — print, export and copy the decision summary from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-decision.h"
#include "msk-summary.h"

G_BEGIN_DECLS

/* Opens the system print dialog for the summary; page setup is remembered
 * for the session. */
void msk_print_summary    (GtkWindow         *parent,
                           const MskDecision *decision);
/* Called once the PDF is written, if the window is still open. */
typedef void (*MskExportDoneFunc) (GtkWindow *parent,
                                   GFile     *file);

/* Asks where to save, with a suggested name carrying the date and time and
 * no patient detail, then writes the PDF and calls `done` (nullable).
 * Errors are shown in a dialog. */
void       msk_print_export_pdf (GtkWindow         *parent,
                                 const MskDecision *decision,
                                 MskSummaryKind     kind,
                                 MskExportDoneFunc  done);
/* The summary's pages in a window of the app's own, without the print
 * dialog: the print operation's preview. Nothing is written anywhere.
 * Returns the window (owned by GTK), or NULL after showing an error. */
GtkWindow *msk_print_preview    (GtkWindow         *parent,
                                 const MskDecision *decision);
/* Puts the plain-text summary on the clipboard. */
void msk_print_copy_text  (GtkWidget         *widget,
                           const MskDecision *decision);

G_END_DECLS
