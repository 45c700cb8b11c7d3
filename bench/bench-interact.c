/* bench-interact.c — how long a click takes to reach the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the app's own window in-process, as tests/gui/test-window.c does,
 * and times each interaction from the change to the end of the next frame
 * (GdkFrameClock::after-paint), against a window with one check button
 * whose only change is its tick.
 *
 *   bench-interact app|baseline [--runs N]
 *
 * app       tick        a concern ticked and unticked, knee chosen
 *           region      the region switched between knee and lumbar spine,
 *                       nothing ticked (a routine patient)
 *           region-flagged  the same with the first red flag ticked
 *           focus       the focus moved between two drop-downs, nothing
 *                       else changed: the floor of a frame in this window
 *           policy      the first switch to the Policy view (once)
 *           search      a word typed into the policy search
 *           menu        the main menu's first opening (its popover is
 *                       built then), to the popover's first frame
 *           shortcuts   the shortcuts window's first showing (built then),
 *                       to its first frame
 *           after-start (before the others) the app's own work after its
 *                       first frame: the Policy view built, not shown, its
 *                       text made and its fonts loaded, the menu's popover; wall time until it is built, and
 *                       instructions (all threads) until 300 ms later (3 s
 *                       under valgrind), for the threads that work starts
 * baseline  tick        the one check button ticked and unticked
 * baseline-label  tick  the same, where the tick also changes the text of
 *                       a label below it: issue 14's own baseline ("a
 *                       same-size window whose check button changes one
 *                       label")
 *
 * Prints one line per interaction: `NAME wall_us=N`. Each interaction waits
 * 40 ms after the last frame first, so the frame clock paints the change at
 * once instead of waiting for its next slot. Under
 * `valgrind --tool=callgrind` each interaction's instructions, change to
 * after-paint, go to a dump of its own (CALLGRIND_DUMP_STATS_AT "NAME");
 * bench/run reads them.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) ((void) (name))
#define RUNNING_ON_VALGRIND 0
#endif

#include "msk-application.h"
#include "msk-concern-row.h"
#include "msk-policy-view.h"
#include "msk-request-form.h"
#include "msk-window.h"

/* Long enough that the frame clock's next slot has passed. */
#define SETTLE_MS 40
/* A frame that has not come by then is a failure, not a slow frame. */
#define FRAME_TIMEOUT_S 10

typedef struct _Bench Bench;
typedef void     (*ActFunc)  (Bench *b, guint i);
typedef gboolean (*DoneFunc) (Bench *b);

typedef struct {
  const char *name;
  guint       times;
  ActFunc     prepare;  /* untimed, before the first time; may be NULL */
  ActFunc     act;
  DoneFunc    done;     /* NULL: act() itself makes the change */
  /* The surface whose frame ends the interaction, once act() has run;
   * NULL: the main window's. */
  GtkWidget *(*shown) (Bench *b);
  ActFunc     finish;   /* untimed, after each time; may be NULL */
} Step;

struct _Bench {
  GtkApplication *app;
  GtkWindow      *window;
  GdkFrameClock  *clock;
  MskPolicy      *policy;
  GtkWidget      *check;      /* baseline: the check button */
  gboolean        with_label; /* baseline-label */
  GtkWidget      *label;      /* baseline-label: the label it changes */
  const Step     *steps;
  guint           n_steps;
  guint           step;
  guint           repeat;
  gboolean        prepared;
  gint64          start;
  GdkFrameClock  *waiting;    /* the clock whose after-paint ends a step */
  gulong          paint_id;
  guint           timeout_id;
  char           *before;     /* search: the match count before typing */
  int             status;
};

static GtkWidget *
template_child (GtkWidget  *widget,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  if (object == NULL)
    g_error ("bench-interact: no template child %s", name);
  return GTK_WIDGET (object);
}

static GtkWidget *
form (Bench *b)
{
  return template_child (GTK_WIDGET (b->window), MSK_TYPE_WINDOW, "request_form");
}

static void
choose (Bench      *b,
        const char *dropdown_name,
        const char *item_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (template_child (form (b), MSK_TYPE_REQUEST_FORM, dropdown_name));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item_label) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("bench-interact: %s offers no “%s”", dropdown_name, item_label);
}

static const char *
region_label (Bench      *b,
              const char *id)
{
  const MskRegion *region = msk_policy_find_region (b->policy, id);

  if (region == NULL)
    g_error ("bench-interact: the policy has no region %s", id);
  return region->label;
}

/* The first concern the user can tick with the region chosen. */
static GtkWidget *
first_concern_check (Bench *b)
{
  GtkWidget *box = template_child (form (b), MSK_TYPE_REQUEST_FORM, "concerns_box");

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = template_child (row, MSK_TYPE_CONCERN_ROW, "check");

      if (gtk_widget_get_mapped (check) && gtk_widget_is_sensitive (check))
        return check;
    }
  g_error ("bench-interact: no concern can be ticked");
}

static GtkWidget *
policy_view (Bench *b)
{
  return gtk_widget_get_first_child (template_child (GTK_WIDGET (b->window), MSK_TYPE_WINDOW, "policy_page"));
}

/* ---- the interactions ---------------------------------------------------- */

static void
tick_concern (Bench *b,
              guint  i)
{
  gtk_widget_activate (first_concern_check (b));
}

/* From whichever of the two the form shows, to the other: a change every
 * time. Choosing by the run number made the first change of a step a no-op
 * whenever the step before it had left the other region chosen (an odd
 * --runs; callgrind's --runs 3 counted a frame with nothing in it). */
static void
switch_region (Bench *b,
               guint  i)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (template_child (form (b), MSK_TYPE_REQUEST_FORM, "region_dropdown"));
  GObject *shown = gtk_drop_down_get_selected_item (dropdown);
  const char *lumbar = region_label (b, "lumbar_spine");
  gboolean on_lumbar = GTK_IS_STRING_OBJECT (shown)
                       && g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (shown)), lumbar) == 0;

  choose (b, "region_dropdown", on_lumbar ? region_label (b, "knee") : lumbar);
}

static void
show_policy (Bench *b,
             guint  i)
{
  gtk_stack_set_visible_child_name (GTK_STACK (template_child (GTK_WIDGET (b->window), MSK_TYPE_WINDOW, "stack")),
                                    "policy");
}

static GtkLabel *
match_label (Bench *b)
{
  return GTK_LABEL (template_child (policy_view (b), MSK_TYPE_POLICY_VIEW, "match_label"));
}

static void
type_search (Bench *b,
             guint  i)
{
  GtkWidget *entry = template_child (policy_view (b), MSK_TYPE_POLICY_VIEW, "search_entry");

  g_free (b->before);
  b->before = g_strdup (gtk_label_get_text (match_label (b)));
  gtk_editable_set_text (GTK_EDITABLE (entry), i % 2 == 0 ? "sarcoma" : "cauda equina");
}

/* As after Ctrl+F, with the search bar open. The entry's 150 ms typing
 * delay is set to 0: what is timed is the search and its frame, not the
 * pause GTK leaves for the next keystroke. */
static void
open_search (Bench *b,
             guint  i)
{
  GtkWidget *entry = template_child (policy_view (b), MSK_TYPE_POLICY_VIEW, "search_entry");

  msk_policy_view_start_search (MSK_POLICY_VIEW (policy_view (b)));
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
}

/* A region chosen, so concerns and the decision have their full content. */
static void
choose_knee (Bench *b,
             guint  i)
{
  choose (b, "region_dropdown", region_label (b, "knee"));
}

/* The region changes below are measured in a known state, whatever number
 * of ticks came before (an odd --runs used to leave the red flag ticked,
 * and the region change then changed almost nothing in the pane). */
static void
set_first_concern (Bench   *b,
                   gboolean active)
{
  GtkWidget *check = first_concern_check (b);

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != active)
    gtk_widget_activate (check);
}

/* A routine patient: nothing ticked, so the region decides what the pane
 * says (the spinal rationale and safety net come and go). */
static void
untick_concern (Bench *b,
                guint  i)
{
  set_first_concern (b, FALSE);
}

/* A red flag ticked: the region changes little in the pane. */
static void
tick_concern_first (Bench *b,
                    guint  i)
{
  set_first_concern (b, TRUE);
}

/* The floor of a frame in this window: the focus moves between two fields
 * and nothing else changes, so only its focus ring moves. GTK 4.8's
 * cairo renderer still walks the window's whole render tree, clipped, and
 * what a form change costs above this is the change itself. */
static void
move_focus (Bench *b,
            guint  i)
{
  /* As after a key press: the focus ring is drawn (GTK hides it a few
   * seconds after the last key, and a pointer-driven focus draws none). */
  gtk_window_set_focus_visible (b->window, TRUE);
  gtk_widget_grab_focus (template_child (form (b), MSK_TYPE_REQUEST_FORM,
                                         i % 2 == 0 ? "borough_dropdown" : "region_dropdown"));
}

static gboolean
search_done (Bench *b)
{
  return g_strcmp0 (gtk_label_get_text (match_label (b)), b->before) != 0;
}

static GtkMenuButton *
menu_button (Bench *b)
{
  return GTK_MENU_BUTTON (template_child (GTK_WIDGET (b->window), MSK_TYPE_WINDOW, "menu_button"));
}

static void
open_menu (Bench *b,
           guint  i)
{
  gtk_menu_button_popup (menu_button (b));
}

static GtkWidget *
menu_popover (Bench *b)
{
  return GTK_WIDGET (gtk_menu_button_get_popover (menu_button (b)));
}

static void
close_menu (Bench *b,
            guint  i)
{
  gtk_menu_button_popdown (menu_button (b));
}

static void
open_shortcuts (Bench *b,
                guint  i)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (b->window), "win.show-help-overlay", NULL))
    g_error ("bench-interact: win.show-help-overlay is missing");
}

static GtkWidget *
shortcuts_window (Bench *b)
{
  return GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (b->window)));
}

static void
close_shortcuts (Bench *b,
                 guint  i)
{
  gtk_widget_set_visible (shortcuts_window (b), FALSE);
}

static void
toggle_check (Bench *b,
              guint  i)
{
  gtk_widget_activate (b->check);
}

static const Step app_steps[] = {
  { "tick", 10, choose_knee, tick_concern, NULL, NULL, NULL },
  { "region", 10, untick_concern, switch_region, NULL, NULL, NULL },
  { "region-flagged", 10, tick_concern_first, switch_region, NULL, NULL, NULL },
  { "focus", 10, NULL, move_focus, NULL, NULL, NULL },
  { "policy", 1, NULL, show_policy, NULL, NULL, NULL },
  { "search", 10, open_search, type_search, search_done, NULL, NULL },
  { "menu", 1, NULL, open_menu, NULL, menu_popover, close_menu },
  { "shortcuts", 1, NULL, open_shortcuts, NULL, shortcuts_window, close_shortcuts },
};

static const Step baseline_steps[] = {
  { "tick", 10, NULL, toggle_check, NULL, NULL, NULL },
};

/* ---- the loop: act, wait for the frame, settle, next ---------------------- */

static gboolean run_next_cb (gpointer user_data);

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  const Step *step = &b->steps[b->step];
  gint64 wall;

  if (step->done != NULL && !step->done (b))
    return;
  wall = g_get_monotonic_time () - b->start;
  CALLGRIND_DUMP_STATS_AT (step->name);
  g_clear_signal_handler (&b->paint_id, clock);
  g_clear_object (&b->waiting);
  g_clear_handle_id (&b->timeout_id, g_source_remove);
  printf ("%s wall_us=%" G_GINT64_FORMAT "\n", step->name, wall);
  fflush (stdout);
  if (step->finish != NULL)
    step->finish (b, b->repeat);

  if (++b->repeat == step->times)
    {
      b->repeat = 0;
      b->prepared = FALSE;
      b->step++;
    }
  g_timeout_add (SETTLE_MS, run_next_cb, b);
}

static gboolean
frame_timeout_cb (gpointer user_data)
{
  Bench *b = user_data;

  b->timeout_id = 0;
  fprintf (stderr, "bench-interact: no frame after %s\n", b->steps[b->step].name);
  b->status = 1;
  g_application_quit (G_APPLICATION (b->app));
  return G_SOURCE_REMOVE;
}

static void
wait_for_frame (Bench         *b,
                GdkFrameClock *clock)
{
  b->waiting = g_object_ref (clock);
  b->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), b);
}

static gboolean
run_next_cb (gpointer user_data)
{
  Bench *b = user_data;
  const Step *step;

  if (b->step == b->n_steps)
    {
      gtk_window_destroy (b->window);
      return G_SOURCE_REMOVE;
    }
  step = &b->steps[b->step];
  if (!b->prepared)
    {
      b->prepared = TRUE;
      if (step->prepare != NULL)
        {
          step->prepare (b, 0);
          g_timeout_add (SETTLE_MS * 5, run_next_cb, b);
          return G_SOURCE_REMOVE;
        }
    }
  b->timeout_id = g_timeout_add_seconds (FRAME_TIMEOUT_S, frame_timeout_cb, b);
  CALLGRIND_ZERO_STATS;
  b->start = g_get_monotonic_time ();
  if (step->shown == NULL)
    wait_for_frame (b, b->clock);
  step->act (b, b->repeat);
  if (step->shown != NULL)
    {
      /* A popover or a window of its own: realized by act(), painted by
       * its own frame clock. */
      GtkWidget *shown = step->shown (b);

      if (shown == NULL || gtk_widget_get_frame_clock (shown) == NULL)
        g_error ("bench-interact: %s showed nothing", step->name);
      wait_for_frame (b, gtk_widget_get_frame_clock (shown));
    }
  return G_SOURCE_REMOVE;
}

/* Whether the window has built its Policy view after its first frame
 * (msk-window.c, prepare_after_first_frame_cb); its text, its fonts and
 * the menu's popover follow in the next idles. */
static gboolean
policy_view_prepared (Bench *b)
{
  return gtk_widget_get_first_child (template_child (GTK_WIDGET (b->window), MSK_TYPE_WINDOW, "policy_page")) != NULL;
}

static gboolean
after_start_done_cb (gpointer user_data)
{
  Bench *b = user_data;

  CALLGRIND_DUMP_STATS_AT ("after-start");
  g_timeout_add (SETTLE_MS * 5, run_next_cb, b);
  return G_SOURCE_REMOVE;
}

/* The app's work after its first frame, while the GP reads it (the Policy
 * view prepared): its instructions, and the time until it is done. The
 * interactions are measured after it, with the threads it started (icons
 * and fonts) given time to finish, as a GP's first click comes later. */
static gboolean
wait_after_start_cb (gpointer user_data)
{
  Bench *b = user_data;

  if (!policy_view_prepared (b))
    {
      if (g_get_monotonic_time () - b->start > FRAME_TIMEOUT_S * G_USEC_PER_SEC)
        {
          fprintf (stderr, "bench-interact: the Policy view was not prepared after the first frame\n");
          b->status = 1;
          g_application_quit (G_APPLICATION (b->app));
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  printf ("after-start wall_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - b->start);
  fflush (stdout);
  g_timeout_add (RUNNING_ON_VALGRIND ? 3000 : 300, after_start_done_cb, b);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  g_clear_signal_handler (&b->paint_id, clock);
  if (b->check != NULL)
    {
      g_timeout_add (SETTLE_MS * 5, run_next_cb, b);
      return;
    }
  CALLGRIND_ZERO_STATS;
  b->start = g_get_monotonic_time ();
  g_timeout_add (1, wait_after_start_cb, b);
}

static void
window_mapped_cb (GtkWidget *window,
                  Bench     *b)
{
  b->clock = gtk_widget_get_frame_clock (window);
  b->paint_id = g_signal_connect (b->clock, "after-paint", G_CALLBACK (first_paint_cb), b);
}

static void
app_activated_cb (GApplication *app,
                  Bench        *b)
{
  b->window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_signal_connect (b->window, "map", G_CALLBACK (window_mapped_cb), b);
  if (gtk_widget_get_mapped (GTK_WIDGET (b->window)))
    window_mapped_cb (GTK_WIDGET (b->window), b);
}

static void
baseline_toggled_cb (GtkCheckButton *check,
                     Bench          *b)
{
  gtk_label_set_text (GTK_LABEL (b->label),
                      gtk_check_button_get_active (check) ? "Ticked" : "Not ticked");
}

static void
baseline_activate_cb (GtkApplication *app,
                      Bench          *b)
{
  b->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_default_size (b->window, 1100, 760);
  gtk_window_set_titlebar (b->window, gtk_header_bar_new ());
  b->check = gtk_check_button_new_with_label ("Tick me");
  gtk_widget_set_halign (b->check, GTK_ALIGN_CENTER);
  if (b->with_label)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      b->label = gtk_label_new ("Not ticked");
      gtk_box_append (GTK_BOX (box), b->check);
      gtk_box_append (GTK_BOX (box), b->label);
      g_signal_connect (b->check, "toggled", G_CALLBACK (baseline_toggled_cb), b);
      gtk_window_set_child (b->window, box);
    }
  else
    gtk_window_set_child (b->window, b->check);
  g_signal_connect (b->window, "map", G_CALLBACK (window_mapped_cb), b);
  gtk_window_present (b->window);
}

int
main (int   argc,
      char *argv[])
{
  Bench b = { 0 };
  gboolean app_mode;
  guint runs = 0;

  if (argc >= 4 && g_str_equal (argv[2], "--runs"))
    runs = (guint) atoi (argv[3]);
  if (argc < 2 || !(g_str_equal (argv[1], "app") || g_str_equal (argv[1], "baseline") ||
                    g_str_equal (argv[1], "baseline-label")))
    {
      fprintf (stderr, "usage: bench-interact app|baseline|baseline-label [--runs N]\n");
      return 2;
    }
  app_mode = g_str_equal (argv[1], "app");

  if (app_mode)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 15, 1, 2026);
      b.policy = msk_policy_new_bundled (NULL);
      b.app = GTK_APPLICATION (msk_application_new (NULL, &today));
      g_signal_connect_after (b.app, "activate", G_CALLBACK (app_activated_cb), &b);
      b.steps = app_steps;
      b.n_steps = G_N_ELEMENTS (app_steps);
    }
  else
    {
      b.app = gtk_application_new ("org.nel.MskMriAdvisor.BenchInteract", G_APPLICATION_NON_UNIQUE);
      /* As the app and bench/bare-window: nothing loaded by itself. */
      g_application_set_resource_base_path (G_APPLICATION (b.app), NULL);
      if (g_str_equal (argv[1], "baseline-label"))
        b.with_label = TRUE;
      g_signal_connect (b.app, "activate", G_CALLBACK (baseline_activate_cb), &b);
      b.steps = baseline_steps;
      b.n_steps = G_N_ELEMENTS (baseline_steps);
    }
  if (runs > 0)
    {
      /* --runs N: N of each repeated interaction (the first Policy view
       * happens once per process whatever N is). */
      Step *steps = g_memdup2 (b.steps, b.n_steps * sizeof (Step));

      for (guint i = 0; i < b.n_steps; i++)
        if (steps[i].times > 1)
          steps[i].times = runs;
      b.steps = steps;
    }

  g_application_run (G_APPLICATION (b.app), 1, argv);
  g_clear_object (&b.app);
  g_clear_pointer (&b.policy, msk_policy_unref);
  g_free (b.before);
  return b.status;
}
