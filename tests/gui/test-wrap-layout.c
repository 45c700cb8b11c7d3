/* test-wrap-layout.c — a label measured by MskWrapLayout gets the room GtkLabel would give it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MskWrapLayout (src/msk-wrap-layout.c) measures the app's wrapping labels
 * in place of GtkLabel, laying the text out once instead of three times.
 * What a user would notice if it were wrong is text cut off or overlapping
 * the next line: so every height it answers, at every width, with every
 * kind of text and after text and font changes, is checked against what
 * GtkLabel itself answers for an identical label, and the text it draws
 * must fit the height it was given.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "msk-utils-private.h"
#include "msk-wrap-layout.h"

static const char *const texts[] = {
  "Routine",
  "Policy: \xe2\x80\x9c" "For MSK imaging needs in primary care, please refer the patient to the relevant community MSK service\xe2\x80\x9d",
  /* A word wider than the narrowest column: it must break inside. */
  "Pneumonoultramicroscopicsilicovolcanoconiosis and https://www.example.invalid/a/very/long/path/without/spaces",
  "Two paragraphs.\nThe second one is longer, and wraps at any width this test tries.",
  "",
};
static const int widths[] = { 1, 60, 97, 180, 333, 478, 900 };

typedef struct {
  GtkWidget *window;
  GtkWidget *ours;       /* MskWrapLayout */
  GtkWidget *reference;  /* GtkLabel's own measuring, same properties */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->window = gtk_window_new ();
  f->ours = _msk_wrapped_label_new ("", NULL);
  f->reference = _msk_wrapped_label_new ("", NULL);
  gtk_widget_set_layout_manager (f->reference, NULL);
  gtk_box_append (GTK_BOX (box), f->ours);
  gtk_box_append (GTK_BOX (box), f->reference);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  return ++*(int *) data < 2 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Lets the frame clock apply styles and lay the window out, as it does
 * between a change and what the user sees: two frames, so the second's
 * layout follows the first's styles. */
static void
wait_for_frames (GtkWidget *widget)
{
  int frames = 0;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);
  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

/* Every answer GTK asks a wrapping label for, ours against GtkLabel's. */
static void
assert_measures_like_gtklabel (Fixture    *f,
                               const char *what)
{
  int min, nat, ref_min, ref_nat, base, ref_base;

  g_assert_true (MSK_IS_WRAP_LAYOUT (gtk_widget_get_layout_manager (f->ours)));
  g_assert_null (gtk_widget_get_layout_manager (f->reference));
  g_assert_cmpint (gtk_widget_get_request_mode (f->ours), ==, gtk_widget_get_request_mode (f->reference));

  gtk_widget_measure (f->ours, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (f->reference, GTK_ORIENTATION_HORIZONTAL, -1, &ref_min, &ref_nat, NULL, NULL);
  if (min != ref_min)
    g_error ("%s: minimum width %d, GtkLabel's %d", what, min, ref_min);
  g_assert_cmpint (nat, >=, min);

  /* Asked for a height at no width in particular: one line a paragraph */
  gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (f->reference, GTK_ORIENTATION_VERTICAL, -1, &ref_min, &ref_nat, NULL, NULL);
  if (min != ref_min || nat != ref_nat)
    g_error ("%s at no width: height %d/%d, GtkLabel's %d/%d", what, min, nat, ref_min, ref_nat);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, widths[w], &min, &nat, &base, NULL);
      gtk_widget_measure (f->reference, GTK_ORIENTATION_VERTICAL, widths[w], &ref_min, &ref_nat, &ref_base, NULL);
      if (min != ref_min || nat != ref_nat || base != ref_base)
        g_error ("%s at %d px: height %d/%d baseline %d, GtkLabel's %d/%d baseline %d",
                 what, widths[w], min, nat, base, ref_min, ref_nat, ref_base);
    }
}

/* Allocated at a width, the text it draws is laid out at that width and
 * fits the height it was given: no line is cut off. */
static void
assert_draws_within (Fixture    *f,
                     const char *what)
{
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      int min_width, height, drawn_height;
      int width;
      PangoLayout *layout;

      gtk_widget_measure (f->ours, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      width = MAX (widths[w], min_width);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
      gtk_widget_size_allocate (f->ours, &(GtkAllocation) { 0, 0, width, height }, -1);
      layout = gtk_label_get_layout (GTK_LABEL (f->ours));
      g_assert_cmpint (pango_layout_get_width (layout), ==, width * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &drawn_height);
      if (drawn_height > height)
        g_error ("%s at %d px: draws %d px of text in %d px", what, width, drawn_height, height);
    }
}

/* GTK measures a widget at widths it does not give it (a stack page, a
 * container trying sizes) and does not allocate it again when its size
 * is unchanged: the text drawn must stay laid out at the width given. */
static void
test_measuring_leaves_the_drawn_text (Fixture       *f,
                                      gconstpointer  data)
{
  gtk_label_set_text (GTK_LABEL (f->ours), texts[1]);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (f->ours));
      int min_width, height, drawn_height, other;
      int width;

      gtk_widget_measure (f->ours, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      width = MAX (widths[w], min_width);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
      gtk_widget_size_allocate (f->ours, &(GtkAllocation) { 0, 0, width, height }, -1);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, width / 2 + 7, &other, NULL, NULL, NULL);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, width * 2 + 3, &other, NULL, NULL, NULL);
      gtk_widget_size_allocate (f->ours, &(GtkAllocation) { 0, 0, width, height }, -1);
      layout = gtk_label_get_layout (GTK_LABEL (f->ours));
      g_assert_cmpint (pango_layout_get_width (layout), ==, width * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &drawn_height);
      g_assert_cmpint (drawn_height, <=, height);
    }
}

static void
set_both (Fixture    *f,
          const char *text)
{
  gtk_label_set_text (GTK_LABEL (f->ours), text);
  gtk_label_set_text (GTK_LABEL (f->reference), text);
}

static void
test_every_text_and_width (Fixture       *f,
                           gconstpointer  data)
{
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      set_both (f, texts[t]);
      assert_measures_like_gtklabel (f, texts[t]);
      assert_draws_within (f, texts[t]);
    }
}

/* Text set after the label was measured and drawn: the next measure is of
 * the new text, not the layout kept from the old one. */
static void
test_follows_text_changes (Fixture       *f,
                           gconstpointer  data)
{
  int short_height, long_height;

  set_both (f, texts[0]);
  assert_draws_within (f, "short text");
  gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, 180, &short_height, NULL, NULL, NULL);
  set_both (f, texts[1]);
  assert_measures_like_gtklabel (f, "short text, then long");
  gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, 180, &long_height, NULL, NULL, NULL);
  g_assert_cmpint (long_height, >, 2 * short_height);
  gtk_label_set_markup (GTK_LABEL (f->ours), "<b>Bold</b> and <small>small</small> text that wraps over more than one line at 180 px");
  gtk_label_set_markup (GTK_LABEL (f->reference), "<b>Bold</b> and <small>small</small> text that wraps over more than one line at 180 px");
  assert_measures_like_gtklabel (f, "markup");
}

/* A style that changes the font (the headline, larger text in the
 * desktop's settings) changes the answer, as it does GtkLabel's. */
static void
test_follows_font_changes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  int normal, large;

  gtk_css_provider_load_from_data (provider, ".msk-test-large { font-size: 2.5em; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  set_both (f, texts[1]);
  assert_draws_within (f, "normal size");
  gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, 333, &normal, NULL, NULL, NULL);
  gtk_widget_add_css_class (f->ours, "msk-test-large");
  gtk_widget_add_css_class (f->reference, "msk-test-large");
  wait_for_frames (f->window);
  assert_measures_like_gtklabel (f, "larger font");
  assert_draws_within (f, "larger font");
  gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, 333, &large, NULL, NULL, NULL);
  g_assert_cmpint (large, >, 2 * normal);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

/* A label whose wrapping is switched off after it was made (the Policy
 * view's link buttons inside text) is measured as GtkLabel measures it: on
 * one line, however wide its space. */
static void
test_wrapping_switched_off (Fixture       *f,
                            gconstpointer  data)
{
  gtk_label_set_wrap (GTK_LABEL (f->ours), FALSE);
  gtk_label_set_wrap (GTK_LABEL (f->reference), FALSE);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      PangoLayout *layout;
      int nat, ref_nat, height;

      set_both (f, texts[t]);
      assert_measures_like_gtklabel (f, texts[t]);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      gtk_widget_measure (f->reference, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &ref_nat, NULL, NULL);
      g_assert_cmpint (nat, ==, ref_nat);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_VERTICAL, nat, &height, NULL, NULL, NULL);
      gtk_widget_size_allocate (f->ours, &(GtkAllocation) { 0, 0, nat, height }, -1);
      layout = gtk_label_get_layout (GTK_LABEL (f->ours));
      g_assert_cmpint (pango_layout_get_width (layout), ==, -1);
      g_assert_false (pango_layout_is_wrapped (layout));
    }
}

/* A label as wide as its own text (centred, or a link's title in its
 * button) gets the natural width GtkLabel would give it, so a short title
 * stays on one line where there is room. */
static void
test_sized_by_its_text (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *title = _msk_wrapped_label_new ("", NULL);
  GtkWidget *reference = _msk_wrapped_label_new ("", NULL);
  GtkWidget *box = gtk_widget_get_parent (f->ours);

  gtk_widget_set_layout_manager (reference, NULL);
  gtk_button_set_child (GTK_BUTTON (button), title);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), reference);
  gtk_widget_set_halign (f->ours, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (f->reference, GTK_ALIGN_CENTER);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      int nat, ref_nat;

      set_both (f, texts[t]);
      assert_measures_like_gtklabel (f, texts[t]);
      gtk_widget_measure (f->ours, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      gtk_widget_measure (f->reference, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &ref_nat, NULL, NULL);
      g_assert_cmpint (nat, ==, ref_nat);

      gtk_label_set_text (GTK_LABEL (title), texts[t]);
      gtk_label_set_text (GTK_LABEL (reference), texts[t]);
      gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      gtk_widget_measure (reference, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &ref_nat, NULL, NULL);
      g_assert_cmpint (nat, ==, ref_nat);
    }
}

/* In a window the frame clock lays out, the label draws the layout it was
 * measured with, at the width it was given, and the window keeps it whole
 * as the window narrows and widens. */
static void
test_in_a_window (Fixture       *f,
                  gconstpointer  data)
{
  static const int window_widths[] = { 700, 240, 1000, 330 };

  set_both (f, texts[1]);
  for (guint w = 0; w < G_N_ELEMENTS (window_widths); w++)
    {
      PangoLayout *layout;
      int drawn_height;

      gtk_window_set_default_size (GTK_WINDOW (f->window), window_widths[w], 50);
      wait_for_frames (f->window);
      layout = gtk_label_get_layout (GTK_LABEL (f->ours));
      g_assert_cmpint (gtk_widget_get_width (f->ours), ==, gtk_widget_get_width (f->reference));
      g_assert_cmpint (gtk_widget_get_height (f->ours), ==, gtk_widget_get_height (f->reference));
      g_assert_cmpint (pango_layout_get_width (layout), ==, gtk_widget_get_width (f->ours) * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &drawn_height);
      g_assert_cmpint (drawn_height, <=, gtk_widget_get_height (f->ours));
      if (window_widths[w] < 500)
        g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
    }
}

/* The app's templates: every label that wraps gets MskWrapLayout. */
static void
test_templates_get_it (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *wrapped = gtk_label_new ("wraps");
  GtkWidget *plain = gtk_label_new ("does not wrap");
  GtkWidget *cut = gtk_label_new ("ellipsized");

  g_object_ref_sink (box);
  gtk_label_set_wrap (GTK_LABEL (wrapped), TRUE);
  gtk_label_set_wrap (GTK_LABEL (cut), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (cut), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), wrapped);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_box_append (GTK_BOX (box), cut);
  _msk_wrapped_labels_measure_once (box);
  g_assert_true (MSK_IS_WRAP_LAYOUT (gtk_widget_get_layout_manager (wrapped)));
  g_assert_null (gtk_widget_get_layout_manager (plain));
  g_assert_null (gtk_widget_get_layout_manager (cut));
  g_object_unref (box);
}

#define ADD(path, test) \
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ADD ("/wrap-layout/every-text-and-width", test_every_text_and_width);
  ADD ("/wrap-layout/follows-text-changes", test_follows_text_changes);
  ADD ("/wrap-layout/follows-font-changes", test_follows_font_changes);
  ADD ("/wrap-layout/measuring-leaves-the-drawn-text", test_measuring_leaves_the_drawn_text);
  ADD ("/wrap-layout/wrapping-switched-off", test_wrapping_switched_off);
  ADD ("/wrap-layout/sized-by-its-text", test_sized_by_its_text);
  ADD ("/wrap-layout/in-a-window", test_in_a_window);
  g_test_add_func ("/wrap-layout/templates-get-it", test_templates_get_it);
  return g_test_run ();
}
