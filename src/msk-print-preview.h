/* msk-print-preview.h — the summary's pages in a window, drawn by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-print-operation.h"

G_BEGIN_DECLS

#define MSK_TYPE_PRINT_PREVIEW (msk_print_preview_get_type ())

G_DECLARE_FINAL_TYPE (MskPrintPreview, msk_print_preview, MSK, PRINT_PREVIEW, GtkWindow)

/* The preview of `operation` (which its preview vfunc opens): its pages as
 * the operation lays them out. Closing the window ends the preview. */
GtkWidget *msk_print_preview_new (GtkWindow         *parent,
                                  MskPrintOperation *operation);

G_END_DECLS
