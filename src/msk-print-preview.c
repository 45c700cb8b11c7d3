/* msk-print-preview.c — the summary's pages in a window, drawn by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK's own preview writes the document to a temporary PDF for an external
 * viewer: that would put the clinical note on disk. This window draws the
 * pages from the same renderer as print and PDF, and writes nothing.
 */
#include "config.h"

#include "msk-print-preview.h"

#define PREVIEW_GAP   16.0
#define PREVIEW_WIDTH 600.0

struct _MskPrintPreview
{
  GtkWindow                 parent_instance;

  GtkDrawingArea           *pages;

  MskSummary               *summary;
  GtkPrintOperationPreview *preview;
  double                    scale;
};

G_DEFINE_FINAL_TYPE (MskPrintPreview, msk_print_preview, GTK_TYPE_WINDOW)

static void
draw_pages (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  MskPrintPreview *self = user_data;
  double page_h;

  if (self->summary == NULL)
    return;
  msk_summary_get_page_size (self->summary, NULL, &page_h);
  page_h *= self->scale;

  for (guint i = 0; i < msk_summary_get_n_pages (self->summary); i++)
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
      cairo_scale (cr, self->scale, self->scale);
      msk_summary_render_page (self->summary, cr, i);
      cairo_restore (cr);
    }
}

static void
msk_print_preview_dispose (GObject *object)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  /* Ending the print dialog's preview lets its operation finish. */
  if (self->preview != NULL)
    gtk_print_operation_preview_end_preview (self->preview);
  g_clear_object (&self->preview);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_PRINT_PREVIEW);
  G_OBJECT_CLASS (msk_print_preview_parent_class)->dispose (object);
}

static void
msk_print_preview_finalize (GObject *object)
{
  MskPrintPreview *self = MSK_PRINT_PREVIEW (object);

  g_clear_pointer (&self->summary, msk_summary_free);
  G_OBJECT_CLASS (msk_print_preview_parent_class)->finalize (object);
}

static void
msk_print_preview_class_init (MskPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_print_preview_dispose;
  object_class->finalize = msk_print_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPrintPreview, pages);
}

static void
msk_print_preview_init (MskPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->pages, draw_pages, self, NULL);
}

GtkWidget *
msk_print_preview_new (GtkWindow                *parent,
                       MskSummary               *summary,
                       GtkPrintOperationPreview *preview)
{
  MskPrintPreview *self;
  double page_w, page_h;
  guint n;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (MSK_TYPE_PRINT_PREVIEW, "transient-for", parent, NULL);
  self->summary = summary;
  self->preview = preview != NULL ? g_object_ref (preview) : NULL;
  msk_summary_get_page_size (summary, &page_w, &page_h);
  self->scale = PREVIEW_WIDTH / page_w;
  n = msk_summary_get_n_pages (summary);
  gtk_drawing_area_set_content_width (self->pages, (int) (PREVIEW_WIDTH + 2 * PREVIEW_GAP));
  gtk_drawing_area_set_content_height (self->pages,
                                       (int) (PREVIEW_GAP + n * (page_h * self->scale + PREVIEW_GAP)));
  return GTK_WIDGET (self);
}

void
msk_print_preview_set_pages_label (MskPrintPreview *self,
                                   const char      *label)
{
  g_return_if_fail (MSK_IS_PRINT_PREVIEW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pages),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
