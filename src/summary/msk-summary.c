/* msk-summary.c — the printed summary's public entry: lay out, draw, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is in msk-summary-layout.c (text, blocks, fonts, shrink-to-fit)
 * and msk-summary-pages.c (pagination, drawing); what each document says is
 * in msk-summary-decision.c and msk-summary-patient.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "msk-summary-layout-private.h"
#include "msk-summary.h"

MskSummary *
msk_summary_new (const MskDecision *decision,
                 MskSummaryKind     kind,
                 GDateTime         *when,
                 double             page_width,
                 double             page_height)
{
  MskSummary *self;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (kind == MSK_SUMMARY_DECISION || kind == MSK_SUMMARY_PATIENT_SHEET, NULL);
  g_return_val_if_fail (page_width >= 72 && page_height >= 72, NULL);

  self = g_new0 (MskSummary, 1);
  self->decision = msk_decision_ref ((MskDecision *) decision);
  self->width = page_width;
  self->height = page_height;
  _msk_summary_layout_init (self);
  _msk_summary_layout_fit (self, kind == MSK_SUMMARY_DECISION ? &_msk_summary_decision
                                                              : &_msk_summary_patient_sheet,
                           when);
  return self;
}

void
msk_summary_free (MskSummary *self)
{
  if (self == NULL)
    return;
  _msk_summary_layout_clear (self);
  g_clear_pointer (&self->decision, msk_decision_unref);
  g_free (self->title);
  g_free (self->running);
  g_free (self->footer);
  g_free (self);
}

guint
msk_summary_get_n_pages (MskSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

void
msk_summary_get_page_size (MskSummary *self,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (self != NULL);
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

const char *
msk_summary_get_title (MskSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

void
msk_summary_render_page (MskSummary *self,
                         cairo_t    *cr,
                         guint       page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  _msk_summary_draw_page (self, cr, page);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
msk_summary_to_pdf (const MskDecision  *decision,
                    MskSummaryKind      kind,
                    GDateTime          *when,
                    double              page_width,
                    double              page_height,
                    GError            **error)
{
  g_autoptr(MskSummary) summary = NULL;
  g_autoptr(GByteArray) buf = NULL;
  g_autofree char *create_date = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A patient told "what happens next" before anything is decided could act
   * on it: the sheet exists only for a decision. */
  if (kind == MSK_SUMMARY_PATIENT_SHEET && msk_decision_is_incomplete (decision))
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST,
                           _("no patient sheet for an incomplete decision: choose the body region or tick a red-flag concern first"));
      return NULL;
    }

  summary = msk_summary_new (decision, kind, when, page_width, page_height);
  g_return_val_if_fail (summary != NULL, NULL);

  /* Built in memory, so a failure never leaves half a file behind. */
  buf = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes, buf, page_width, page_height);
  /* Metadata names the document only: nothing the form holds goes here. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, summary->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  /* The stamp's moment, not the clock's: the same decision gives the same
   * bytes, which audits and tests can compare. */
  create_date = when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
  if (create_date == NULL && g_date_valid (msk_decision_get_date (decision)))
    {
      const GDate *d = msk_decision_get_date (decision);
      create_date = g_strdup_printf ("%04u-%02u-%02uT00:00:00Z", g_date_get_year (d),
                                     g_date_get_month (d), g_date_get_day (d));
    }
  if (create_date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, create_date);
  cr = cairo_create (surface);
  for (guint i = 0; i < summary->pages->len; i++)
    {
      msk_summary_render_page (summary, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MSK_ERROR, MSK_ERROR_IO, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}
