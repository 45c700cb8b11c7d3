/* msk-print.c — print, export and copy the decision summary from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glue only: printing and its preview are MskPrintOperation's
 * (msk-print-operation.c), the layout the summary renderer's, the text the
 * core's. Export uses the paper of the session's printing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-io.h"
#include "msk-print.h"
#include "msk-print-operation.h"
#include "msk-print-private.h"
#include "msk-utils-private.h"
#include "msk-decision-text.h"

/* The time of day belongs on the record only when the decision is about
 * today: a decision made with --date for an audit keeps its date alone. */
GDateTime *
_msk_print_stamp_for (const MskDecision *decision)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const GDate *date = msk_decision_get_date (decision);

  if (g_date_valid (date) &&
      g_date_get_year (date) == g_date_time_get_year (now) &&
      g_date_get_month (date) == (GDateMonth) g_date_time_get_month (now) &&
      g_date_get_day (date) == g_date_time_get_day_of_month (now))
    return g_steal_pointer (&now);
  return NULL;
}

GtkWindow *
msk_print_preview (GtkWindow         *parent,
                   const MskDecision *decision)
{
  g_autoptr(MskPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  /* The operation's preview, without its dialog: the same pages the
   * dialog's Preview button shows. The window keeps the operation until
   * it closes. */
  operation = msk_print_operation_new (parent, decision);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PREVIEW,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      msk_print_operation_show_error (operation, error);
      return NULL;
    }
  return msk_print_operation_get_preview_window (operation);
}

void
msk_print_summary (GtkWindow         *parent,
                   const MskDecision *decision)
{
  g_autoptr(MskPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (decision != NULL);

  operation = msk_print_operation_new (parent, decision);
  /* Most errors reach the operation's done; one raised before printing
   * starts may not. */
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    msk_print_operation_show_error (operation, error);
}

typedef struct {
  MskDecision      *decision;
  MskSummaryKind    kind;
  GDateTime        *when;
  GtkWindow        *parent;  /* weak */
  GBytes           *pdf;
  MskExportDoneFunc done;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->decision, msk_decision_unref);
  g_clear_pointer (&job->when, g_date_time_unref);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_clear_weak_pointer (&job->parent);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)


static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(ExportJob) job = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkPageSetup *setup = msk_print_operation_get_session_page_setup ();
  GtkPaperSize *paper = gtk_page_setup_get_paper_size (setup);
  GBytes *pdf;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  /* Exported on the session's paper, portrait: A4 unless the user chose
   * another in the print dialog. */
  job->pdf = msk_summary_to_pdf (job->decision, job->kind, job->when,
                                 gtk_paper_size_get_width (paper, GTK_UNIT_POINTS),
                                 gtk_paper_size_get_height (paper, GTK_UNIT_POINTS), &error);
  if (job->pdf == NULL)
    {
      _msk_show_error (job->parent, _("Could not make the PDF"), error->message);
      return;
    }
  pdf = job->pdf;
  /* As the command line writes: atomically, 0600 (a summary may name a
   * patient's condition), never over a device, a FIFO or a link, nor over
   * the policy file in force. A one-page PDF is written in a blink, so this
   * need not be asynchronous. */
  {
    g_autofree char *path = g_file_get_path (file);
    const char *others[] = { msk_policy_get_origin (msk_decision_get_policy (job->decision)), NULL };
    gsize len;
    const void *data = g_bytes_get_data (pdf, &len);

    if (path == NULL)
      {
        _msk_show_error (job->parent, _("Could not save the PDF"), _("Choose a file on this computer."));
        return;
      }
    if (!msk_write_file_atomic (path, data, len, g_path_is_absolute (others[0]) ? others : NULL, &error))
      {
        g_autofree char *primary = g_strdup_printf (_("Could not save “%s”"), path);
        _msk_show_error (job->parent, primary, error->message);
        return;
      }
    if (job->done != NULL && job->parent != NULL)
      job->done (job->parent, file);
  }
}

char *
_msk_print_default_name (MskSummaryKind  kind,
                         GDateTime      *now)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M-%S");

  /* Date and time to the second, so the second patient of the day never
   * meets "Replace?"; never a patient detail, as file names end up in
   * recent-file lists and backups. */
  if (kind == MSK_SUMMARY_PATIENT_SHEET)
    return g_strdup_printf ("msk-mri-patient-sheet-%s.pdf", stamp);
  return g_strdup_printf ("msk-mri-decision-%s.pdf", stamp);
}

void
msk_print_export_pdf (GtkWindow         *parent,
                      const MskDecision *decision,
                      MskSummaryKind     kind,
                      MskExportDoneFunc  done)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  ExportJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (decision != NULL);

  job = g_new0 (ExportJob, 1);
  job->decision = msk_decision_ref ((MskDecision *) decision);
  job->kind = kind;
  job->when = _msk_print_stamp_for (decision);
  job->done = done;
  g_set_weak_pointer (&job->parent, parent);

  name = _msk_print_default_name (kind, now);
  chooser = gtk_file_chooser_native_new (kind == MSK_SUMMARY_PATIENT_SHEET
                                           ? _("Export Patient Sheet as PDF")
                                           : _("Export Summary as PDF"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* The same folder every time, not whatever the last one was: Return
   * alone saves, and the confirmation says where. */
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
msk_print_copy_text (GtkWidget         *widget,
                     const MskDecision *decision)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (decision != NULL);

  when = _msk_print_stamp_for (decision);
  text = msk_decision_to_text (decision, when);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}
