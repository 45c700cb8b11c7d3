/* msk-print-preview.h — the summary's pages in a window, drawn by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-summary.h"

G_BEGIN_DECLS

#define MSK_TYPE_PRINT_PREVIEW (msk_print_preview_get_type ())

G_DECLARE_FINAL_TYPE (MskPrintPreview, msk_print_preview, MSK, PRINT_PREVIEW, GtkWindow)

/* Takes the summary (transfer full). `preview` is the print dialog's
 * preview, ended when the window closes; NULL for the app's own. */
GtkWidget *msk_print_preview_new (GtkWindow                *parent,
                                  MskSummary               *summary,
                                  GtkPrintOperationPreview *preview);

/* What a screen reader calls the pages. */
void       msk_print_preview_set_pages_label (MskPrintPreview *self,
                                              const char      *label);

G_END_DECLS
