/* test-list-input.c — the form's lists under a real keyboard and mouse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GP at the form opens a list with Alt+B, types, presses Return; the
 * mouse may rest anywhere, over where the list opens. The keys and the
 * pointer here go through the X server (XTest), so GTK sees them as it
 * sees a GP's: a row appearing under a pointer that never moved is
 * entered, Space reaches the row that has the keyboard, a letter typed
 * before the list has opened reaches the window. Expected names come from
 * the policy file.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "msk-gui-test-util.h"
#include "msk-request-form.h"
#include "msk-utils-private.h"

typedef struct {
  GtkWidget      *window;
  MskRequestForm *form;
  MskPolicy      *policy;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->policy = msk_policy_new_bundled (NULL);
  g_assert_nonnull (f->policy);
  msk_test_move_pointer_away ();
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 700);
  f->form = MSK_REQUEST_FORM (msk_request_form_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->form));
  msk_request_form_set_policy (f->form, f->policy);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->window))
    g_main_context_iteration (NULL, TRUE);
  msk_test_wait_for_frame (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  msk_test_spin ();
  g_assert_null (f->window);
  g_clear_pointer (&f->policy, msk_policy_unref);
}

static GtkDropDown *
get_dropdown (Fixture    *f,
              const char *name)
{
  GObject *dropdown = gtk_widget_get_template_child (GTK_WIDGET (f->form), MSK_TYPE_REQUEST_FORM, name);

  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  return GTK_DROP_DOWN (dropdown);
}

static GtkWidget *
find_in (GtkDropDown *dropdown,
         GType        type)
{
  GtkWidget *widget = _msk_widget_find_descendant (GTK_WIDGET (dropdown), type);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
popover_of (GtkDropDown *dropdown)
{
  return find_in (dropdown, GTK_TYPE_POPOVER);
}

static const char *
selected_label (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static const char *
highlighted_row (GtkDropDown *dropdown)
{
  GtkWidget *list = find_in (dropdown, GTK_TYPE_LIST_VIEW);
  GtkSingleSelection *rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  GObject *item = gtk_single_selection_get_selected_item (rows);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* The open list's row showing `name`. */
static GtkWidget *
row_named (GtkDropDown *dropdown,
           const char  *name)
{
  return msk_test_list_row (find_in (dropdown, GTK_TYPE_LIST_VIEW), name);
}

/* Runs what is due, or sleeps a millisecond: the X server shares the
 * machine's two cores with the test, which must not spin. */
static void
idle_a_little (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

/* Waits until the list of `dropdown` is open (or closed), and laid out. */
static void
wait_open (GtkDropDown *dropdown,
           gboolean     open)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (gtk_widget_get_mapped (popover_of (dropdown)) != open && g_get_monotonic_time () < end)
    idle_a_little ();
  g_assert_true (gtk_widget_get_mapped (popover_of (dropdown)) == open);
  msk_test_wait_for_frame (GTK_WIDGET (dropdown));
}

static guint
n_shown_rows (GtkDropDown *dropdown)
{
  GtkWidget *list = find_in (dropdown, GTK_TYPE_LIST_VIEW);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

/* Waits out the search's typing delay: the list shows `n` rows. */
static void
wait_rows (GtkDropDown *dropdown,
           guint        n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (n_shown_rows (dropdown) != n && g_get_monotonic_time () < end)
    idle_a_little ();
  g_assert_cmpuint (n_shown_rows (dropdown), ==, n);
  msk_test_wait_for_frame (GTK_WIDGET (dropdown));
}

static const char *
search_text (GtkDropDown *dropdown)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_in (dropdown, GTK_TYPE_SEARCH_ENTRY)));
}

static const char *
borough (Fixture    *f,
         const char *id)
{
  return msk_policy_find_borough (f->policy, id)->label;
}

static const char *
region (Fixture    *f,
        const char *id)
{
  return msk_policy_find_region (f->policy, id)->label;
}

/* Alt+B, "tow", Return: Tower Hamlets, the choice the next steps keep. */
static GtkDropDown *
choose_tower_hamlets (Fixture *f)
{
  GtkDropDown *list = get_dropdown (f, "borough_dropdown");

  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  msk_test_x_type ("tow");
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "tower_hamlets"));
  return list;
}

/* The mouse rests where the list opens (GP review: Alt+B, Return changed
 * Tower Hamlets to Havering, the row under the resting pointer, which GTK
 * highlighted). The list opens on the choice made, highlighted, whatever
 * row appears under the pointer, and Return keeps it. */
static void
test_resting_pointer_changes_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  GtkDropDown *list = choose_tower_hamlets (f);

  /* The pointer goes to Havering, which it highlights as it moves. */
  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "tower_hamlets"));
  msk_test_x_point_at (row_named (list, borough (f, "havering")));
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "havering"));
  msk_test_x_key ("Escape");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "tower_hamlets"));

  /* Opened again under the resting pointer: Havering's row appears under
   * it. */
  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "tower_hamlets"));
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "tower_hamlets"));

  /* Rows filtered under the resting pointer: the first row found is
   * highlighted, not the row that came under it. */
  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  msk_test_x_type ("h");
  wait_rows (list, 3);
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "city_hackney"));
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "city_hackney"));
}

/* The pointer leads when it moves, as in a menu: a row it moves onto is
 * highlighted and Return picks it; a click picks the row clicked, also
 * where the pointer rested since the list opened. */
static void
test_moving_pointer_and_click (Fixture       *f,
                               gconstpointer  data)
{
  GtkDropDown *list = choose_tower_hamlets (f);

  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  msk_test_x_point_at (row_named (list, borough (f, "redbridge")));
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "redbridge"));
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "redbridge"));

  /* Opened again under the pointer, still on Redbridge's place: a click
   * there, without a move, picks the row under it. */
  gtk_drop_down_set_selected (list, 0);
  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  g_assert_cmpstr (highlighted_row (list), ==, "Choose…");
  msk_test_x_click ();
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "redbridge"));
}

/* Down moves on from the row highlighted for what was typed, not from the
 * row the keyboard had before the search. */
static void
test_arrow_keys_move_from_highlight (Fixture       *f,
                                     gconstpointer  data)
{
  GtkDropDown *list = choose_tower_hamlets (f);

  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  msk_test_x_type ("h");
  wait_rows (list, 3);
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "city_hackney"));
  msk_test_x_key ("Down");
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "havering"));
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "havering"));

  /* With nothing typed, from the choice made. */
  msk_test_x_key ("<Alt>b");
  wait_open (list, TRUE);
  msk_test_x_key ("Down");
  g_assert_cmpstr (highlighted_row (list), ==, borough (f, "newham"));
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, borough (f, "newham"));
}

/* Space typed in a list's search is a space in it (GP review: "lumbar
 * spine" searched "lumbarspine", which finds nothing). */
static void
test_space_in_search (Fixture       *f,
                      gconstpointer  data)
{
  GtkDropDown *list = get_dropdown (f, "region_dropdown");

  msk_test_x_key ("<Alt>g");
  wait_open (list, TRUE);
  msk_test_x_type ("lumbar spine");
  g_assert_cmpstr (search_text (list), ==, "lumbar spine");
  wait_rows (list, 1);
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, region (f, "lumbar_spine"));
}

/* Letters typed straight after Alt+G, before its list has opened, are
 * its search (GP review: "sh" searched "h" and Return picked Hand or
 * wrist). */
static void
test_letters_before_list_opens (Fixture       *f,
                                gconstpointer  data)
{
  GtkDropDown *list = get_dropdown (f, "region_dropdown");

  msk_test_x_send ("<Alt>g", "sh");
  wait_open (list, TRUE);
  g_assert_cmpstr (search_text (list), ==, "sh");
  wait_rows (list, 1);
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, region (f, "shoulder"));

  /* Escape twice, and the keys still reach the form. */
  msk_test_x_key ("<Alt>g");
  wait_open (list, TRUE);
  msk_test_x_type ("kn");
  msk_test_x_key ("Escape");
  g_assert_cmpstr (search_text (list), ==, "");
  msk_test_x_key ("Escape");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, region (f, "shoulder"));
  msk_test_x_send ("<Alt>g", "kn");
  wait_open (list, TRUE);
  wait_rows (list, 1);
  msk_test_x_key ("Return");
  wait_open (list, FALSE);
  g_assert_cmpstr (selected_label (list), ==, region (f, "knee"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/list-input/" path, Fixture, NULL, setup, func, teardown)
  ADD ("resting-pointer-changes-nothing", test_resting_pointer_changes_nothing);
  ADD ("moving-pointer-and-click", test_moving_pointer_and_click);
  ADD ("arrow-keys-move-from-highlight", test_arrow_keys_move_from_highlight);
  ADD ("space-in-search", test_space_in_search);
  ADD ("letters-before-list-opens", test_letters_before_list_opens);
#undef ADD
  return g_test_run ();
}
