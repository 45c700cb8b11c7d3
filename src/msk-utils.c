/* msk-utils.c — small widget helpers the GTK front end shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-utils-private.h"
#include "msk-wrap-layout.h"

/* Pango 1.50 shapes a sample sentence for every pango_context_get_metrics()
 * call, and GtkLabel and MskClamp asked for it at every measure; one answer
 * per font, size and resolution is enough. */
const MskFontSizes *
_msk_font_sizes (GtkWidget *widget)
{
  static GHashTable *cache;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  g_autofree char *font = pango_font_description_to_string (desc);
  g_autofree char *key = g_strdup_printf ("%s@%g", font, pango_cairo_context_get_resolution (context));
  MskFontSizes *sizes;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sizes = g_hash_table_lookup (cache, key);
  if (sizes == NULL)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      sizes = g_new (MskFontSizes, 1);
      sizes->char_width = pango_font_metrics_get_approximate_char_width (metrics);
      sizes->digit_width = pango_font_metrics_get_approximate_digit_width (metrics);
      sizes->line_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);
      g_hash_table_insert (cache, g_steal_pointer (&key), sizes);
    }
  return sizes;
}

/* A wrapping label's width in characters is its minimum width, and
 * MskWrapLayout measures it: laid out once, at the width it is given,
 * instead of three times (msk-wrap-layout.c, docs/performance.md). Words
 * break inside when one is wider than the column, so a minimum width under
 * the longest word never lets text overflow. These labels sit in columns
 * whose width is set from outside (the pane's clamp, the form's fixed side
 * of the paned, the policy view's clamp). */
void
_msk_label_set_wrapping (GtkLabel *label)
{
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_width_chars (label, MSK_WRAP_MIN_CHARS);
  gtk_widget_set_layout_manager (GTK_WIDGET (label), msk_wrap_layout_new ());
}

/* Every wrapping label under ROOT (a template's labels) measured by
 * MskWrapLayout, as the labels made in code are (_msk_label_set_wrapping):
 * set here, not in the .ui files, so gtk4-builder-tool can still check them.
 * MskWrapLayout estimates a label's natural width unless the label is sized
 * by its own text (msk-wrap-layout.c): a wrapping label added to a
 * container that shares out width by natural widths (a horizontal box
 * beside other widgets) should expand, or be a button's. */
void
_msk_wrapped_labels_measure_once (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)) &&
      gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_NONE &&
      !MSK_IS_WRAP_LAYOUT (gtk_widget_get_layout_manager (root)))
    gtk_widget_set_layout_manager (root, msk_wrap_layout_new ());
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _msk_wrapped_labels_measure_once (child);
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

/* The first hidden row: the child after the last shown row LAST (NULL: the
 * list shows none). */
static GtkWidget *
shown_rows_end (GtkBox    *box,
                GtkWidget *last)
{
  return last != NULL ? gtk_widget_get_next_sibling (last)
                      : gtk_widget_get_first_child (GTK_WIDGET (box));
}

/* The rows of a list, kept where they show the same item: a row whose item
 * is still shown stays, with its labels already laid out and measured, and
 * only rows it did not show before are built (a routine region change swaps
 * the spinal rationale and evidence in the decision pane and keeps the
 * rest). KEYS[i] names what row i shows, distinct within the list
 * (_msk_row_keys_add); MAKE builds row i. Only a box's visible children
 * are its rows.
 *
 * Rows the list stopped showing stay in the box, hidden, after the rows it
 * shows, to be shown again: a GP who ticks a red flag and unticks it, or
 * goes back to the region before, gets the rows back with their text laid
 * out, where a new row shapes all of it again (docs/performance.md). Hidden,
 * not removed: GtkLabel throws its layout away whenever it is put back in a
 * window. A key names everything its row shows, so a row shown again is
 * the row MAKE would build. Past MSK_HIDDEN_ROWS_MAX hidden rows, the
 * oldest go. */
void
_msk_box_sync_rows (GtkBox     *box,
                    GPtrArray  *keys,
                    MskMakeRow  make,
                    gpointer    data)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hidden = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) newly_hidden = g_ptr_array_new ();
  GtkWidget *child, *next, *prev = NULL;

  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (wanted, keys->pdata[i]);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL; child = next)
    {
      const char *key = g_object_get_data (G_OBJECT (child), "msk-row-key");

      next = gtk_widget_get_next_sibling (child);
      if (key == NULL || g_hash_table_contains (kept, key) || g_hash_table_contains (hidden, key))
        gtk_box_remove (box, child);
      else if (gtk_widget_get_visible (child) && g_hash_table_contains (wanted, key))
        g_hash_table_insert (kept, (gpointer) key, child);
      else
        {
          if (gtk_widget_get_visible (child))
            {
              gtk_widget_set_visible (child, FALSE);
              g_ptr_array_add (newly_hidden, child);
            }
          g_hash_table_insert (hidden, (gpointer) key, child);
        }
    }
  /* Rows just hidden go after the others, so the rows that stay keep their
   * order and are not moved past them: a moved widget is measured again. */
  for (guint i = 0; i < newly_hidden->len; i++)
    gtk_box_reorder_child_after (box, newly_hidden->pdata[i], gtk_widget_get_last_child (GTK_WIDGET (box)));
  for (guint i = 0; i < keys->len; i++)
    {
      GtkWidget *row = g_hash_table_lookup (kept, keys->pdata[i]);

      if (row == NULL && g_hash_table_steal_extended (hidden, keys->pdata[i], NULL, (gpointer *) &row))
        gtk_widget_set_visible (row, TRUE);
      if (row == NULL)
        {
          row = make (data, i);
          g_object_set_data_full (G_OBJECT (row), "msk-row-key", g_strdup (keys->pdata[i]), g_free);
          gtk_box_insert_child_after (box, row, prev);
        }
      else if (gtk_widget_get_prev_sibling (row) != prev)
        gtk_box_reorder_child_after (box, row, prev);
      prev = row;
    }
  /* Past the bound, the rows hidden longest ago go: hidden rows are in the
   * order they were hidden, after the shown ones. */
  for (guint n = g_hash_table_size (hidden); n > MSK_HIDDEN_ROWS_MAX; n--)
    {
      child = shown_rows_end (box, prev);
      gtk_box_remove (box, child);
    }
}

static gboolean
has_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (keys->pdata[i], key))
      return TRUE;
  return FALSE;
}

/* Adds KEY (taken) to KEYS, numbered if the list already has it: the same
 * item twice in a list is two rows. */
void
_msk_row_keys_add (GPtrArray *keys,
                   char      *key)
{
  char *numbered = NULL;

  for (guint n = 2; has_key (keys, numbered != NULL ? numbered : key); n++)
    {
      g_free (numbered);
      numbered = g_strdup_printf ("%s#%u", key, n);
    }
  if (numbered != NULL)
    {
      g_free (key);
      key = numbered;
    }
  g_ptr_array_add (keys, key);
}

void
_msk_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The scroll the view's content was last laid out at. Between two layouts
 * the content stays where it was allocated while the scroll may already
 * have moved: measured from where it was drawn, a second scroll before the
 * next layout (the focus moved to a card, then the card grew) moved the
 * view by the whole distance again (GP review: a card opened by keys
 * typed together scrolled past its own top). The content's place in the
 * view tells when it was laid out again: it moves with each layout at a
 * new scroll. */
typedef struct {
  float  origin;  /* the content's top in the view, as laid out */
  double value;   /* the scroll that put it there */
} LaidOut;

static double
laid_out_scroll (GtkWidget     *scroller,
                 GtkWidget     *view,
                 GtkAdjustment *vadj)
{
  GtkWidget *content = gtk_widget_get_first_child (view);
  LaidOut *seen = g_object_get_data (G_OBJECT (scroller), "msk-laid-out");
  graphene_point_t origin;

  if (content == NULL ||
      !gtk_widget_compute_point (content, view, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return gtk_adjustment_get_value (vadj);
  if (seen == NULL)
    {
      seen = g_new0 (LaidOut, 1);
      /* Not where it is: the first call takes the scroll now. */
      seen->origin = origin.y + 1;
      g_object_set_data_full (G_OBJECT (scroller), "msk-laid-out", seen, g_free);
    }
  if (seen->origin != origin.y)
    {
      seen->origin = origin.y;
      seen->value = gtk_adjustment_get_value (vadj);
    }
  return seen->value;
}

/* Scrolls the scrolled window that holds WIDGET just enough to show all of
 * it, with the label that names it when WITH_LABEL and both fit (a field's label above
 * its drop-down: a list scrolled into view without it says nothing of what
 * it is for), or its top when it is taller than the view. */
void
_msk_scroll_into_view (GtkWidget *widget,
                       gboolean   with_label)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *view, *named;
  GtkAdjustment *vadj;
  graphene_rect_t bounds, with_labels;
  GList *labels;
  double top, bottom, page;

  /* Where WIDGET is in the view: the scrolled window's child (its viewport)
   * is the part shown, whatever margins the content has. */
  if (scroller == NULL)
    return;
  view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (!gtk_widget_compute_bounds (widget, view, &bounds))
    return;
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  page = gtk_adjustment_get_page_size (vadj);

  /* The focus in a drop-down is on its button; the label names the
   * drop-down. */
  named = gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN);
  if (named == NULL)
    named = widget;
  with_labels = bounds;
  labels = with_label ? gtk_widget_list_mnemonic_labels (named) : NULL;
  for (GList *l = labels; l != NULL; l = l->next)
    {
      graphene_rect_t label_bounds;

      if (gtk_widget_get_mapped (l->data) && gtk_widget_is_ancestor (l->data, view) &&
          gtk_widget_compute_bounds (l->data, view, &label_bounds))
        graphene_rect_union (&with_labels, &label_bounds, &with_labels);
    }
  g_list_free (labels);
  if (with_labels.size.height <= page)
    bounds = with_labels;
  /* Where it is now, if the view scrolled since it was laid out. */
  bounds.origin.y += laid_out_scroll (scroller, view, vadj) - gtk_adjustment_get_value (vadj);

  top = bounds.origin.y;
  bottom = bounds.origin.y + bounds.size.height;
  if (top >= 0 && bottom <= page)
    return;
  /* A mouse-wheel scroll ends in a kinetic glide that sets the view at
   * every frame until it stops, over what is set here (GP review: wheel
   * down, Tab at once, and the field stayed out of view). Switching
   * kinetic scrolling off stops the glide. */
  if (gtk_scrolled_window_get_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller)))
    {
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
      gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scroller), TRUE);
    }
  if (top < 0)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + top);
  else if (bottom > page)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + MIN (top, bottom - page));
}

typedef struct {
  MskAfterLayout func;
  gpointer       data;
  gint64         asked_at;  /* frame counter */
} AfterLayout;

static gboolean
after_layout_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  AfterLayout *after = user_data;

  /* A tick comes before its frame's layout: the second tick after the
   * request follows a frame that laid out what the request changed. */
  if (gdk_frame_clock_get_frame_counter (clock) <= after->asked_at + 1)
    return G_SOURCE_CONTINUE;
  after->func (after->data);
  return G_SOURCE_REMOVE;
}

guint
_msk_after_next_layout (GtkWidget      *widget,
                        MskAfterLayout  func,
                        gpointer        data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  AfterLayout *after;

  if (clock == NULL)
    return 0;
  after = g_new (AfterLayout, 1);
  after->func = func;
  after->data = data;
  after->asked_at = gdk_frame_clock_get_frame_counter (clock);
  return gtk_widget_add_tick_callback (widget, after_layout_tick_cb, after, g_free);
}

gboolean
_msk_is_plain_tab (guint           keyval,
                   GdkModifierType modifiers)
{
  return (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_KP_Tab) &&
         (modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0;
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

GtkShortcut *
_msk_widget_find_shortcut (GtkWidget       *widget,
                           MskShortcutFunc  func,
                           gpointer         data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          /* The controller keeps it alive. */
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (func (shortcut, data))
            return shortcut;
        }
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
      /* Noted before the view moves: a scroll into view before the next
       * layout measures from where the content was laid out. */
      if (gtk_scrolled_window_get_child (sw) != NULL)
        laid_out_scroll (scroller, gtk_scrolled_window_get_child (sw), vadj);
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
    }
}
