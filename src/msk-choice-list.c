/* msk-choice-list.c — the form's drop-down lists: a search that finds
 * words, and a highlight only the GP moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's GtkDropDown searches only the start of a name, highlights
 * the row under a pointer that has not moved, picks nothing on Return in
 * its search and leaves its list unnamed for screen readers. The form's
 * three lists (requester, borough, body region) are GtkDropDowns with
 * their search on; this file makes each one a list a GP can trust at
 * speed: typing finds the start of any word of a name, Return picks the
 * row highlighted, and the highlight moves only for a key, what was typed,
 * a pointer that moves, or a click (hazard H25). It reaches into the
 * drop-down's popover, which GTK 4.8 lays out as a box of a search entry
 * and a list view of a GtkSingleSelection of a GtkFilterListModel; a GTK
 * laid out otherwise gets a warning, and GTK's own behaviour.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-choice-list-private.h"
#include "msk-utils-private.h"

static void
row_label_changed_cb (GtkLabel   *label,
                      GParamSpec *pspec,
                      GtkWidget  *row)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (label),
                                  -1);
}

/* The rows of an open drop-down list are named after the text they show;
 * GTK 4.8 gives list items no name (GtkListItem's accessible properties
 * came in 4.12). Rows are recycled as the list scrolls, so each follows
 * its label. The list and its scroller are named after the field. */
static void
name_popup (GtkWidget  *widget,
            const char *field)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_LIST_VIEW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, field, -1);
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      /* Translators: accessible name of a drop-down list's search entry;
       * %s is the field, such as "Borough (NEL place)" */
      g_autofree char *name = g_strdup_printf (_("Find in %s"), field);

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  if (GTK_IS_LIST_VIEW (widget))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (widget); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *label = _msk_widget_find_descendant (row, GTK_TYPE_LABEL);

          if (label == NULL || g_object_get_data (G_OBJECT (row), "msk-named") != NULL)
            continue;
          g_object_set_data (G_OBJECT (row), "msk-named", GINT_TO_POINTER (TRUE));
          g_signal_connect_object (label, "notify::label", G_CALLBACK (row_label_changed_cb), row, 0);
          row_label_changed_cb (GTK_LABEL (label), NULL, row);
        }
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    name_popup (c, field);
}

/* The words of `text`, casefolded: its runs of letters and digits, so a
 * word starts after a space, a bracket, a slash, a hyphen or any other
 * sign. A combining accent stays in its word. */
static GStrv
casefolded_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GPtrArray *words = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

/* Whether a list's search for `typed` finds the choice named `label`: the
 * rule for the rows the list shows (search_filter_match); Return picks the
 * one of those rows the list highlights (search_activated_cb), so it never
 * picks a name the list is not showing (a wrong borough is a wrong service).
 *
 * Every word typed must start some word of the label, ignoring case, in
 * any order: "lumbar", "spine", "back" and "low" all find "Lower back
 * (lumbar spine)", as do "lower back" and "back lumbar"; "ee" does not find
 * "Knee" (the start of a word, never the middle). Two typed words may start
 * the same word of the label. A search with no word in it, empty or only
 * spaces and signs, looks for nothing and hides nothing: it finds every
 * choice. */
static gboolean
choice_matches (const char *label,
                const char *typed)
{
  g_auto(GStrv) wanted = casefolded_words (typed);
  g_auto(GStrv) words = NULL;

  if (wanted[0] == NULL)
    return TRUE;
  words = casefolded_words (label);
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; words[j] != NULL && !found; j++)
        found = g_str_has_prefix (words[j], wanted[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Whether `typed` has no word to look for: empty, or spaces and signs. */
static gboolean
search_is_blank (const char *typed)
{
  g_auto(GStrv) wanted = casefolded_words (typed);

  return wanted[0] == NULL;
}

/* A row of an open list is shown while its name matches the list's
 * search, read from the search entry itself (`data`). */
static gboolean
search_filter_match (gpointer item,
                     gpointer data)
{
  GtkEditable *search = data;

  /* "Choose…" is no name: a search shows only names ("c" picked it and
   * emptied the borough, in a GP review). */
  if (g_object_get_data (G_OBJECT (item), MSK_CHOICE_PLACEHOLDER_KEY) != NULL &&
      !search_is_blank (gtk_editable_get_text (search)))
    return FALSE;
  return GTK_IS_STRING_OBJECT (item) &&
         choice_matches (gtk_string_object_get_string (GTK_STRING_OBJECT (item)),
                         gtk_editable_get_text (search));
}

/* The list an open drop-down shows, filtered by its search. GTK 4.8 gives
 * it no getter: its list view shows a GtkSingleSelection of a
 * GtkFilterListModel of the drop-down's model. NULL before a model is
 * set. */
static GtkFilterListModel *
get_search_model (GtkDropDown *dropdown)
{
  GtkWidget *list = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;
  GListModel *filtered = NULL;

  if (GTK_IS_SINGLE_SELECTION (selection))
    filtered = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  return GTK_IS_FILTER_LIST_MODEL (filtered) ? GTK_FILTER_LIST_MODEL (filtered) : NULL;
}

/* GTK 4.8 filters a drop-down's list with a GtkStringFilter that matches
 * only the start of a name (4.12 added GtkDropDown:search-match-mode), so
 * "lumbar" found nothing. The list is filtered by choice_matches instead.
 * GTK makes a new filter model, with a new prefix filter, each time the
 * model is set (a policy loaded, a form cleared) and a new filter when the
 * expression is, so this runs after each (_msk_choice_list_watch). */
static void
install_search_filter (GtkDropDown *dropdown)
{
  GtkFilterListModel *filtered = get_search_model (dropdown);
  GtkWidget *search = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(GtkCustomFilter) filter = NULL;

  if (gtk_drop_down_get_model (dropdown) == NULL)
    return;
  /* Another GTK, laid out otherwise: the list would match prefixes only
   * while Return matched words. */
  if (filtered == NULL || search == NULL)
    {
      g_warning ("%s: no filtered list to search; GTK %u.%u is not laid out as 4.8",
                 gtk_widget_get_name (GTK_WIDGET (dropdown)),
                 gtk_get_major_version (), gtk_get_minor_version ());
      return;
    }
  if (GTK_IS_CUSTOM_FILTER (gtk_filter_list_model_get_filter (filtered)))
    return;
  filter = gtk_custom_filter_new (search_filter_match, g_object_ref (search), g_object_unref);
  gtk_filter_list_model_set_filter (filtered, GTK_FILTER (filter));
}

static void
search_model_replaced_cb (GtkDropDown *dropdown,
                          GParamSpec  *pspec,
                          gpointer     data)
{
  install_search_filter (dropdown);
}

/* The search text the list's rows were last filtered by (object data on
 * the search entry; none: the whole list). */
#define SHOWN_KEY "msk-shown-search"

/* What an open list knows of the hand on the keyboard and the mouse
 * (object data on its popover; made once, in popup_mapped_cb).
 *
 * GtkDropDown's lists highlight (select) the row the pointer enters, and
 * GTK 4.8 makes a row "entered" when it appears under a pointer that has
 * not moved: the list opening over a resting mouse, or rows filtered or
 * scrolled under it. Return picks the row highlighted, so a mouse resting
 * where Alt+B opens the borough list changed the borough a GP kept with
 * Return (GP review: Tower Hamlets became Havering; a CI run's resting
 * pointer made it Elbow). The highlight now moves only for keys, for what
 * was typed, for a pointer that moves, and for a click. */
#define LIST_STATE_KEY "msk-list-state"

typedef struct {
  /* We are moving the highlight ourselves. */
  gboolean  ours;
  /* A key is being handled: the list moves the highlight for it. */
  gboolean  key_down;
  guint     key_done_id;
  /* The pointer has moved since the list opened, was searched or a key
   * was pressed; a row it enters then is the row it points at. */
  gboolean  pointer_moved;
  gboolean  pointer_inside;
  double    pointer_x;
  double    pointer_y;
  /* The row highlighted as the list wants it, and a row the pointer
   * entered without moving (highlighted if it moves, or clicks). */
  GObject  *wanted;
  GObject  *entered;
  /* The keyboard follows the highlight after the rows are laid out. */
  guint     focus_tick_id;
  /* Opened by its key (Alt+B): the keys typed until the list has opened
   * (GP review: a letter typed within 200 ms of Alt+G was lost, "kn"
   * became "n" and Return picked Neck). */
  gboolean  opening;
  guint     opening_timeout_id;
  guint     apply_tick_id;
  GString  *typed_early;
  int       moves_early;
  int       from_end_early;  /* moves are from: 0 the choice, -1 the first row, 1 the last */
  gboolean  return_early;
  guint     escape_early;  /* how many Escapes: the first may only empty the search */
  /* Its keys took effect before it opened: it does not open. */
  gboolean  applied_without_list;
} ListState;

static void
list_state_free (gpointer data)
{
  ListState *state = data;

  g_clear_handle_id (&state->key_done_id, g_source_remove);
  g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
  g_string_free (state->typed_early, TRUE);
  g_clear_object (&state->wanted);
  g_clear_object (&state->entered);
  g_free (state);
}

static ListState *
list_state_of (GtkWidget *popover)
{
  return g_object_get_data (G_OBJECT (popover), LIST_STATE_KEY);
}

static GtkSingleSelection *
list_rows (GtkDropDown *dropdown)
{
  GtkWidget *list = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *rows = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;

  return GTK_IS_SINGLE_SELECTION (rows) ? GTK_SINGLE_SELECTION (rows) : NULL;
}

static guint
position_in (GListModel *model,
             gpointer    item)
{
  for (guint i = 0; item != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      if (row == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The row of an open list showing `item`, or NULL when none is laid out
 * (scrolled away). GTK 4.8 cannot say which row shows an item; a
 * drop-down's row shows the item's name. */
static GtkWidget *
row_showing (GtkWidget *list,
             gpointer   item)
{
  if (!GTK_IS_STRING_OBJECT (item))
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = _msk_widget_find_descendant (row, GTK_TYPE_LABEL);

      if (label != NULL && gtk_widget_get_child_visible (row) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)),
                     gtk_string_object_get_string (GTK_STRING_OBJECT (item))) == 0)
        return row;
    }
  return NULL;
}

/* Whether the keyboard is in the open list of `dropdown` (the list, or one
 * of its rows, has the focus); `row` is then the row it is on, if any. */
static gboolean
keyboard_in_list (GtkDropDown  *dropdown,
                  GtkWidget   **row)
{
  GtkWidget *list = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (dropdown));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  *row = NULL;
  if (list == NULL || focus == NULL || (focus != list && !gtk_widget_is_ancestor (focus, list)))
    return FALSE;
  for (GtkWidget *w = focus; w != NULL && w != list; w = gtk_widget_get_parent (w))
    *row = w;
  return TRUE;
}

/* The row showing the item highlighted, when the keyboard is in the list
 * (NULL otherwise, or when that row is not laid out); `focused` is the row
 * with the keyboard, if any. */
static GtkWidget *
highlight_row_in_reach (GtkDropDown  *dropdown,
                        GtkWidget   **focused)
{
  GtkWidget *list = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkSingleSelection *rows = list_rows (dropdown);

  *focused = NULL;
  if (rows == NULL || !keyboard_in_list (dropdown, focused))
    return NULL;
  return row_showing (list, gtk_single_selection_get_selected_item (rows));
}

/* The keyboard goes to the row highlighted, when it is in the list: the
 * list's arrow keys then move on from that row, and its focus ring is on
 * the row Return picks. A row not laid out (scrolled away) is left: the
 * next arrow key looks again. */
static void
focus_highlighted_row (GtkDropDown *dropdown)
{
  GtkWidget *focused;
  GtkWidget *row = highlight_row_in_reach (dropdown, &focused);

  if (row != NULL && row != focused)
    gtk_widget_grab_focus (row);
}

/* Whether the row showing the item highlighted has the keyboard: the
 * arrow keys move the keyboard to a row, then highlight it. */
static gboolean
keyboard_on_highlight (GtkDropDown *dropdown)
{
  GtkWidget *focused;
  GtkWidget *row = highlight_row_in_reach (dropdown, &focused);

  return row != NULL && row == focused;
}

static void
focus_after_layout (gpointer data)
{
  GtkWidget *popover = data;
  ListState *state = list_state_of (popover);

  state->focus_tick_id = 0;
  if (gtk_widget_get_mapped (popover))
    focus_highlighted_row (GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN)));
}

/* Highlights the row at `position` of the rows shown (none: invalid) as
 * the list's own choice, not the pointer's. */
static void
set_highlight (GtkDropDown *dropdown,
               guint        position)
{
  GtkWidget *popover = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;
  GtkSingleSelection *rows = list_rows (dropdown);

  if (rows == NULL)
    return;
  if (state != NULL)
    state->ours = TRUE;
  gtk_single_selection_set_selected (rows, position);
  if (state != NULL)
    {
      state->ours = FALSE;
      g_set_object (&state->wanted, gtk_single_selection_get_selected_item (rows));
      g_clear_object (&state->entered);
    }
  focus_highlighted_row (dropdown);
  /* Rows filtered are laid out again at the next frame, and GTK moves the
   * keyboard off a row it hid to a row of its choosing: the keyboard goes
   * to the highlight once more then (GP review: "sp" highlighted Lower
   * back while the focus ring was on Neck). */
  if (popover != NULL && state != NULL && state->focus_tick_id == 0)
    state->focus_tick_id = _msk_after_next_layout (popover, focus_after_layout, popover);
}

/* The highlight moved. Moved by a key, or by a pointer that moved, it is
 * where the GP put it; moved by a row appearing under a resting pointer,
 * it goes back to where the list had it. */
static void
highlight_moved_cb (GtkSelectionModel *rows,
                    guint              position,
                    guint              n_items,
                    GtkWidget         *popover)
{
  ListState *state = list_state_of (popover);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  gpointer now = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows));

  if (state == NULL || state->ours || !gtk_widget_get_mapped (popover) ||
      rows != GTK_SELECTION_MODEL (list_rows (dropdown)) || now == state->wanted)
    return;
  if (state->key_down || state->pointer_moved || keyboard_on_highlight (dropdown))
    {
      g_set_object (&state->wanted, now);
      g_clear_object (&state->entered);
      if (!state->key_down)
        focus_highlighted_row (dropdown);
      return;
    }
  set_highlight (dropdown, position_in (G_LIST_MODEL (rows), state->wanted));
  g_set_object (&state->entered, now);
}

/* The pointer moved within the open list: it now points at the row it is
 * over. GTK reports a pointer entering with the place it entered at, and
 * the motion that brought it there at that same place; only a motion to
 * another place is the mouse moving. */
static void
pointer_entered_cb (GtkEventControllerMotion *motion,
                    double                    x,
                    double                    y,
                    ListState                *state)
{
  state->pointer_inside = TRUE;
  state->pointer_x = x;
  state->pointer_y = y;
}

static void
pointer_left_cb (GtkEventControllerMotion *motion,
                 ListState                *state)
{
  state->pointer_inside = FALSE;
  g_clear_object (&state->entered);
}

/* The row the pointer entered without moving is the one it points at
 * once it moves, or clicks: highlighted then. */
static void
take_entered_row (GtkWidget *popover,
                  ListState *state)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  GtkSingleSelection *rows = list_rows (dropdown);
  g_autoptr(GObject) entered = g_steal_pointer (&state->entered);

  state->pointer_moved = TRUE;
  if (entered != NULL && rows != NULL)
    set_highlight (dropdown, position_in (G_LIST_MODEL (rows), entered));
}

static void
pointer_moved_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  ListState                *state)
{
  GtkWidget *popover = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  gboolean moved = state->pointer_inside && (x != state->pointer_x || y != state->pointer_y);

  state->pointer_inside = TRUE;
  state->pointer_x = x;
  state->pointer_y = y;
  if (moved)
    take_entered_row (popover, state);
}

/* A click on a row picks that row (GTK reads the highlight when a row is
 * activated), also where the pointer rested since the list opened. */
static gboolean
pointer_pressed_cb (GtkEventControllerLegacy *legacy,
                    GdkEvent                 *event,
                    ListState                *state)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    take_entered_row (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (legacy)), state);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
key_done_cb (gpointer data)
{
  ListState *state = data;

  state->key_done_id = 0;
  state->key_down = FALSE;
  return G_SOURCE_REMOVE;
}

/* A key is being handled, until GTK has finished with it: the list moves
 * the highlight for it in the same turn of the main loop. From now the
 * keyboard leads; the pointer leads again when it moves. */
static void
key_pressed (ListState *state)
{
  state->key_down = TRUE;
  state->pointer_moved = FALSE;
  g_clear_object (&state->entered);
  if (state->key_done_id == 0)
    state->key_done_id = g_idle_add_full (G_PRIORITY_HIGH, key_done_cb, state, NULL);
}

/* The row an open list highlights (its own selection: the first row a
 * search shows, or where the arrow keys or the pointer moved it), with a
 * reference, or NULL when none is. */
static GObject *
highlighted_row (GtkDropDown *dropdown)
{
  GtkSingleSelection *rows = list_rows (dropdown);
  gpointer item = rows != NULL ? gtk_single_selection_get_selected_item (rows) : NULL;

  return item != NULL ? g_object_ref (item) : NULL;
}

/* After an open list's rows change for its search, the row highlighted
 * (the list's own selection) is the row Return picks: the first row shown,
 * until the arrow keys or the pointer move it, or with the search emptied
 * the choice the list was opened on. GTK 4.8
 * kept the row highlighted before, or the nearest to it, and with a word
 * search that is often not the first row (hazard H25: "ha" highlighted
 * Havering while Return picked City and Hackney). Moving this selection
 * chooses nothing: GTK reads it only when a row is activated. A list
 * closing is left alone: GTK empties the search as it closes on a row
 * clicked, then reads that row from this selection. */
static void
highlight_first_row (GtkSearchEntry *search,
                     GtkDropDown    *dropdown)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER);
  GtkSingleSelection *rows = list_rows (dropdown);
  guint position;
  ListState *state;

  if (popover == NULL || !gtk_widget_get_mapped (popover) || rows == NULL)
    return;
  if (search_is_blank (gtk_editable_get_text (GTK_EDITABLE (search))))
    position = gtk_drop_down_get_selected (dropdown);
  else
    position = g_list_model_get_n_items (G_LIST_MODEL (rows)) > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  /* New rows under a resting pointer are not rows it points at. */
  state = list_state_of (popover);
  if (state != NULL)
    state->pointer_moved = FALSE;
  set_highlight (dropdown, position);
}

/* The line under an open list's rows saying its search found nothing
 * (object data on the search entry; made once, in popup_mapped_cb). GTK
 * 4.8 showed an empty list, which reads as a list still loading. */
#define NO_MATCH_KEY "msk-no-match-label"

static void
show_no_match (GtkSearchEntry *search,
               GtkDropDown    *dropdown)
{
  GtkWidget *none = g_object_get_data (G_OBJECT (search), NO_MATCH_KEY);
  GtkFilterListModel *filtered = get_search_model (dropdown);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (search));
  gboolean found_none = filtered != NULL && !search_is_blank (typed) &&
                        g_list_model_get_n_items (G_LIST_MODEL (filtered)) == 0;

  if (none == NULL)
    return;
  if (found_none)
    {
      g_autofree char *words = g_strstrip (g_strdup (typed));
      g_autofree char *text = g_strdup_printf (_("No name here has a word that starts with “%s”. Escape shows every name."),
                                               words);

      gtk_label_set_text (GTK_LABEL (none), text);
    }
  gtk_widget_set_visible (none, found_none);
}

/* GTK's own handler updates only its prefix filter. The filter reads the
 * search text itself; it is told to read it again. An emptied search
 * comes at once (GtkSearchEntry delays only a non-empty one), so GTK,
 * which empties the search when the list closes on a row, then sees the
 * whole list and picks the row clicked, not the one at its position in
 * the filtered list. */
static void
search_changed_cb (GtkSearchEntry *search,
                   GtkDropDown    *dropdown)
{
  GtkFilterListModel *filtered = get_search_model (dropdown);
  GtkFilter *filter = filtered != NULL ? gtk_filter_list_model_get_filter (filtered) : NULL;
  const char *shown = g_object_get_data (G_OBJECT (search), SHOWN_KEY);

  /* Filtered for this text already (Return, or letters typed before the
   * list opened, filter at once; GtkSearchEntry tells of the same text
   * after its delay): the highlight stays where keys have moved it since. */
  if (shown != NULL && g_str_equal (shown, gtk_editable_get_text (GTK_EDITABLE (search))) &&
      GTK_IS_CUSTOM_FILTER (filter) && !search_is_blank (shown))
    return;
  if (GTK_IS_CUSTOM_FILTER (filter))
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  highlight_first_row (search, dropdown);
  show_no_match (search, dropdown);
  g_object_set_data_full (G_OBJECT (search), SHOWN_KEY,
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (search))), g_free);
}

/* Escape in a list's search: GTK 4.8 handles it only for its own prefix
 * filter. As it did, the first Escape gives the whole list back, the next
 * closes the list. */
static void
search_stopped_cb (GtkSearchEntry *search,
                   GtkDropDown    *dropdown)
{
  if (gtk_editable_get_text (GTK_EDITABLE (search))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (search), "");
  else
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER)));
}

typedef enum {
  PICKED,          /* a row picked, the list closed */
  NOTHING_TO_PICK, /* no row found, or no list to pick from: nothing done */
  SHOWN_AGAIN,     /* the rows of new text shown, nothing picked */
} PickResult;

/* Return in a drop-down's list picks the row the list highlights: for what
 * was typed, the first name shown, with nothing typed the choice the list
 * opened on, or the row the arrow keys or the moving pointer have moved
 * the highlight to since; GTK 4.8 does nothing on it in the search, and on
 * a row picks the row highlighted, not the one with the keyboard.
 * The list is filtered again first when the search has changed since it
 * was: GtkSearchEntry tells it of a change only after its typing delay,
 * and a quick Return after a letter deleted must not pick from text the
 * list was never filtered by (code review: "hav", BackSpace, Return picked
 * City and Hackney). Picked from the filtered rows themselves, never
 * matched apart, so what Return picks is always a row the list shows; with
 * no filtered list (a GTK laid out otherwise) it picks nothing. */
static PickResult
pick_highlighted (GtkSearchEntry *search,
                  GtkDropDown    *dropdown)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (search));
  GtkFilterListModel *filtered = get_search_model (dropdown);
  GListModel *choices = gtk_drop_down_get_model (dropdown);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;
  const char *shown = g_object_get_data (G_OBJECT (search), SHOWN_KEY);
  g_autoptr(GObject) picked = NULL;
  guint position;

  if (filtered == NULL || choices == NULL || popover == NULL ||
      !GTK_IS_CUSTOM_FILTER (gtk_filter_list_model_get_filter (filtered)))
    return NOTHING_TO_PICK;
  if (!search_is_blank (typed))
    {
      /* Text that only adds to what the rows were filtered by finds a
       * part of the rows shown; text with letters deleted or replaced may
       * find rows the list has not shown, so this Return shows them and
       * picks nothing. */
      gboolean narrowed = g_str_has_prefix (typed, shown != NULL ? shown : "");

      /* Filtering again moves the highlight to the first row: only when
       * the rows are not yet those of what was typed, or a row moved to
       * with the arrow keys or the pointer would not be the row picked. */
      if (g_strcmp0 (typed, shown) != 0)
        search_changed_cb (search, dropdown);
      if (!narrowed)
        return SHOWN_AGAIN;
      if (g_list_model_get_n_items (G_LIST_MODEL (filtered)) == 0)
        return NOTHING_TO_PICK;
    }
  /* With nothing typed, the row highlighted is the choice the list opened
   * on, unless a key or the moving pointer moved it. */
  picked = highlighted_row (dropdown);
  if (picked == NULL && !search_is_blank (typed))
    picked = g_list_model_get_item (G_LIST_MODEL (filtered), 0);
  position = position_in (choices, picked);
  if (position == GTK_INVALID_LIST_POSITION)
    return NOTHING_TO_PICK;
  /* GTK 4.8 selects the chosen position in the list's own selection too,
   * taking it for a position in the whole list: the search is emptied
   * first, as GTK empties its own prefix filter, or the list would keep
   * another row selected, or none. That is the list's doing, not the
   * pointer's. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  if (state != NULL)
    state->ours = TRUE;
  gtk_drop_down_set_selected (dropdown, position);
  if (state != NULL)
    state->ours = FALSE;
  gtk_popover_popdown (GTK_POPOVER (popover));
  return PICKED;
}

static void
search_activated_cb (GtkSearchEntry *search,
                     GtkDropDown    *dropdown)
{
  pick_highlighted (search, dropdown);
}

static void apply_early_keys (gpointer data);
static gboolean opening_key_pressed_cb (GtkEventControllerKey *controller,
                                        guint                  keyval,
                                        guint                  keycode,
                                        GdkModifierType        modifiers,
                                        GtkWidget             *popover);

/* A key for a list that has closed, typed before GTK gave the keyboard
 * back to the drop-down (a frame after the list closes): it is the
 * window's, as if the keyboard were back. Left to the closed list, the
 * letters went into its hidden search and Return picked from it (GP
 * review, keys typed while the app was stopped: Alt+B Escape Alt+G "lu"
 * Return left the region as it was; with letters a borough has, it
 * changed the borough). The keyboard goes back to the drop-down, and the
 * key goes from it up to the window, as GTK passes a key on. */
static gboolean
key_after_close (GtkEventControllerKey *controller,
                 GtkWidget             *popover,
                 GtkDropDown           *dropdown)
{
  GtkRoot *root = gtk_widget_get_root (popover);

  gtk_widget_grab_focus (GTK_WIDGET (dropdown));
  for (GtkWidget *w = root != NULL ? gtk_root_get_focus (root) : NULL; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_event_controller_key_forward (controller, w))
      break;
  return GDK_EVENT_STOP;
}

/* Tab and Shift+Tab in an open list pick what Return would pick, and the
 * keyboard moves on to the next or previous control of the form, as in a
 * Windows list and the WAI-ARIA select-only combobox pattern (GP review:
 * GTK 4.8 moved only the keyboard's ring to the next row, not the
 * highlight, and Alt+G Tab Return kept the old region while the ring was
 * on another). A search whose new rows the list has not shown yet picks
 * nothing and shows them, as Return does: nothing the GP has not seen is
 * picked. A search that found nothing picks nothing, and the list closes
 * on the choice made. */
static gboolean
tab_out_of_list (GtkEventControllerKey *controller,
                 GtkWidget             *popover,
                 GtkSearchEntry        *search,
                 GtkDropDown           *dropdown)
{
  switch (pick_highlighted (search, dropdown))
    {
    case SHOWN_AGAIN:
      return GDK_EVENT_STOP;
    case NOTHING_TO_PICK:
      gtk_editable_set_text (GTK_EDITABLE (search), "");
      gtk_popover_popdown (GTK_POPOVER (popover));
      break;
    case PICKED:
    default:
      break;
    }
  return key_after_close (controller, popover, dropdown);
}

/* An arrow key in an open list moves the highlight among the rows of what
 * was typed, from the row highlighted. GTK moves the keyboard from row to
 * row among the rows laid out, which are the rows of the text typed only
 * once the search's typing delay has passed and a frame has laid them
 * out: before, the rows are filtered now and the highlight moved here (GP
 * review: "ha", Down, Return typed at 80–120 ms a key picked City and
 * Hackney, not Havering; the list filtered after the Down and put the
 * highlight back on the first row). The lists are short: a page is the
 * whole list, and Page Up, Page Down, Home and End go to its first or
 * last row (GTK 4.8's Page Down stopped a row short of the region list's
 * last, and did nothing in a list not laid out yet). GTK's list moves
 * only for arrows without Alt (list_key_modifiers): `with_alt` moves here. */
static gboolean
arrow_in_list (GtkSearchEntry *search,
               GtkDropDown    *dropdown,
               guint           keyval,
               gboolean        with_alt)
{
  const char *shown = g_object_get_data (G_OBJECT (search), SHOWN_KEY);
  gboolean arrow = keyval == GDK_KEY_Up || keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Down;
  GtkSingleSelection *rows;
  guint n, at;
  int to;

  /* The rows not yet of the text typed are filtered first; otherwise Up
   * and Down among rows laid out are GTK's, from the row highlighted. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (search)), shown != NULL ? shown : "") != 0)
    search_changed_cb (search, dropdown);
  else if (arrow && !with_alt)
    {
      focus_highlighted_row (dropdown);
      if (keyboard_on_highlight (dropdown))
        return GDK_EVENT_PROPAGATE;
    }
  rows = list_rows (dropdown);
  n = rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (rows)) : 0;
  if (n == 0)
    return GDK_EVENT_STOP;
  at = gtk_single_selection_get_selected (rows);
  switch (keyval)
    {
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      to = at == GTK_INVALID_LIST_POSITION ? 0 : (int) at + 1;
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      to = at == GTK_INVALID_LIST_POSITION ? 0 : (int) at - 1;
      break;
    case GDK_KEY_Home: case GDK_KEY_Page_Up: case GDK_KEY_KP_Home: case GDK_KEY_KP_Page_Up:
      to = 0;
      break;
    default:
      to = (int) n - 1;
      break;
    }
  set_highlight (dropdown, (guint) CLAMP (to, 0, (int) n - 1));
  return GDK_EVENT_STOP;
}

/* Whether `event` is a shortcut or mnemonic of a widget shown in the
 * window (Alt+B, Alt+G, Ctrl+N…), asked of every shortcut controller, as
 * GTK would: a list's own popover is not asked. */
static gboolean
shortcut_takes_event (GtkShortcut *shortcut,
                      gpointer     event)
{
  GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

  return trigger != NULL && gtk_shortcut_trigger_trigger (trigger, event, TRUE) != GDK_KEY_MATCH_NONE;
}

static gboolean
window_takes_key (GtkWidget *widget,
                  GdkEvent  *event)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_POPOVER (widget))
    return FALSE;
  if (_msk_widget_find_shortcut (widget, shortcut_takes_event, event) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (window_takes_key (c, event))
      return TRUE;
  return FALSE;
}

/* Alt still held from the Alt+G that opened a list is not meant for the
 * keys that move in it and pick in it, nor for a letter that is no
 * shortcut of the window: Alt+G End, and Alt+G L Return, Alt not yet let
 * go, closed the list and chose nothing (GP reviews). Alt with the letter
 * of another field (Alt+B) still goes there. */
static GdkModifierType
list_key_modifiers (GtkEventController *controller,
                    guint               keyval,
                    GdkModifierType     modifiers)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  gunichar c = gdk_keyval_to_unicode (keyval);

  if ((modifiers & (GDK_CONTROL_MASK | GDK_SUPER_MASK)) != 0 || (modifiers & GDK_ALT_MASK) == 0)
    return modifiers;
  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
    case GDK_KEY_Up: case GDK_KEY_Down: case GDK_KEY_KP_Up: case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Up: case GDK_KEY_Page_Down: case GDK_KEY_Home: case GDK_KEY_End:
    case GDK_KEY_KP_Page_Up: case GDK_KEY_KP_Page_Down: case GDK_KEY_KP_Home: case GDK_KEY_KP_End:
      return modifiers & ~GDK_ALT_MASK;
    default:
      if (g_unichar_isalnum (c) && event != NULL && gtk_widget_get_root (widget) != NULL &&
          !window_takes_key (GTK_WIDGET (gtk_widget_get_root (widget)), event))
        return modifiers & ~GDK_ALT_MASK;
      return modifiers;
    }
}

/* `c` typed into the search at its cursor, as the keyboard would. */
static void
type_into_search (GtkSearchEntry *search,
                  gunichar        c)
{
  /* NUL-terminated: "insert-text" copies its text as a string. */
  char text[7] = { 0 };
  int len = g_unichar_to_utf8 (c, text);
  int at = gtk_editable_get_position (GTK_EDITABLE (search));

  gtk_editable_insert_text (GTK_EDITABLE (search), text, len, &at);
  gtk_editable_set_position (GTK_EDITABLE (search), at);
}

/* Keys in an open list (GP review). The keyboard stays on the list's rows
 * while letters go to the search, and the list shows the search only
 * after its typing delay. Return picks the row highlighted
 * (search_activated_cb): GTK's Return on a row picked the row highlighted
 * when a row had the keyboard, and nothing when the list itself had it.
 * Escape empties the search before it closes the list, as in
 * GtkDropDown's own search. Space within a search is a space in it: the
 * row with the keyboard took it ("lumbar spine" became "lumbarspine").
 * The arrow keys move on from the row highlighted, which has the keyboard
 * first. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        modifiers,
                     GtkSearchEntry        *search)
{
  GtkWidget *popover = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  ListState *state = list_state_of (popover);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (search));
  gboolean with_alt;

  if (state != NULL)
    key_pressed (state);
  /* Opened, with the keyboard, but the keys typed while it opened are
   * not applied yet (a frame from now): this one comes after them. Typed
   * into the search now, it was overwritten by them (GP review: "hav"
   * across the opening searched "h"; a Return kept the old choice). */
  if (state != NULL && state->opening)
    return opening_key_pressed_cb (controller, keyval, keycode, modifiers, popover);
  if (!gtk_widget_get_mapped (popover))
    return key_after_close (controller, popover, dropdown);
  with_alt = (modifiers & GDK_ALT_MASK) != 0;
  modifiers = list_key_modifiers (GTK_EVENT_CONTROLLER (controller), keyval, modifiers);
  if ((modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      search_activated_cb (search, dropdown);
      return GDK_EVENT_STOP;
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab: case GDK_KEY_KP_Tab:
      return tab_out_of_list (controller, popover, search, dropdown);
    case GDK_KEY_Escape:
      if (typed[0] == '\0')
        return GDK_EVENT_PROPAGATE;
      gtk_editable_set_text (GTK_EDITABLE (search), "");
      return GDK_EVENT_STOP;
    case GDK_KEY_space: case GDK_KEY_KP_Space:
      if (typed[0] == '\0' || gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (search)))))
        return GDK_EVENT_PROPAGATE;
      type_into_search (search, ' ');
      return GDK_EVENT_STOP;
    case GDK_KEY_Up: case GDK_KEY_Down: case GDK_KEY_KP_Up: case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Up: case GDK_KEY_Page_Down: case GDK_KEY_Home: case GDK_KEY_End:
    case GDK_KEY_KP_Page_Up: case GDK_KEY_KP_Page_Down: case GDK_KEY_KP_Home: case GDK_KEY_KP_End:
      return arrow_in_list (search, dropdown, keyval, with_alt);
    default:
      /* A letter with Alt still held that is no shortcut: GTK's entry
       * takes no text with Alt, so it goes into the search here. */
      if (with_alt && g_unichar_isalnum (gdk_keyval_to_unicode (keyval)))
        {
          type_into_search (search, gdk_keyval_to_unicode (keyval));
          return GDK_EVENT_STOP;
        }
      return GDK_EVENT_PROPAGATE;
    }
}

/* Each time a list opens: nothing of the last opening (a search, a row
 * the pointer highlighted, where the pointer was) is kept; the choice
 * made is highlighted and has the keyboard. */
static void
list_opened (GtkWidget   *popover,
             GtkDropDown *dropdown)
{
  ListState *state = list_state_of (popover);
  GtkSingleSelection *rows = list_rows (dropdown);

  state->pointer_moved = FALSE;
  state->pointer_inside = FALSE;
  g_clear_object (&state->entered);
  if (rows != NULL)
    {
      g_signal_handlers_disconnect_by_func (rows, highlight_moved_cb, popover);
      g_signal_connect_object (rows, "selection-changed", G_CALLBACK (highlight_moved_cb), popover, 0);
    }
  set_highlight (dropdown, gtk_drop_down_get_selected (dropdown));
}

/* Alt let go in an open list: the window's underlined mnemonics go, as
 * they do when it has the keyboard; the window does not see the release
 * of an Alt+G pressed in another open list, and they stayed until the
 * list closed (GP review). */
static void
list_key_released_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        modifiers,
                      gpointer               data)
{
  GtkRoot *root = gtk_widget_get_root (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if ((keyval == GDK_KEY_Alt_L || keyval == GDK_KEY_Alt_R || keyval == GDK_KEY_Meta_L || keyval == GDK_KEY_Meta_R) &&
      GTK_IS_WINDOW (root))
    gtk_window_set_mnemonics_visible (GTK_WINDOW (root), FALSE);
}

/* A shortcut of the window (Ctrl+N, Alt+G…) pressed in an open list that
 * neither the list nor its search used: the list closes and the window
 * does what the key does there (GP review: Ctrl+N left the list open and
 * the last patient on the form). GTK 4.8 does not pass it on. */
static gboolean
list_shortcut_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        modifiers,
                  gpointer               data)
{
  GtkWidget *popover = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (popover);

  modifiers = list_key_modifiers (GTK_EVENT_CONTROLLER (controller), keyval, modifiers);
  if ((modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0 || root == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_popover_popdown (GTK_POPOVER (popover));
  return gtk_event_controller_key_forward (controller, GTK_WIDGET (root));
}

static void watch_search     (GtkWidget      *popover,
                              GtkSearchEntry *search,
                              GtkDropDown    *dropdown);

static gboolean
opening_timeout_cb (gpointer data)
{
  ListState *state = data;

  state->opening_timeout_id = 0;
  state->opening = FALSE;
  return G_SOURCE_REMOVE;
}

/* Whether the keys typed into a list still opening have decided what it
 * does: Return picks, and an Escape closes it (the second, when the first
 * empties a search). */
static gboolean
early_keys_done (ListState *state)
{
  return state->return_early ||
         state->escape_early >= (search_is_blank (state->typed_early->str) ? 1u : 2u);
}

/* The keys typed into a list that has not opened yet, taking effect
 * without it, as they would in it: the first name the search finds, or
 * with nothing typed the choice made, moved by Down and Up among the
 * names the search finds; Return picks it, Escape picks nothing. Keys
 * typed after them then act on the form they leave (GP review, keys typed
 * together on a busy PC: Alt+R Down Return and five Tabs went past the
 * "Integrated with the community MSK service" box before the First
 * Contact Practitioner picked had shown it, and Space ticked a red flag). */
static void
apply_early_keys_without_list (GtkWidget *popover)
{
  ListState *state = list_state_of (popover);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  GListModel *choices = gtk_drop_down_get_model (dropdown);
  /* Letters come before an Escape (those after it are the form's), and
   * the first Escape empties the search: Return after it picks from the
   * whole list, as in the list. */
  const char *typed = state->escape_early > 0 ? "" : state->typed_early->str;
  gboolean blank = search_is_blank (typed);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = choices != NULL ? g_list_model_get_n_items (choices) : 0;
  int at = 0;

  state->opening = FALSE;
  state->applied_without_list = TRUE;
  g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
  if (!state->return_early)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (choices, i);

      if (blank && i == gtk_drop_down_get_selected (dropdown))
        at = (int) found->len;
      if (!GTK_IS_STRING_OBJECT (item) ||
          (!blank && g_object_get_data (item, MSK_CHOICE_PLACEHOLDER_KEY) != NULL) ||
          !choice_matches (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), typed))
        continue;
      g_array_append_val (found, i);
    }
  if (found->len == 0)
    return;
  if (state->from_end_early != 0)
    at = state->from_end_early < 0 ? 0 : (int) found->len - 1;
  at = CLAMP (at + state->moves_early, 0, (int) found->len - 1);
  state->ours = TRUE;
  gtk_drop_down_set_selected (dropdown, g_array_index (found, guint, at));
  state->ours = FALSE;
}

/* Keys while a list opened by its key is opening: a letter is the
 * start of its search, Down and Up move its highlight, Return picks and
 * Escape closes, once it has opened. */
static gboolean
opening_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        modifiers,
                        GtkWidget             *popover)
{
  ListState *state = list_state_of (popover);
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (!state->opening)
    return GDK_EVENT_PROPAGATE;
  /* The list's keys are done (Return, or the Escape that closes it) and
   * it has not opened yet: they take effect now, and this key acts after
   * them, on the form they leave. */
  if (early_keys_done (state) && !gtk_widget_get_mapped (popover))
    {
      apply_early_keys_without_list (popover);
      return GDK_EVENT_PROPAGATE;
    }
  modifiers = list_key_modifiers (GTK_EVENT_CONTROLLER (controller), keyval, modifiers);
  if ((modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      state->return_early = TRUE;
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      state->escape_early++;
      return GDK_EVENT_STOP;
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab: case GDK_KEY_KP_Tab:
      /* Shown, its keys not yet applied: they take effect now, then Tab
       * does what it does in the open list. (Not shown yet, the form's
       * Tab sees it first: _msk_choice_list_settle.) */
      if (!gtk_widget_get_mapped (popover))
        return GDK_EVENT_PROPAGATE;
      apply_early_keys (popover);
      if (!gtk_widget_get_mapped (popover))
        return key_after_close (controller, popover, GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN)));
      return tab_out_of_list (controller, popover,
                              GTK_SEARCH_ENTRY (_msk_widget_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY)),
                              GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN)));
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      state->moves_early++;
      return GDK_EVENT_STOP;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      state->moves_early--;
      return GDK_EVENT_STOP;
    /* A page is the whole list (arrow_in_list); moves after it are from
     * the first or last row (GP review, keys typed while the app was
     * stopped: Alt+G PageDown Return left the region unchosen). */
    case GDK_KEY_Home: case GDK_KEY_KP_Home: case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      state->from_end_early = -1;
      state->moves_early = 0;
      return GDK_EVENT_STOP;
    case GDK_KEY_End: case GDK_KEY_KP_End: case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      state->from_end_early = 1;
      state->moves_early = 0;
      return GDK_EVENT_STOP;
    default:
      if (c == 0 || !g_unichar_isprint (c) || state->return_early || state->escape_early)
        return GDK_EVENT_PROPAGATE;
      g_string_append_unichar (state->typed_early, c);
      /* A search highlights its first row: moves typed before the letter
       * do not count, as in the open list. */
      state->moves_early = 0;
      state->from_end_early = 0;
      return GDK_EVENT_STOP;
    }
}

/* The list has opened and been laid out: the keys typed while it opened,
 * in their order of effect (search, moves, Return or Escape). Not while
 * it maps: a list closed then stayed shown to GTK, and never opened
 * again. */
static void
apply_early_keys (gpointer data)
{
  GtkWidget *popover = data;
  ListState *state = list_state_of (popover);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  GtkSearchEntry *search = GTK_SEARCH_ENTRY (_msk_widget_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY));
  GtkSingleSelection *rows = list_rows (dropdown);

  state->apply_tick_id = 0;
  if (!state->opening || !gtk_widget_get_mapped (popover))
    return;
  state->opening = FALSE;
  g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
  if (state->typed_early->len > 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (search), state->typed_early->str);
      gtk_editable_set_position (GTK_EDITABLE (search), -1);
      search_changed_cb (search, dropdown);
    }
  if ((state->moves_early != 0 || state->from_end_early != 0) &&
      rows != NULL && g_list_model_get_n_items (G_LIST_MODEL (rows)) > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));
      guint at = gtk_single_selection_get_selected (rows);
      int to;

      if (state->from_end_early != 0)
        at = state->from_end_early < 0 ? 0 : n - 1;
      to = (at == GTK_INVALID_LIST_POSITION ? -1 : (int) at) + state->moves_early;

      set_highlight (dropdown, (guint) CLAMP (to, 0, (int) n - 1));
    }
  /* Each Escape as it came: with a search, the first empties it and the
   * next closes the list (GP review: "lu", Escape, Escape typed before
   * the list opened left it open on its whole list, and the keys after
   * them went into its search). */
  if (state->escape_early > 0)
    for (guint i = 0; i < state->escape_early && gtk_widget_get_mapped (popover); i++)
      search_stopped_cb (search, dropdown);
  else if (state->return_early)
    search_activated_cb (search, dropdown);
}

void
_msk_choice_list_settle (GtkDropDown     *dropdown,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  GtkWidget *popover = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;

  if (state == NULL || !state->opening || gtk_widget_get_mapped (popover))
    return;
  /* Tab picks what Return would, as in the open list (tab_out_of_list),
   * and then moves on from the drop-down. */
  if (_msk_is_plain_tab (keyval, modifiers))
    state->return_early = TRUE;
  if (early_keys_done (state))
    apply_early_keys_without_list (popover);
}

gboolean
_msk_choice_list_still_opens (GtkDropDown *dropdown)
{
  GtkWidget *popover = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;

  return state == NULL || !state->applied_without_list;
}

void
_msk_choice_list_expect_open (GtkDropDown *dropdown)
{
  GtkWidget *popover = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;

  if (state == NULL || gtk_widget_get_mapped (popover))
    return;
  state->opening = TRUE;
  state->applied_without_list = FALSE;
  g_string_truncate (state->typed_early, 0);
  state->moves_early = 0;
  state->from_end_early = 0;
  state->return_early = FALSE;
  state->escape_early = 0;
  /* A list that does not open (a window closing) keeps no keys. */
  g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
  state->opening_timeout_id = g_timeout_add_seconds (2, opening_timeout_cb, state);
}

/* A frame after the list closed, when GTK 4.8 has given the keyboard back
 * to the drop-down if it will: it does so only from a row it still shows.
 * After a search that found nothing, the keyboard stayed on a hidden row
 * of the closed list, and no key (Alt+B, Tab, Ctrl+N) reached the window
 * again (GP review). Taking the keyboard at once, before GTK, left GTK's
 * own focus chain behind: Tab went back to the first list. */
static void
keyboard_back_after_close (gpointer data)
{
  GtkWidget *dropdown = data;
  GtkWidget *popover = _msk_widget_find_descendant (dropdown, GTK_TYPE_POPOVER);
  GtkRoot *root = gtk_widget_get_root (dropdown);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (popover == NULL || gtk_widget_get_mapped (popover) || focus == NULL)
    return;
  /* The row may be out of the list by now: GTK takes a row it hides out
   * of the list, and leaves the keyboard on it. Only such a row, or one
   * still in the list: a control the keys have moved the keyboard on to
   * since stays where it is, drawn yet or not. */
  if (gtk_widget_get_root (focus) != gtk_widget_get_root (dropdown) || gtk_widget_is_ancestor (focus, popover))
    gtk_widget_grab_focus (dropdown);
}

/* The moment the list closes, the keyboard may already be on a row GTK
 * took out of the list (a pick empties the search, and the rows are built
 * again), out of every window: until GTK moves it, a frame later, every
 * key goes to that row and is lost. On a busy PC the keys typed after
 * Return come before that frame (GP review, keys typed while the app was
 * stopped: Alt+B "t" Return Alt+G "l" Return chose the borough and lost
 * the region; Return, Ctrl+Shift+C copied the summary without the region
 * just picked). So the drop-down takes the keyboard back at once from a
 * row out of the window, and only from one: a row still in the closed
 * list passes a key on to the window, and GTK's own move a frame later
 * keeps its focus chain whole (taken at once from such a row, Tab in a
 * window the dialog had just left went back to the first list). */
static void
list_closed_cb (GtkPopover  *popover,
                GtkDropDown *dropdown)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (dropdown));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_get_root (focus) != root)
    gtk_widget_grab_focus (GTK_WIDGET (dropdown));
  _msk_after_next_layout (GTK_WIDGET (dropdown), keyboard_back_after_close, dropdown);
}

/* Each drop-down's popover exists from the start (GTK fills it at its
 * first opening): what the list knows of the hand on the keyboard and the
 * mouse, and the controllers that tell it. */
static void
watch_hands (GtkDropDown *dropdown,
             GtkWidget   *popover)
{
  ListState *state = g_new0 (ListState, 1);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *press = gtk_event_controller_legacy_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  state->typed_early = g_string_new (NULL);
  g_object_set_data_full (G_OBJECT (popover), LIST_STATE_KEY, state, list_state_free);
  /* Before the rows see the pointer. */
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_entered_cb), state);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_left_cb), state);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved_cb), state);
  gtk_widget_add_controller (popover, motion);
  gtk_event_controller_set_propagation_phase (press, GTK_PHASE_CAPTURE);
  g_signal_connect (press, "event", G_CALLBACK (pointer_pressed_cb), state);
  gtk_widget_add_controller (popover, press);
  /* The drop-down has the keyboard while its list opens. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (opening_key_pressed_cb), popover, 0);
  gtk_widget_add_controller (GTK_WIDGET (dropdown), keys);
  g_signal_connect_object (popover, "closed", G_CALLBACK (list_closed_cb), dropdown, G_CONNECT_AFTER);
}

static void
popup_mapped_cb (GtkWidget *popover,
                 GtkLabel  *field_label)
{
  GtkWidget *search = _msk_widget_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list = _msk_widget_find_descendant (popover, GTK_TYPE_LIST_VIEW);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN));
  ListState *state = list_state_of (popover);

  name_popup (popover, gtk_label_get_text (field_label));
  /* A list opens with the keyboard in the list, as a fresh window's
   * does; a popover would otherwise go back to the search entry last
   * typed in, and Down there does not move through the list. */
  if (list != NULL)
    gtk_widget_grab_focus (list);
  list_opened (popover, dropdown);
  if (search != NULL && g_object_get_data (G_OBJECT (search), "msk-watched") == NULL)
    watch_search (popover, GTK_SEARCH_ENTRY (search), dropdown);
  if (search != NULL && state->opening && state->apply_tick_id == 0)
    {
      /* Nothing typed before it opened: the next key is the list's at
       * once. Otherwise keys wait behind those, until they are applied. */
      if (state->typed_early->len == 0 && state->moves_early == 0 && state->from_end_early == 0 &&
          !state->return_early && !state->escape_early)
        {
          state->opening = FALSE;
          g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
        }
      else
        state->apply_tick_id = _msk_after_next_layout (popover, apply_early_keys, popover);
    }
}

/* Once, at the list's first opening: GTK builds the popover's contents
 * then. */
static void
watch_search (GtkWidget      *popover,
              GtkSearchEntry *search,
              GtkDropDown    *dropdown)
{
  /* The list has the focus when it opens; letters typed there go to the
   * search, and Return there picks the first match: Alt+B, "tow", Return
   * is Tower Hamlets. */
  g_object_set_data (G_OBJECT (search), "msk-watched", GINT_TO_POINTER (TRUE));
  gtk_search_entry_set_key_capture_widget (search, popover);
  g_signal_connect_object (search, "activate", G_CALLBACK (search_activated_cb), dropdown, 0);
  if (GTK_IS_BOX (gtk_popover_get_child (GTK_POPOVER (popover))))
    {
      GtkWidget *none = gtk_label_new (NULL);

      gtk_widget_add_css_class (none, "no-match");
      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      /* Wrapped within the list's width, which the drop-down sets; a
       * natural width of the whole sentence would widen the list. */
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (none), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (none), 24);
      gtk_widget_set_visible (none, FALSE);
      gtk_box_append (GTK_BOX (gtk_popover_get_child (GTK_POPOVER (popover))), none);
      g_object_set_data (G_OBJECT (search), NO_MATCH_KEY, none);
    }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the list view and the search entry see the key. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), search, 0);
    g_signal_connect (keys, "key-released", G_CALLBACK (list_key_released_cb), NULL);
    gtk_widget_add_controller (popover, keys);
    /* After them: a shortcut neither used. */
    keys = gtk_event_controller_key_new ();
    g_signal_connect (keys, "key-pressed", G_CALLBACK (list_shortcut_cb), NULL);
    gtk_widget_add_controller (popover, keys);
  }
}

/* An open list, a search left in it and keys typed while it opened
 * belong to the last patient (GP review: Ctrl+N as Alt+G opened the
 * list left it open on the new form). */
void
_msk_choice_list_forget (GtkDropDown *dropdown)
{
  GtkWidget *search = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *popover = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  ListState *state = popover != NULL ? list_state_of (popover) : NULL;

  if (state != NULL)
    {
      state->opening = FALSE;
      g_clear_handle_id (&state->opening_timeout_id, g_source_remove);
    }
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (search), "");
}

/* Once per drop-down: its list popover is named each time it opens, and
 * its search finds words (install_search_filter). */
void
_msk_choice_list_watch (GtkDropDown *dropdown,
                        GtkLabel    *field_label)
{
  GtkWidget *search = _msk_widget_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      {
        watch_hands (dropdown, c);
        g_signal_connect_object (c, "map", G_CALLBACK (popup_mapped_cb), field_label, G_CONNECT_AFTER);
      }
  g_signal_connect (dropdown, "notify::model", G_CALLBACK (search_model_replaced_cb), NULL);
  g_signal_connect (dropdown, "notify::expression", G_CALLBACK (search_model_replaced_cb), NULL);
  g_signal_connect (dropdown, "notify::enable-search", G_CALLBACK (search_model_replaced_cb), NULL);
  if (search != NULL)
    {
      g_signal_connect_object (search, "search-changed", G_CALLBACK (search_changed_cb), dropdown, 0);
      g_signal_connect_object (search, "stop-search", G_CALLBACK (search_stopped_cb), dropdown, 0);
    }
  install_search_filter (dropdown);
}
