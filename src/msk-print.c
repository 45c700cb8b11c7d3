/* msk-print.c — print, export and copy the decision summary from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glue only: the layout is the summary renderer's, the text the core's. The
 * page setup and print settings live in memory for the session and are
 * never saved, so nothing about a consultation reaches the disk unless the
 * user saves a file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-io.h"
#include "msk-print.h"
#include "msk-print-private.h"
#include "msk-print-preview.h"
#include "msk-decision-text.h"

static GtkPageSetup *session_page_setup;
static GtkPrintSettings *session_settings;

typedef struct {
  MskDecision *decision;
  GDateTime   *when;
  MskSummary  *summary;
  GtkWindow   *parent;   /* weak */
  gboolean     reported; /* an error was shown already */
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_pointer (&job->summary, msk_summary_free);
  g_clear_pointer (&job->decision, msk_decision_unref);
  g_clear_pointer (&job->when, g_date_time_unref);
  g_clear_weak_pointer (&job->parent);
  g_free (job);
}

/* A4 until the user picks another paper in the print dialog. */
static GtkPageSetup *
get_page_setup (void)
{
  if (session_page_setup == NULL)
    {
      g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      session_page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size (session_page_setup, a4);
      gtk_page_setup_set_orientation (session_page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
    }
  return session_page_setup;
}

/* The time of day belongs on the record only when the decision is about
 * today: a decision made with --date for an audit keeps its date alone. */
static GDateTime *
stamp_for (const MskDecision *decision)
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

static void
show_error (GtkWindow  *parent,
            const char *primary,
            const char *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = user_data;

  /* The paper chosen in the dialog is known only now, so the layout is. */
  g_clear_pointer (&job->summary, msk_summary_free);
  job->summary = msk_summary_new (job->decision, MSK_SUMMARY_DECISION, job->when,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) msk_summary_get_n_pages (job->summary));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PrintJob *job = user_data;

  g_return_if_fail (job->summary != NULL);
  if (page_nr < 0 || (guint) page_nr >= msk_summary_get_n_pages (job->summary))
    return;
  msk_summary_render_page (job->summary, gtk_print_context_get_cairo_context (context),
                           (guint) page_nr);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  PrintJob *job = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      g_autoptr(GtkPaperSize) paper = NULL;

      g_set_object (&session_settings, settings);
      /* The embedded page setup tab writes its choice into the settings. */
      paper = settings != NULL ? gtk_print_settings_get_paper_size (settings) : NULL;
      if (paper != NULL)
        {
          gtk_page_setup_set_paper_size (get_page_setup (), paper);
          gtk_page_setup_set_orientation (get_page_setup (),
                                          gtk_print_settings_get_orientation (settings));
        }
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (job->parent, _("Could not print the summary"),
                  error != NULL ? error->message : NULL);
      job->reported = TRUE;
    }
}

static GtkWindow *
show_preview (GtkWindow                *parent,
              const MskDecision        *decision,
              GDateTime                *when,
              GtkPageSetup             *setup,
              GtkPrintOperationPreview *preview)
{
  MskSummary *summary = msk_summary_new (decision, MSK_SUMMARY_DECISION, when,
                                         gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                         gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
  GtkWidget *window = msk_print_preview_new (parent, summary, preview);

  gtk_window_set_title (GTK_WINDOW (window), _("Print Preview"));
  msk_print_preview_set_pages_label (MSK_PRINT_PREVIEW (window), _("Preview of the printed summary"));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* The print dialog's Preview button. */
static gboolean
preview_cb (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            gpointer                  user_data)
{
  PrintJob *job = user_data;
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  if (setup == NULL)
    setup = get_page_setup ();

  /* GTK insists on a cairo context for a preview it does not draw; a
   * recording surface that is never replayed satisfies it. */
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    gtk_print_context_set_cairo_context (context, cr, 72, 72);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  show_preview (parent != NULL ? parent : job->parent, job->decision, job->when, setup, preview);
  return TRUE;
}

GtkWindow *
msk_print_preview (GtkWindow         *parent,
                   const MskDecision *decision)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  when = stamp_for (decision);
  return show_preview (parent, decision, when, get_page_setup (), NULL);
}

GtkPrintOperation *
_msk_print_operation_new (GtkWindow         *parent,
                          const MskDecision *decision)
{
  GtkPrintOperation *operation;
  PrintJob *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  job = g_new0 (PrintJob, 1);
  job->decision = msk_decision_ref ((MskDecision *) decision);
  job->when = stamp_for (decision);
  g_set_weak_pointer (&job->parent, parent);

  operation = gtk_print_operation_new ();
  /* The job name shows in print queues, which others may see: no patient
   * detail, only what the document is. */
  gtk_print_operation_set_job_name (operation, _("MSK MRI decision summary"));
  gtk_print_operation_set_default_page_setup (operation, get_page_setup ());
  if (session_settings != NULL)
    gtk_print_operation_set_print_settings (operation, session_settings);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The renderer keeps its own margins, wider than any printer's. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "msk-print-job", job, print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);
  g_signal_connect (operation, "preview", G_CALLBACK (preview_cb), job);
  return operation;
}

void
msk_print_summary (GtkWindow         *parent,
                   const MskDecision *decision)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (decision != NULL);

  operation = _msk_print_operation_new (parent, decision);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  /* Most errors reach done_cb; one raised before printing starts may not. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      PrintJob *job = g_object_get_data (G_OBJECT (operation), "msk-print-job");

      if (!job->reported)
        show_error (parent, _("Could not print the summary"), error != NULL ? error->message : NULL);
    }
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
  GtkPageSetup *setup = get_page_setup ();
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
      show_error (job->parent, _("Could not make the PDF"), error->message);
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
        show_error (job->parent, _("Could not save the PDF"), _("Choose a file on this computer."));
        return;
      }
    if (!msk_write_file_atomic (path, data, len, g_path_is_absolute (others[0]) ? others : NULL, &error))
      {
        g_autofree char *primary = g_strdup_printf (_("Could not save “%s”"), path);
        show_error (job->parent, primary, error->message);
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
  job->when = stamp_for (decision);
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

  when = stamp_for (decision);
  text = msk_decision_to_text (decision, when);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}
