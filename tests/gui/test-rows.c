/* test-rows.c — a list's rows are kept, hidden and shown again, never stale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * _msk_box_sync_rows (src/msk-utils.c) fills the decision pane's lists. A
 * GP must see exactly the rows asked for, in order; rows the list stopped
 * showing are kept hidden so that going back (a red flag unticked, the
 * region before) costs no new layout, and only so many are kept.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "msk-utils-private.h"

typedef struct {
  GPtrArray *keys;
  guint      made;
} Rows;

static GtkWidget *
make_row (gpointer data,
          guint    i)
{
  Rows *rows = data;

  rows->made++;
  return gtk_label_new (rows->keys->pdata[i]);
}

static GPtrArray *
keys_of (const char *prefix,
         guint       first,
         guint       n)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < first + n; i++)
    _msk_row_keys_add (keys, g_strdup_printf ("%s%u", prefix, i));
  return keys;
}

/* Syncs BOX to KEYS and checks what a user would see: exactly those rows,
 * in that order, each showing its own item; returns how many were made. */
static guint
sync_and_check (GtkBox    *box,
                GPtrArray *keys)
{
  Rows rows = { keys, 0 };
  guint shown = 0, hidden = 0;

  _msk_box_sync_rows (box, keys, make_row, &rows);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (box)); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_visible (c))
        {
          hidden++;
          continue;
        }
      /* Shown rows come first, then the hidden ones. */
      g_assert_cmpuint (hidden, ==, 0);
      g_assert_cmpuint (shown, <, keys->len);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (c)), ==, keys->pdata[shown]);
      shown++;
    }
  g_assert_cmpuint (shown, ==, keys->len);
  g_assert_cmpuint (hidden, <=, MSK_HIDDEN_ROWS_MAX);
  return rows.made;
}

static GtkWidget *
row_showing (GtkBox     *box,
             const char *key)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (box)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c) && g_str_equal (gtk_label_get_text (GTK_LABEL (c)), key))
      return c;
  return NULL;
}

static void
test_back_and_forth (void)
{
  GtkBox *box = GTK_BOX (g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0)));
  g_autoptr(GPtrArray) knee = keys_of ("knee-", 0, 5);
  g_autoptr(GPtrArray) spine = keys_of ("spine-", 0, 4);
  g_autoptr(GPtrArray) mixed = g_ptr_array_new ();
  GtkWidget *first;

  g_assert_cmpuint (sync_and_check (box, knee), ==, 5);
  first = row_showing (box, "knee-0");
  g_assert_cmpuint (sync_and_check (box, spine), ==, 4);
  g_assert_null (row_showing (box, "knee-0"));
  /* Back: the same rows, none made again. */
  g_assert_cmpuint (sync_and_check (box, knee), ==, 0);
  g_assert_true (row_showing (box, "knee-0") == first);
  /* Some of each, in another order. */
  g_ptr_array_add (mixed, "spine-3");
  g_ptr_array_add (mixed, "knee-4");
  g_ptr_array_add (mixed, "knee-0");
  g_ptr_array_add (mixed, "spine-0");
  g_assert_cmpuint (sync_and_check (box, mixed), ==, 0);
  g_assert_true (row_showing (box, "knee-0") == first);
  /* An empty list shows nothing. */
  g_ptr_array_set_size (mixed, 0);
  g_assert_cmpuint (sync_and_check (box, mixed), ==, 0);
  g_object_unref (box);
}

/* However many different rows a long session shows, only so many stay
 * hidden; the most recently hidden stay, the oldest go. */
static void
test_bounded (void)
{
  GtkBox *box = GTK_BOX (g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0)));
  const guint batch = 7;
  const guint batches = MSK_HIDDEN_ROWS_MAX / batch + 4;

  for (guint b = 0; b < batches; b++)
    {
      g_autofree char *prefix = g_strdup_printf ("b%u-", b);
      g_autoptr(GPtrArray) keys = keys_of (prefix, 0, batch);

      g_assert_cmpuint (sync_and_check (box, keys), ==, batch);
    }
  {
    g_autofree char *prefix = g_strdup_printf ("b%u-", batches - 2);
    g_autoptr(GPtrArray) last_hidden = keys_of (prefix, 0, batch);
    g_autoptr(GPtrArray) oldest = keys_of ("b0-", 0, batch);

    g_assert_cmpuint (sync_and_check (box, last_hidden), ==, 0);
    g_assert_cmpuint (sync_and_check (box, oldest), ==, batch);
  }
  g_object_unref (box);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rows/back-and-forth", test_back_and_forth);
  g_test_add_func ("/rows/bounded", test_bounded);
  return g_test_run ();
}
