/* msk-print-preview.c — the summary's pages in a window, drawn by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK's own preview writes the document to a temporary PDF for an external
 * viewer: that would put the clinical note on disk. This window draws the
 * pages of its print operation's summary, the ones print and PDF get, and
 * writes nothing.
 */
#include "config.h"

#include "msk-print-preview.h"

#define PREVIEW_GAP   16.0
#define PREVIEW_WIDTH 600.0

struct _MskPrintPreview
{
  GtkWindow          parent_instance;

  GtkDrawingArea    *pages;

  MskPrintOperation *operation;
};

G_DEFINE_FINAL_TYPE (MskPrintPreview, msk_print_preview, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_OPERATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages are drawn PREVIEW_WIDTH wide, whatever the paper. */
static double
scale_of (MskSummary *summary)
{
  double page_w;

  msk_summary_get_page_size (summary, &page_w, NULL);
  return PREVIEW_WIDTH / page_w;
}

/* Room for every page the operation has laid out, one under another. */
static void
fit_pages (MskPrintPreview *self)
{
  MskSummary *summary = msk_print_operation_get_summary (self->operation);
  double page_h = 0;
  guint n = 0;

  if (summary != NULL)
    {
      msk_summary_get_page_size (summary, NULL, &page_h);
      page_h *= scale_of (summary);
      n = msk_summary_get_n_pages (summary);
    }
  gtk_drawing_area_set_content_width (self->pages, (int) (PREVIEW_WIDTH + 2 * PREVIEW_GAP));
  gtk_drawing_area_set_content_height (self->pages, (int) (PREVIEW_GAP + n * (page_h + PREVIEW_GAP)));
  gtk_widget_queue_draw (GTK_WIDGET (self->pages));
}

static void
draw_pages (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  MskPrintPreview *self = user_data;
  MskSummary *summary = self->operation != NULL ? msk_print_operation_get_summary (self->operation) : NULL;
  double scale, page_h;

  if (summary == NULL)
    return;
  scale = scale_of (summary);
  msk_summary_get_page_size (summary, NULL, &page_h);
  page_h *= scale;

  for (guint i = 0; i < msk_summary_get_n_pages (summary); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, PREVIEW_GAP, PREVIEW_GAP + i * (page_h + PREVIEW_GAP));
      cairo_rectangle (cr, 0, 0, PREVIEW_WIDTH, page_h);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_stroke_preserve (cr);
      cairo_clip (cr);
      cairo_scale (cr, scale, scale);
      msk_summary_render_page (summary, cr, i);
      cairo_restore (cr);
    }
}

/* GTK has paginated again (on the paper chosen in the dialog, which the
 * preview was already laid out on): the pages may have changed. */
static void
ready_cb (GtkPrintOperationPreview *preview,
          GtkPrintContext          *context,
          MskPrintPreview          *self)
{
  fit_pages (self);
}

/* The preview shows what will print; printing is the window's own Print
 * (its dialog chooses the printer). The preview closes first, which ends
 * its operation, and the window is modal-free again for the dialog. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));
  g_autoptr(GtkWidget) window = parent != NULL ? g_object_ref (GTK_WIDGET (parent)) : NULL;

  gtk_window_destroy (GTK_WINDOW (widget));
  if (window != NULL)
    gtk_widget_activate_action (window, "win.print", NULL);
}

static void
msk_print_preview_constructed (GObject *object)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  G_OBJECT_CLASS (msk_print_preview_parent_class)->constructed (object);

  g_assert (self->operation != NULL);
  g_signal_connect_object (self->operation, "ready", G_CALLBACK (ready_cb), self, 0);
  fit_pages (self);
}

static void
msk_print_preview_dispose (GObject *object)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  /* Ending the preview lets its operation finish. */
  if (self->operation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->operation, self);
      gtk_print_operation_preview_end_preview (GTK_PRINT_OPERATION_PREVIEW (self->operation));
    }
  g_clear_object (&self->operation);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_PRINT_PREVIEW);
  G_OBJECT_CLASS (msk_print_preview_parent_class)->dispose (object);
}

static void
msk_print_preview_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_OPERATION:
      g_value_set_object (value, self->operation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_print_preview_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_OPERATION:
      self->operation = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_print_preview_class_init (MskPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msk_print_preview_constructed;
  object_class->dispose = msk_print_preview_dispose;
  object_class->get_property = msk_print_preview_get_property;
  object_class->set_property = msk_print_preview_set_property;

  properties[PROP_OPERATION] =
    g_param_spec_object ("operation", NULL, NULL,
                         MSK_TYPE_PRINT_OPERATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPrintPreview, pages);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
}

static void
msk_print_preview_init (MskPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->pages, draw_pages, self, NULL);
}

GtkWidget *
msk_print_preview_new (GtkWindow         *parent,
                       MskPrintOperation *operation)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MSK_IS_PRINT_OPERATION (operation), NULL);

  return g_object_new (MSK_TYPE_PRINT_PREVIEW,
                       "transient-for", parent,
                       "operation", operation,
                       NULL);
}
