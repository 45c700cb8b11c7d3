/* msk-summary.h — the printed decision summary and the patient sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer lays out both documents with Pango on any cairo context, so
 * the print dialog, PDF export and the command line share it. No GTK here.
 *
 * All lengths are in points (1/72 inch); a cairo context handed to
 * msk_summary_render_page() must have one user unit per point.
 */
#pragma once

#include <cairo.h>

#include "msk-decision.h"

G_BEGIN_DECLS

typedef enum {
  MSK_SUMMARY_DECISION,       /* the one-page summary for the notes */
  MSK_SUMMARY_PATIENT_SHEET,  /* the plain-English sheet for the patient */
} MskSummaryKind;

/* ISO A4 and US Letter, portrait, in points. */
#define MSK_SUMMARY_A4_WIDTH      (210.0 * 72.0 / 25.4)
#define MSK_SUMMARY_A4_HEIGHT     (297.0 * 72.0 / 25.4)
#define MSK_SUMMARY_LETTER_WIDTH  (8.5 * 72.0)
#define MSK_SUMMARY_LETTER_HEIGHT (11.0 * 72.0)

typedef struct _MskSummary MskSummary;

/* Lays the document out on pages of the given size. `when` is the time to
 * stamp; NULL stamps the decision's date alone, which keeps output
 * reproducible. The summary keeps a reference to the decision. */
MskSummary *msk_summary_new             (const MskDecision  *decision,
                                         MskSummaryKind      kind,
                                         GDateTime          *when,
                                         double              page_width,
                                         double              page_height);
void        msk_summary_free            (MskSummary         *self);

guint       msk_summary_get_n_pages     (MskSummary         *self);
void        msk_summary_get_page_size   (MskSummary         *self,
                                         double             *width,
                                         double             *height);
/* The document's title, fit for a print job name or PDF metadata: it never
 * carries anything the form holds. */
const char *msk_summary_get_title       (MskSummary         *self);
/* Draws page `page` (from 0) with its top-left corner at the origin. */
void        msk_summary_render_page     (MskSummary         *self,
                                         cairo_t            *cr,
                                         guint               page);

/* The whole document as PDF bytes. The patient sheet is refused
 * (MSK_ERROR_INVALID_REQUEST) for an incomplete decision. To write them to
 * a file, use msk_write_file_atomic() (msk-io.h), as the command line does:
 * the file appears whole or not at all, readable by its owner only. */
GBytes     *msk_summary_to_pdf          (const MskDecision  *decision,
                                         MskSummaryKind      kind,
                                         GDateTime          *when,
                                         double              page_width,
                                         double              page_height,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskSummary, msk_summary_free)

G_END_DECLS
