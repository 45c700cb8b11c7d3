/* msk-summary.h — the printed decision summary and the patient sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer lays out both documents with Pango on any cairo context, so
 * the print dialog, PDF export and the command line share it. No GTK here.
 */
#pragma once

#include <cairo.h>

#include "msk-decision.h"

G_BEGIN_DECLS

typedef enum {
  MSK_SUMMARY_DECISION,       /* the one-page summary for the notes */
  MSK_SUMMARY_PATIENT_SHEET,  /* the plain-English sheet for the patient */
} MskSummaryKind;

/* Writes the document as a PDF on A4 paper. */
gboolean msk_summary_write_pdf (const MskDecision  *decision,
                                MskSummaryKind      kind,
                                const char         *path,
                                GError            **error);

G_END_DECLS
