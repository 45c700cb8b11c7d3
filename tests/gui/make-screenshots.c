/* make-screenshots.c — renders the window in a realistic state to PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: it refreshes docs/screenshots/. Under Xvfb, from the top:
 *   ninja -C BUILD tests/gui/make-screenshots
 *   dbus-run-session -- BUILD/tests/gui/make-screenshots decide docs/screenshots/decide-light.png
 *   make-screenshots decide|refer|emergency|urgent|permitted|policy|changed|refused|preview OUT.png [WIDTHxHEIGHT]
 * ("decide" is "refer": one screenshot per outcome kind; "changed" is the
 * moment after CES is ticked on a scrolled pane; "refused" is Ctrl+P on
 * an empty form; "preview" the print preview window of Ctrl+Shift+P.)
 * with GTK_THEME=Adwaita:dark for the dark style.
 * The window draws itself into a texture, so no window manager or screen
 * grab is needed and the picture is exactly the window.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <gtk/gtk.h>

#include "msk-application.h"
#include "msk-concern-row.h"
#include "msk-gui-test-util.h"
#include "msk-policy-view.h"
#include "msk-print-preview.h"
#include "msk-request-form.h"
#include "msk-window.h"

static const char *view;
static const char *out_path;
static int window_width = 1200, window_height = 780;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
choose (GtkWidget  *form,
        const char *dropdown_name,
        const char *item_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (form, MSK_TYPE_REQUEST_FORM, dropdown_name));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item_label) == 0)
      gtk_drop_down_set_selected (dropdown, i);
}

static void
tick (GtkWidget        *form,
      const MskConcern *concern)
{
  GtkWidget *concerns = GTK_WIDGET (gtk_widget_get_template_child (form, MSK_TYPE_REQUEST_FORM, "concerns_box"));

  for (GtkWidget *row = gtk_widget_get_first_child (concerns); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (msk_concern_row_get_concern (MSK_CONCERN_ROW (row))->id, concern->id))
      msk_concern_row_set_active (MSK_CONCERN_ROW (row), TRUE);
}

static void
save (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert (node != NULL);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, out_path))
    g_error ("could not write %s", out_path);
}

static gboolean
tick_ces_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkWidget *form = GTK_WIDGET (gtk_widget_get_template_child (window, MSK_TYPE_WINDOW, "request_form"));
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);

  tick (form, msk_policy_find_concern (policy, "suspected_ces"));
  return G_SOURCE_REMOVE;
}

static gboolean
scroll_down_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkWidget *pane = GTK_WIDGET (gtk_widget_get_template_child (window, MSK_TYPE_WINDOW, "decision_pane"));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (pane, GTK_TYPE_SCROLLED_WINDOW)));

  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  return G_SOURCE_REMOVE;
}

static gboolean
shoot_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkWidget *shown = window;
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The print preview, when one is open, rather than the main window. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (MSK_IS_PRINT_PREVIEW (toplevel))
        shown = GTK_WIDGET (toplevel);
    }
  save (shown);
  if (shown != window)
    gtk_window_destroy (GTK_WINDOW (shown));
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              gpointer      user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *form = GTK_WIDGET (gtk_widget_get_template_child (window, MSK_TYPE_WINDOW, "request_form"));
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, MSK_TYPE_WINDOW, "stack"));
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), window_width, window_height);
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  /* A GP in Newham with knee pain and no red flags. */
  choose (form, "requester_dropdown", msk_policy_find_requester (policy, "gp")->label);
  choose (form, "borough_dropdown", msk_policy_find_borough (policy, "newham")->label);
  choose (form, "region_dropdown", msk_policy_find_region (policy, "knee")->label);

  if (g_str_equal (view, "policy"))
    {
      GtkWidget *policy_view, *policy_page;
      GtkEditable *entry;

      /* The window builds the Policy view when its page is first shown. */
      gtk_stack_set_visible_child_name (stack, "policy");
      policy_page = GTK_WIDGET (gtk_widget_get_template_child (window, MSK_TYPE_WINDOW, "policy_page"));
      policy_view = gtk_widget_get_first_child (policy_page);
      entry = GTK_EDITABLE (gtk_widget_get_template_child (policy_view, MSK_TYPE_POLICY_VIEW, "search_entry"));
      msk_policy_view_start_search (MSK_POLICY_VIEW (policy_view));
      gtk_editable_set_text (entry, "sarcoma");
    }
  else if (g_str_equal (view, "emergency"))
    {
      /* Lower back pain with suspected cauda equina syndrome. */
      choose (form, "region_dropdown", msk_policy_find_region (policy, "lumbar_spine")->label);
      tick (form, msk_policy_find_concern (policy, "suspected_ces"));
      gtk_stack_set_visible_child_name (stack, "decide");
    }
  else if (g_str_equal (view, "urgent"))
    {
      /* A knee lump that could be a sarcoma. */
      tick (form, msk_policy_find_concern (policy, "suspected_sarcoma"));
      gtk_stack_set_visible_child_name (stack, "decide");
    }
  else if (g_str_equal (view, "permitted"))
    {
      /* An FCP under the community service's governance. */
      GtkCheckButton *governance = GTK_CHECK_BUTTON (gtk_widget_get_template_child (form, MSK_TYPE_REQUEST_FORM, "governance_check"));

      choose (form, "requester_dropdown", msk_policy_find_requester (policy, "fcp")->label);
      choose (form, "region_dropdown", msk_policy_find_region (policy, "shoulder")->label);
      gtk_check_button_set_active (governance, TRUE);
      gtk_stack_set_visible_child_name (stack, "decide");
    }
  else if (g_str_equal (view, "changed"))
    {
      /* Reading "Why" at the bottom of the pane, then ticking CES. */
      gtk_stack_set_visible_child_name (stack, "decide");
      g_timeout_add (2400, scroll_down_cb, window);
      g_timeout_add (2800, tick_ces_cb, window);
      g_timeout_add (3000, shoot_cb, window);
      return;
    }
  else if (g_str_equal (view, "preview"))
    {
      /* Ctrl+Shift+P on the emergency decision. */
      choose (form, "region_dropdown", msk_policy_find_region (policy, "lumbar_spine")->label);
      tick (form, msk_policy_find_concern (policy, "suspected_ces"));
      gtk_stack_set_visible_child_name (stack, "decide");
      spin ();
      msk_test_press_shortcut (window, "<Control><Shift>p", FALSE);
    }
  else if (g_str_equal (view, "refused"))
    {
      /* Ctrl+P on a form with nothing to print yet. */
      choose (form, "region_dropdown", "Choose…");
      choose (form, "borough_dropdown", "Choose…");
      gtk_stack_set_visible_child_name (stack, "decide");
      spin ();
      msk_test_press_shortcut (window, "<Control>p", FALSE);
    }
  else
    gtk_stack_set_visible_child_name (stack, "decide");

  spin ();
  /* Past the search entry's typing delay, the stack's crossfade and the
   * two seconds a changed outcome stays marked. */
  g_timeout_add (2600, shoot_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskApplication) app = NULL;
  GDate today;

  setlocale (LC_ALL, "C.UTF-8");
  if (argc < 3 || argc > 4 ||
      (argc == 4 && sscanf (argv[3], "%dx%d", &window_width, &window_height) != 2))
    {
      g_printerr ("usage: %s decide|refer|emergency|urgent|permitted|policy|changed|refused|preview OUT.png [WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }
  view = argv[1];
  out_path = argv[2];
  g_assert (msk_parse_iso_date ("2026-01-15", &today));
  gtk_init ();

  app = msk_application_new (NULL, &today);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
