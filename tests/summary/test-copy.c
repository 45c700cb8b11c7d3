/* test-copy.c — the window's glue: "Copy for notes" puts the plain-text
 * summary on the clipboard, and the print operation draws the summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (the README's test command runs under xvfb-run); without
 * one the test skips.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "msk-print.h"
#include "msk-print-operation.h"
#include "msk-print-preview.h"
#include "msk-utils-private.h"
#include "msk-decision-text.h"
#include "summary-test-util.h"

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*text);
}

static char *
clipboard_text (GtkWidget *widget)
{
  /* On the heap: the callback writes through it after this frame waits. */
  g_autofree char **slot = g_new0 (char *, 1);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, slot);
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_copy_past_date (void)
{
  g_autoptr(MskDecision) decision =
    summary_test_decide ("{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": []}",
                         "2026-01-05");
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  g_autofree char *expected = msk_decision_to_text (decision, NULL);
  g_autofree char *text = NULL;

  /* A decision dated another day (an audit with --date) keeps its date and
   * gets no time of day. */
  msk_print_copy_text (label, decision);
  text = clipboard_text (label);
  g_assert_cmpstr (text, ==, expected);
  g_assert_finalize_object (label);
}

/* Checks "dd/mm/yyyy hh:mm" after the dash of the first line. */
static gboolean
has_time_stamp (const char *text)
{
  const char *stamp = strstr (text, "— ");

  if (stamp == NULL)
    return FALSE;
  stamp += strlen ("— ");
  return strlen (stamp) > 16 && stamp[2] == '/' && stamp[5] == '/' && stamp[10] == ' ' &&
         g_ascii_isdigit (stamp[11]) && g_ascii_isdigit (stamp[12]) && stamp[13] == ':';
}

static void
test_copy_today_has_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(MskDecision) decision =
    summary_test_decide ("{\"requester\": \"gp\", \"concerns\": [\"suspected_ces\"]}", today);
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  g_autofree char *text = NULL;

  msk_print_copy_text (label, decision);
  text = clipboard_text (label);
  /* Today's decision is stamped with the time of day. The test may straddle
   * midnight, so it checks the shape, not the value. */
  g_assert_true (has_time_stamp (text));
  g_assert_nonnull (strstr (text, msk_decision_get_headline (decision)));
  g_assert_finalize_object (label);
}

/* The print dialog cannot run headless; exporting runs the same operation
 * (begin-print, draw-page) into a PDF without it. */
static void
test_print_operation_exports (void)
{
  g_autoptr(MskDecision) decision =
    summary_test_decide ("{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\","
                         " \"concerns\": [\"suspected_sarcoma\"]}", "2026-01-05");
  g_autoptr(GtkPrintOperation) operation = GTK_PRINT_OPERATION (msk_print_operation_new (NULL, decision));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msk-print-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  /* Export runs to the end inside run(). */
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  text = summary_test_pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_true (summary_test_contains (text, msk_decision_get_headline (decision)));
      g_assert_true (summary_test_contains (text, msk_decision_get_action (decision, 0)->pathway->title));
      g_assert_true (summary_test_contains (text, "05/01/2026"));
      g_assert_true (summary_test_contains (text, "Page 1 of 1"));
      g_assert_cmpuint (summary_test_pdf_pages (pdf), ==, 1);
    }
  g_remove (pdf);
  g_rmdir (dir);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  *(GtkPrintOperationResult *) user_data = result;
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *list = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (list, i);

      if (g_strcmp0 (gtk_window_get_title (w), title) == 0)
        return w;
    }
  return NULL;
}

/* The preview is drawn in the app: GTK's default would write the document
 * to a temporary PDF for an external viewer. */
static void
test_print_preview_in_app (void)
{
  g_autoptr(MskDecision) decision =
    summary_test_decide ("{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": [],"
                         " \"notes\": \"Preview-canary\"}", "2026-01-05");
  g_autoptr(GtkPrintOperation) operation = GTK_PRINT_OPERATION (msk_print_operation_new (NULL, decision));
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult done = (GtkPrintOperationResult) -1;
  GtkPrintOperationResult result;
  GtkWindow *preview;

  g_signal_connect (operation, "done", G_CALLBACK (done_cb), &done);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PREVIEW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, !=, GTK_PRINT_OPERATION_RESULT_ERROR);

  preview = find_window ("Print Preview");
  g_assert_nonnull (preview);
  /* Let it map and draw. */
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);

  gtk_window_destroy (preview);
  while ((int) done == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (done, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
}

static int
preview_height (const MskDecision *decision)
{
  GtkWindow *preview = msk_print_preview (NULL, decision);
  GtkWidget *pages;
  int height;

  g_assert_true (MSK_IS_PRINT_PREVIEW (preview));
  pages = _msk_widget_find_descendant (GTK_WIDGET (preview), GTK_TYPE_DRAWING_AREA);
  g_assert_nonnull (pages);
  /* Let GTK paginate the operation as it would for the printer. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  height = gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (pages));
  gtk_window_destroy (preview);
  return height;
}

/* The app's own preview (Ctrl+Shift+P) is the print operation's: it shows
 * every page the printer would get, and closing it ends the operation. */
static void
test_print_preview_every_page (void)
{
  g_autoptr(GString) json = g_string_new ("{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": [],"
                                          " \"notes\": \"");
  g_autoptr(MskDecision) short_one =
    summary_test_decide ("{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": []}", "2026-01-05");
  g_autoptr(MskDecision) long_one = NULL;
  g_autoptr(MskSummary) printed = NULL;
  int one_page, two_pages;

  /* Near the note limit, as the PDF test's overflow: two pages. */
  for (guint i = 0; i < 36; i++)
    g_string_append_printf (json, "Sentence %u of a long clinical note about the pain.\\n", i);
  g_string_append (json, "End of note.\"}");
  long_one = summary_test_decide (json->str, "2026-01-05");
  printed = msk_summary_new (long_one, MSK_SUMMARY_DECISION, NULL,
                             MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT);
  g_assert_cmpuint (msk_summary_get_n_pages (printed), ==, 2);

  one_page = preview_height (short_one);
  two_pages = preview_height (long_one);
  g_assert_cmpint (one_page, >, 400);
  /* Pages one under another, with a gap between. */
  g_assert_cmpint (two_pages, >, 1.9 * one_page);
  g_assert_cmpint (two_pages, <, 2 * one_page);
}

/* Closing the preview ends its print operation, so none is left running. */
static void
test_print_preview_closes_operation (void)
{
  g_autoptr(MskDecision) decision =
    summary_test_decide ("{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": []}", "2026-01-05");
  GtkWindow *preview = msk_print_preview (NULL, decision);
  GtkPrintOperationResult done = (GtkPrintOperationResult) -1;
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_object_get (preview, "operation", &operation, NULL);
  g_assert_true (MSK_IS_PRINT_OPERATION (operation));
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), &done);
  gtk_window_destroy (preview);
  while ((int) done == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (done, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpint (gtk_print_operation_get_status (operation), ==, GTK_PRINT_STATUS_FINISHED);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
      g_test_add_func ("/summary/copy/no-display", test_no_display);
      return g_test_run ();
    }
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/summary/copy/past-date", test_copy_past_date);
  g_test_add_func ("/summary/copy/today-has-time", test_copy_today_has_time);
  g_test_add_func ("/summary/print/operation-exports", test_print_operation_exports);
  g_test_add_func ("/summary/print/preview-in-app", test_print_preview_in_app);
  g_test_add_func ("/summary/print/preview-every-page", test_print_preview_every_page);
  g_test_add_func ("/summary/print/preview-closes-operation", test_print_preview_closes_operation);
  return g_test_run ();
}
