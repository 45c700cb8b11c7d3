/* msk-print-operation.c — printing the decision summary, as a print operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is the summary renderer's; this class gives it the paper the
 * user chose and opens the app's own preview. The page setup and print
 * settings live in memory for the session and are never saved, so nothing
 * about a consultation reaches the disk unless the user saves a file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-print-operation.h"
#include "msk-print-preview.h"
#include "msk-print-private.h"
#include "msk-utils-private.h"

struct _MskPrintOperation
{
  GtkPrintOperation  parent_instance;

  MskDecision       *decision;
  GDateTime         *when;
  MskSummary        *summary;
  GtkWindow         *parent;          /* weak */
  GtkWindow         *preview_window;  /* weak */
  gboolean           error_shown;
};

G_DEFINE_FINAL_TYPE (MskPrintOperation, msk_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_DECISION,
  PROP_PARENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkPageSetup *session_page_setup;
static GtkPrintSettings *session_settings;

/* Lays the summary out on the context's paper, unless it already is: the
 * preview lays it out before GTK's begin-print, on the same paper, and a
 * preview window draws the one it has. */
static void
lay_out (MskPrintOperation *self,
         GtkPrintContext   *context)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (self->summary != NULL)
    {
      double laid_w, laid_h;

      msk_summary_get_page_size (self->summary, &laid_w, &laid_h);
      if (laid_w == width && laid_h == height)
        return;
    }
  g_clear_pointer (&self->summary, msk_summary_free);
  self->summary = msk_summary_new (self->decision, MSK_SUMMARY_DECISION, self->when, width, height);
  gtk_print_operation_set_n_pages (GTK_PRINT_OPERATION (self),
                                   (int) msk_summary_get_n_pages (self->summary));
}

/* Remembers the paper and printer the user chose, for the session. */
static void
remember_settings (MskPrintOperation *self)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (self));
  g_autoptr(GtkPaperSize) paper = NULL;

  g_set_object (&session_settings, settings);
  /* The embedded page setup tab writes its choice into the settings. */
  paper = settings != NULL ? gtk_print_settings_get_paper_size (settings) : NULL;
  if (paper != NULL)
    {
      GtkPageSetup *setup = msk_print_operation_get_session_page_setup ();

      gtk_page_setup_set_paper_size (setup, paper);
      gtk_page_setup_set_orientation (setup, gtk_print_settings_get_orientation (settings));
    }
}

static void
msk_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  /* The paper chosen in the dialog is known only now, so the layout is. */
  lay_out (MSK_PRINT_OPERATION (operation), context);
}

static void
msk_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (operation);

  g_return_if_fail (self->summary != NULL);
  if (page_nr < 0 || (guint) page_nr >= msk_summary_get_n_pages (self->summary))
    return;
  msk_summary_render_page (self->summary, gtk_print_context_get_cairo_context (context),
                           (guint) page_nr);
}

static void
msk_print_operation_done (GtkPrintOperation       *operation,
                          GtkPrintOperationResult  result)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    remember_settings (self);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      msk_print_operation_show_error (self, error);
    }
  GTK_PRINT_OPERATION_CLASS (msk_print_operation_parent_class)->done (operation, result);
}

/* The print dialog's Preview button, and msk_print_preview(). GTK's own
 * preview writes the document to a temporary PDF for an external viewer:
 * that would put the clinical note on disk. The app's window draws the
 * pages from the same renderer, and writes nothing. */
static gboolean
msk_print_operation_preview (GtkPrintOperation        *operation,
                             GtkPrintOperationPreview *preview,
                             GtkPrintContext          *context,
                             GtkWindow                *parent)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (operation);
  GtkWidget *window;

  /* The window ends the preview on the operation itself. */
  g_return_val_if_fail ((gpointer) preview == (gpointer) operation, FALSE);

  /* GTK insists on a cairo context for a preview it does not draw; a
   * recording surface that is never replayed satisfies it, at one unit
   * per point as the renderer wants. */
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    gtk_print_context_set_cairo_context (context, cr, 72, 72);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* Laid out now, so the window opens with its pages. */
  lay_out (self, context);
  window = msk_print_preview_new (parent != NULL ? parent : self->parent, self);
  g_set_weak_pointer (&self->preview_window, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

static void
msk_print_operation_constructed (GObject *object)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (object);

  G_OBJECT_CLASS (msk_print_operation_parent_class)->constructed (object);

  g_assert (self->decision != NULL);
  self->when = _msk_print_stamp_for (self->decision);
}

static void
msk_print_operation_finalize (GObject *object)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (object);

  g_clear_pointer (&self->summary, msk_summary_free);
  g_clear_pointer (&self->decision, msk_decision_unref);
  g_clear_pointer (&self->when, g_date_time_unref);
  g_clear_weak_pointer (&self->parent);
  g_clear_weak_pointer (&self->preview_window);
  G_OBJECT_CLASS (msk_print_operation_parent_class)->finalize (object);
}

static void
msk_print_operation_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DECISION:
      g_value_set_boxed (value, self->decision);
      break;
    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_print_operation_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MskPrintOperation *self = MSK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DECISION:
      self->decision = g_value_dup_boxed (value);
      break;
    case PROP_PARENT:
      g_set_weak_pointer (&self->parent, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_print_operation_class_init (MskPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = msk_print_operation_constructed;
  object_class->finalize = msk_print_operation_finalize;
  object_class->get_property = msk_print_operation_get_property;
  object_class->set_property = msk_print_operation_set_property;

  operation_class->begin_print = msk_print_operation_begin_print;
  operation_class->draw_page = msk_print_operation_draw_page;
  operation_class->done = msk_print_operation_done;
  operation_class->preview = msk_print_operation_preview;

  properties[PROP_DECISION] =
    g_param_spec_boxed ("decision", NULL, NULL,
                        MSK_TYPE_DECISION,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT] =
    g_param_spec_object ("parent", NULL, NULL,
                         GTK_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_print_operation_init (MskPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  /* The job name shows in print queues, which others may see: no patient
   * detail, only what the document is. */
  gtk_print_operation_set_job_name (operation, _("MSK MRI decision summary"));
  gtk_print_operation_set_default_page_setup (operation, msk_print_operation_get_session_page_setup ());
  if (session_settings != NULL)
    gtk_print_operation_set_print_settings (operation, session_settings);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The renderer keeps its own margins, wider than any printer's. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
}

MskPrintOperation *
msk_print_operation_new (GtkWindow         *parent,
                         const MskDecision *decision)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  return g_object_new (MSK_TYPE_PRINT_OPERATION,
                       "decision", decision,
                       "parent", parent,
                       NULL);
}

MskSummary *
msk_print_operation_get_summary (MskPrintOperation *self)
{
  g_return_val_if_fail (MSK_IS_PRINT_OPERATION (self), NULL);

  return self->summary;
}

GtkWindow *
msk_print_operation_get_preview_window (MskPrintOperation *self)
{
  g_return_val_if_fail (MSK_IS_PRINT_OPERATION (self), NULL);

  return self->preview_window;
}

void
msk_print_operation_show_error (MskPrintOperation *self,
                                const GError      *error)
{
  g_return_if_fail (MSK_IS_PRINT_OPERATION (self));

  if (self->error_shown)
    return;
  self->error_shown = TRUE;
  _msk_show_error (self->parent, _("Could not print the summary"),
                   error != NULL ? error->message : NULL);
}

GtkPageSetup *
msk_print_operation_get_session_page_setup (void)
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
