/* msk-utils.c — small widget helpers the GTK front end shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-utils-private.h"

/* GtkLabel finds a wrapping label's minimum width by laying its text out
 * at width 0 unless it is told a width in characters, and Pango 1.50
 * shapes a line again at every break it tries: breaking after every
 * character costs ten to twenty times a normal layout, and it was most of
 * the time a form change took to reach the screen (docs/performance.md).
 * With a width in characters the minimum is laid out at that width
 * instead. No maximum width in characters: with one, GtkLabel lays a text
 * longer than it out once more, at that width, to find its natural width,
 * a fourth shaping of every long text (a quarter of a tick's instructions,
 * a third of a region change's: docs/performance.md). These labels sit in
 * columns whose width is set from outside (the pane's clamp, the form's
 * fixed side of the paned, the policy view's clamp), so a natural width as
 * wide as the whole text changes nothing on screen. */
void
_msk_label_set_wrapping (GtkLabel *label)
{
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_width_chars (label, MSK_WRAP_MIN_CHARS);
}

GtkWidget *
_msk_wrapped_label_new (const char *text,
                        const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  _msk_label_set_wrapping (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
_msk_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

GtkWidget *
_msk_widget_find_descendant (GtkWidget *widget,
                             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = _msk_widget_find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_msk_show_error (GtkWindow  *parent,
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

void
_msk_scroll_to_top (GtkWidget *widget)
{
  GtkWidget *scroller = GTK_IS_SCROLLED_WINDOW (widget) ? widget
                        : gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  if (scroller != NULL)
    {
      GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (scroller);
      GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (sw);

      /* A flick of the wheel or touchpad still gliding would carry the
       * view away again within the second: turning kinetic scrolling off
       * stops it (GTK 4.8 has no other call for that), then it is back. */
      if (gtk_scrolled_window_get_kinetic_scrolling (sw))
        {
          gtk_scrolled_window_set_kinetic_scrolling (sw, FALSE);
          gtk_scrolled_window_set_kinetic_scrolling (sw, TRUE);
        }
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
    }
}
