/* msk-wrap-layout.c — measures a wrapping label by laying its text out once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkLabel 4.8 measures a wrapping label by laying its text out at three
 * widths: at its width in characters (for its minimum width), on one line
 * (for its natural width), then at the width it is given (for its height).
 * Pango 1.50 keeps no shaping between widths, so every new text in the
 * decision pane was shaped three times, and a narrow layout shapes the rest
 * of a line again at every break it tries: that was most of what a tick
 * cost (docs/performance.md).
 *
 * This layout manager stands in for GtkLabel's own measuring (GTK asks a
 * widget's layout manager, when it has one, instead of the widget):
 *
 * - its minimum width is its width in characters, from the font's
 *   approximate character width, as GtkLabel's is when that is set, but
 *   without laying out the text: the columns these labels sit in are sized
 *   from outside (the pane's clamp, the form's side of the paned), and a
 *   word wider than the column breaks inside the word (PANGO_WRAP_WORD_CHAR)
 *   instead of overflowing;
 * - its natural width is the same estimate for the whole text on one line,
 *   the character count times that width: these labels take the whole
 *   width of their column, which a natural width does not change; a label
 *   sized by its own text (a link's title, the centred toast) is laid out
 *   on one line for it instead, as GtkLabel does;
 * - its height for a width is the label's own layout laid out at that
 *   width, and allocation gives the layout that same width, so the text is
 *   shaped once and drawn from that layout.
 *
 * Only gtk_label_get_layout() and the layout's width are touched, which is
 * what GtkLabel's own size_allocate sets; the label remakes its layout when
 * its text, attributes or font change, and queues a resize when it does.
 */
#include "config.h"

#include "msk-wrap-layout.h"
#include "msk-utils-private.h"

#include <string.h>

struct _MskWrapLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (MskWrapLayout, msk_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

/* A label whose width is its text's, not its column's: one not stretched
 * across its space (the toast, centred), or a button's (a link's title,
 * whose button is as wide as it). Its natural width decides how wide it
 * is, so it is the text's width on one line, as GtkLabel gives it, or a
 * short title would wrap with room to spare. */
static gboolean
sized_by_its_text (GtkWidget *widget)
{
  return gtk_widget_get_halign (widget) != GTK_ALIGN_FILL ||
         GTK_IS_BUTTON (gtk_widget_get_parent (widget));
}

/* A label whose wrapping was switched off after it got this layout manager
 * (a link button's label the Policy view puts inside text), or that
 * ellipsizes, is left to GtkLabel's own measuring and allocation: only a
 * wrapping label is laid out more than once by GtkLabel. */
static gboolean
wraps (GtkLabel *label)
{
  return gtk_label_get_wrap (label) && gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE;
}

static GtkSizeRequestMode
msk_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  if (!wraps (GTK_LABEL (widget)))
    return GTK_WIDGET_GET_CLASS (widget)->get_request_mode (widget);
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msk_wrap_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  GtkLabel *label = GTK_LABEL (widget);

  if (!wraps (label))
    {
      GTK_WIDGET_GET_CLASS (widget)->measure (widget, orientation, for_size,
                                              minimum, natural, minimum_baseline, natural_baseline);
      return;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      const MskFontSizes *font = _msk_font_sizes (widget);
      /* GtkLabel's character: the wider of the average letter and digit */
      int char_width = MAX (font->char_width, font->digit_width);
      long chars = g_utf8_strlen (gtk_label_get_text (label), -1);

      *minimum = PANGO_PIXELS_CEIL (char_width * MAX (gtk_label_get_width_chars (label), 0));
      if (sized_by_its_text (widget))
        {
          /* One line, laid out apart so the label's own layout keeps the
           * width it is drawn at. */
          PangoLayout *line = pango_layout_copy (gtk_label_get_layout (label));
          int width;

          pango_layout_set_width (line, -1);
          pango_layout_get_size (line, &width, NULL);
          g_object_unref (line);
          *natural = MAX (*minimum, PANGO_PIXELS_CEIL (width));
        }
      else
        *natural = MAX (*minimum, PANGO_PIXELS_CEIL ((gint64) char_width * MIN (chars, G_MAXINT / char_width)));
    }
  else
    {
      PangoLayout *layout = gtk_label_get_layout (label);
      g_autoptr(PangoLayout) copy = NULL;
      int height;

      if (for_size < 0)
        {
          /* A height for no width in particular, which GtkScrolledWindow
           * asks of its child and, with no propagated natural height,
           * never uses: GtkLabel answers its text's lines unbroken, and so
           * does this, from the font, laying nothing out. */
          const char *text = gtk_label_get_text (label);
          int lines = 1;

          for (const char *c = strchr (text, '\n'); c != NULL; c = strchr (c + 1, '\n'))
            lines++;
          *minimum = *natural = PANGO_PIXELS_CEIL (lines * _msk_font_sizes (widget)->line_height);
          *minimum_baseline = *natural_baseline = -1;
          return;
        }
      /* The label's own layout when it is laid out at this width already
       * or has never been drawn; a copy otherwise, as GtkLabel measures,
       * so the text drawn keeps the width it was given (GTK does not
       * allocate a widget again at an unchanged size). */
      if (pango_layout_get_width (layout) != for_size * PANGO_SCALE &&
          gtk_widget_get_width (widget) > 1)
        layout = copy = pango_layout_copy (layout);
      pango_layout_set_width (layout, for_size * PANGO_SCALE);
      /* Rounded as GtkLabel rounds, so a label reads the same either way */
      pango_layout_get_size (layout, NULL, &height);
      *minimum = *natural = PANGO_PIXELS_CEIL (height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (layout));
    }
}

static void
msk_wrap_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  if (!wraps (GTK_LABEL (widget)))
    {
      GTK_WIDGET_GET_CLASS (widget)->size_allocate (widget, width, height, baseline);
      return;
    }
  pango_layout_set_width (gtk_label_get_layout (GTK_LABEL (widget)), width * PANGO_SCALE);
  /* GtkLabel's only child is the context menu of a selectable label or of
   * a link, which GtkLabel presents at every allocation. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static void
msk_wrap_layout_class_init (MskWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = msk_wrap_layout_get_request_mode;
  manager_class->measure = msk_wrap_layout_measure;
  manager_class->allocate = msk_wrap_layout_allocate;
}

static void
msk_wrap_layout_init (MskWrapLayout *self)
{
}

GtkLayoutManager *
msk_wrap_layout_new (void)
{
  return g_object_new (MSK_TYPE_WRAP_LAYOUT, NULL);
}
