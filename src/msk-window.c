/* msk-window.c — the main window: decide and read the policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the policy in force and "today", re-evaluates on every
 * edit of the form and hands the decision to the pane and to printing. Only
 * the window's size and the last view go to GSettings; nothing about a
 * patient is ever stored.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-clamp.h"
#include "msk-decision-pane.h"
#include "msk-policy-source.h"
#include "msk-policy-view.h"
#include "msk-print.h"
#include "msk-request-form.h"
#include "msk-utils-private.h"
#include "msk-window.h"
#include "msk-concern-row.h"

/* How many lines of a refused file's errors the banner shows. */
#define BANNER_MAX_ERRORS 3
/* Long enough to read a short sentence, short enough not to linger. */
#define TOAST_SECONDS 4
/* Where a file went is a path to read and perhaps to note down. */
#define SAVED_TOAST_SECONDS 10

struct _MskWindow
{
  GtkApplicationWindow  parent_instance;

  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkStack             *stack;
  MskRequestForm       *request_form;
  MskDecisionPane      *decision_pane;
  GtkBox               *policy_page;
  MskPolicyView        *policy_view;  /* NULL until the page is first shown, or prepared */
  guint                 prepare_id;   /* what the first frame does not show, built in idle time */
  guint                 prepare_step; /* the part of it to build next */
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkStackSwitcher     *view_switcher;
  /* Where the GP last had the focus in each view, to go back to (weak),
   * and the view shown as this window last knew it: GtkStack moves the
   * focus into a view it shows before it says so, and that move is not
   * the GP's. */
  GtkWidget            *decide_focus;
  GtkWidget            *policy_focus;
  const char           *shown_view;  /* interned */
  GtkScrolledWindow    *form_scroller;
  GtkRevealer          *toast_revealer;
  GtkLabel             *toast_label;
  guint                 toast_timeout_id;
  /* The last input was a key, not a pointer: the focus moved by the
   * keyboard (focus_widget_changed_cb). */
  gboolean              by_keyboard;
  guint                 card_tick_id;
  /* What this window last put on the clipboard, while it is still there
   * (weak: the clipboard drops it when anyone copies anything else). */
  GdkContentProvider   *copied;

  GSettings            *settings;
  MskPolicy            *policy;
  GDate                 today;
  MskDecision          *decision;
};

G_DEFINE_FINAL_TYPE (MskWindow, msk_window, GTK_TYPE_APPLICATION_WINDOW)

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without the schema installed must still
   * work: the window then simply forgets its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s not installed; window state will not be kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
update_actions (MskWindow *self)
{
  gboolean complete = self->decision != NULL && !msk_decision_is_incomplete (self->decision);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-text", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.patient-sheet", complete);
}

static void
evaluate (MskWindow *self)
{
  g_autoptr(MskRequest) request = msk_request_form_get_request (self->request_form);

  g_clear_pointer (&self->decision, msk_decision_unref);
  self->decision = msk_evaluate (self->policy, request, &self->today);
  msk_decision_pane_set_decision (self->decision_pane, self->decision);
  update_actions (self);
}

/* The decision to print or copy: the one shown, made again with the form
 * as it is now, so the clinical note typed since is in it. */
static MskDecision *
decision_for_summary (MskWindow *self)
{
  g_autoptr(MskRequest) request = msk_request_form_get_request (self->request_form);

  return msk_evaluate (self->policy, request, &self->today);
}

static void
show_refusals (MskWindow *self,
               GPtrArray *refusals)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *source = msk_policy_describe_source (self->policy);

  /* A policy in force that is not the one built into the app is named, path
   * and fingerprint, for as long as the window is open (issue #11). */
  if (source != NULL)
    {
      /* Translators: %s says which file the policy came from and its fingerprint */
      g_string_append_printf (text, _("Note: %s."), source);
    }
  if ((refusals == NULL || refusals->len == 0) && text->len == 0)
    return;

  for (guint i = 0; refusals != NULL && i < refusals->len; i++)
    {
      const MskRefusal *refusal = g_ptr_array_index (refusals, i);
      g_auto(GStrv) lines = g_strsplit (refusal->error->message, "\n", -1);
      guint n_lines = g_strv_length (lines);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      /* Translators: %s is the path of a policy file that failed validation */
      g_string_append_printf (text, _("The policy file “%s” was refused, so the policy built into the app is in use. Problems found:"),
                              refusal->path);
      for (guint j = 0; j < n_lines && j < BANNER_MAX_ERRORS; j++)
        g_string_append_printf (text, "\n• %s", lines[j]);
      if (n_lines > BANNER_MAX_ERRORS)
        g_string_append_printf (text,
                                /* Translators: more errors than the banner lists */
                                g_dngettext (GETTEXT_PACKAGE, "\n…and %u more problem. Run “msk-mri-advisor --validate-policy FILE” to see them all.",
                                             "\n…and %u more problems. Run “msk-mri-advisor --validate-policy FILE” to see them all.",
                                             n_lines - BANNER_MAX_ERRORS),
                                n_lines - BANNER_MAX_ERRORS);
    }
  gtk_label_set_text (self->banner_label, text->str);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static gboolean
hide_toast_cb (gpointer user_data)
{
  MskWindow *self = user_data;

  self->toast_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* A brief note that something happened which shows nothing by itself,
 * such as copying to the clipboard. */
static void
show_toast_for (MskWindow  *self,
                const char *text,
                guint       seconds)
{
  gtk_label_set_text (self->toast_label, text);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  self->toast_timeout_id = g_timeout_add_seconds (seconds, hide_toast_cb, self);
}

static void
show_toast (MskWindow  *self,
            const char *text)
{
  show_toast_for (self, text, TOAST_SECONDS);
}

/* Forgets the summary on the clipboard when nobody has copied anything
 * since: the next patient must not be pasted with the last one's note.
 * Only the app's own content is compared (a local provider can be read
 * back at once, where reading the clipboard is asynchronous), and
 * whatever else the user copied is left alone. */
static gboolean
forget_copied_summary (MskWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  gboolean ours = self->copied != NULL && gdk_clipboard_is_local (clipboard) &&
                  gdk_clipboard_get_content (clipboard) == self->copied;

  if (ours)
    gdk_clipboard_set_content (clipboard, NULL);
  g_clear_weak_pointer (&self->copied);
  return ours;
}

/* Print, copy, export and preview need a decision. Their buttons and menu
 * items are greyed out until there is one, but a shortcut pressed then
 * would do nothing at all; it says what is missing instead. */
static gboolean
needs_decision (MskWindow  *self,
                const char *what)
{
  const char *missing;
  g_autofree char *text = NULL;

  if (self->decision == NULL || !msk_decision_is_incomplete (self->decision))
    return FALSE;
  missing = msk_decision_get_missing (self->decision);
  /* Translators: %s is what was asked for ("Nothing to print"); then what
   * the form still needs, from the policy */
  text = g_strdup_printf (_("%s yet. %s"), what,
                          missing != NULL ? missing : _("Fill in the form first."));
  show_toast (self, text);
  return TRUE;
}

/* Only the window's own state, never anything from the form. */
static void
save_window_state (MskWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      MskWindow     *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

/* The popover is built after the first frame, which shows only the
 * button (prepare_after_first_frame_cb), or on first open if that comes
 * first. GtkMenuButton calls this on every open. */
static void
create_menu_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  MskWindow *self = MSK_WINDOW (user_data);

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The Policy view is built after the first frame, which shows the Decide
 * page (prepare_after_first_frame_cb), or when its page is first shown if
 * that comes first: its widgets cost about 11 M instructions. */
static MskPolicyView *
ensure_policy_view (MskWindow *self)
{
  if (self->policy_view == NULL && self->policy != NULL)
    {
      self->policy_view = MSK_POLICY_VIEW (msk_policy_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->policy_view), TRUE);
      msk_policy_view_set_policy (self->policy_view, self->policy);
      gtk_box_append (self->policy_page, GTK_WIDGET (self->policy_view));
    }
  return self->policy_view;
}

/* While the GP reads the first frame, the Policy view is built (not
 * shown), its text made and its fonts loaded, and the main menu's popover
 * built, so that the Policy view's first showing is its layout and
 * drawing (issue 14: the first switch was 103.6 M instructions, 23 ms on
 * this machine, and is 60.9 M; see docs/performance.md). One part per
 * idle, at low priority: a key, a click or a frame waits for one part at
 * most. */
static gboolean
prepare_after_first_frame_cb (gpointer data)
{
  MskWindow *self = data;

  switch (self->prepare_step++)
    {
    case 0:
      ensure_policy_view (self);
      return G_SOURCE_CONTINUE;
    case 1:
      if (self->policy_view != NULL)
        msk_policy_view_prepare (self->policy_view);
      return G_SOURCE_CONTINUE;
    case 2:
      /* The main menu's popover (6.6 M of its first opening's 32 M). */
      create_menu_popup_cb (self->menu_button, self);
      G_GNUC_FALLTHROUGH;
    default:
      self->prepare_id = 0;
      return G_SOURCE_REMOVE;
    }
}

/* The first frame is on screen: the idle is the GP's reading time. Not
 * before it: a low-priority idle runs whenever the main loop waits, and
 * before the first frame it waits for the frame clock. */
static void
first_frame_drawn_cb (GdkFrameClock *clock,
                      MskWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_drawn_cb, self);
  if (self->prepare_id == 0 && self->prepare_step == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_after_first_frame_cb, self, NULL);
}

/* After the frame that laid out the card's new size. */
static void
show_focused_card (gpointer data)
{
  MskWindow *self = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, MSK_TYPE_CONCERN_ROW) : NULL;

  self->card_tick_id = 0;
  if (card != NULL)
    _msk_scroll_into_view (card, FALSE);
}

/* A red flag ticked from the keyboard may show its emergency signs below
 * the fold: its whole card comes into view once it has its new size
 * (keyboard review). A click leaves the view where the pointer is. */
static void
show_focused_card_later (MskWindow *self)
{
  if (self->by_keyboard && self->card_tick_id == 0)
    self->card_tick_id = _msk_after_next_layout (GTK_WIDGET (self), show_focused_card, self);
}

/* A note typed after a copy is not in the summary copied: a paste would
 * leave the findings just typed out of the record (GP review). */
static void
notes_changed_cb (MskWindow      *self,
                  MskRequestForm *form)
{
  if (forget_copied_summary (self))
    show_toast (self, _("The note changed, so the summary copied before is off the clipboard. Copy it again (Ctrl+Shift+C)."));
}

static void
request_changed_cb (MskWindow      *self,
                    MskRequestForm *form)
{
  show_focused_card_later (self);
  /* A "Saved as…" or "Copied" message is about the decision that was on
   * screen: left up after a change, it would seem to be about the new one. */
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
  /* The summary copied before the change is of the answers before it: a
   * paste would put them in the notes as the decision now on screen, the
   * red flag just ticked left out (hazard H22.2). */
  if (forget_copied_summary (self))
    show_toast (self, _("The form changed, so the summary copied before is off the clipboard. Copy it again (Ctrl+Shift+C)."));
  evaluate (self);
}

static void
banner_close_clicked_cb (MskWindow *self,
                         GtkButton *button)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* The view switcher's mnemonics (Alt+D, Alt+P) focus its button before
 * they switch, so GtkStack, which moves the focus only out of the view it
 * hides, leaves it there: Page Down after Alt+P scrolled nothing (GP
 * review). The focus goes into the view shown, where it last was. */
static void
focus_into_view (MskWindow  *self,
                 const char *name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean policy = g_strcmp0 (name, "policy") == 0;
  GtkWidget *last = policy ? self->policy_focus : self->decide_focus;
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  /* Left alone: the GP's own place in the view, and a focus outside the
   * view and the switcher (the header's buttons). GtkStack's own pick,
   * for a view shown the first time, is the first thing in it: in the
   * Policy view the section list, where Page Down after a click on
   * "Policy" moved the sections, not the text (GP review). */
  if (focus != NULL && focus == last)
    return;
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_switcher)) &&
      !gtk_widget_is_ancestor (focus, page))
    return;
  if (policy)
    msk_policy_view_focus_place (self->policy_view, last);
  else if (last == NULL || !gtk_widget_get_mapped (last) || !gtk_widget_grab_focus (last))
    msk_request_form_focus_first (self->request_form);
}

static void
visible_view_changed_cb (MskWindow  *self,
                         GParamSpec *pspec,
                         GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "policy") == 0)
    ensure_policy_view (self);
  if (self->policy_view != NULL && name != NULL)
    focus_into_view (self, name);
  self->shown_view = g_intern_string (name);
  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  gboolean copied;

  /* As a fresh window: a new form, both panes at their tops, the pane's
   * expander closed, no message of the last patient's, nothing of theirs
   * left to paste. */
  copied = forget_copied_summary (self);
  g_clear_weak_pointer (&self->decide_focus);
  g_clear_weak_pointer (&self->policy_focus);
  /* The pane first, so it takes the blank form's decision that clearing
   * brings for a new patient's, not for a changed outcome. */
  msk_decision_pane_reset_view (self->decision_pane);
  msk_request_form_clear (self->request_form);
  _msk_scroll_to_top (GTK_WIDGET (self->form_scroller));
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "decide");
  /* The last patient's search in the policy goes too (GP review). */
  if (self->policy_view != NULL)
    msk_policy_view_reset (self->policy_view);
  msk_request_form_focus_first (self->request_form);
  /* Said, or a GP who starts the next patient before pasting finds the
   * clipboard empty with no reason given (GP review). */
  if (copied)
    show_toast (self, _("New patient: the last patient's summary is off the clipboard."));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autoptr(MskDecision) decision = decision_for_summary (self);

  g_return_if_fail (!msk_decision_is_incomplete (decision));
  msk_print_summary (GTK_WINDOW (self), decision);
}

static void
print_preview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autoptr(MskDecision) decision = decision_for_summary (self);

  g_return_if_fail (!msk_decision_is_incomplete (decision));
  msk_print_preview (GTK_WINDOW (self), decision);
}

static void
exported_cb (GtkWindow *window,
             GFile     *file)
{
  MskWindow *self = MSK_WINDOW (window);
  g_autofree char *where = g_file_get_parse_name (file);
  g_autofree char *text = NULL;

  /* Translators: %s is the full path of the PDF file just written */
  text = g_strdup_printf (_("Saved as %s"), where);
  show_toast_for (self, text, SAVED_TOAST_SECONDS);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autoptr(MskDecision) decision = decision_for_summary (self);

  g_return_if_fail (!msk_decision_is_incomplete (decision));
  msk_print_export_pdf (GTK_WINDOW (self), decision, MSK_SUMMARY_DECISION, exported_cb);
}

static void
patient_sheet_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autoptr(MskDecision) decision = decision_for_summary (self);

  g_return_if_fail (!msk_decision_is_incomplete (decision));
  msk_print_export_pdf (GTK_WINDOW (self), decision, MSK_SUMMARY_PATIENT_SHEET, exported_cb);
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autoptr(MskDecision) decision = decision_for_summary (self);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  g_return_if_fail (!msk_decision_is_incomplete (decision));
  msk_print_copy_text (GTK_WIDGET (self), decision);
  g_set_weak_pointer (&self->copied, gdk_clipboard_get_content (clipboard));
  show_toast (self, _("Summary copied: paste it into the clinical record"));
}

/* The shortcut of an action that needs a decision: the action when there
 * is one, else a message saying what is missing. */
static gboolean
summary_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  MskWindow *self = MSK_WINDOW (widget);
  const char *action;
  const char *what;

  g_variant_get (args, "(&s&s)", &action, &what);
  if (!needs_decision (self, _(what)))
    gtk_widget_activate_action (widget, action, NULL);
  else if (g_str_equal (action, "win.copy-text"))
    /* The summary copied before is of a decision no longer on screen:
     * left on the clipboard, a paste after this refused copy would put it
     * in the notes as this one's (GP review). */
    forget_copied_summary (self);
  return TRUE;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "policy");
  msk_policy_view_start_search (ensure_policy_view (self));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MskWindow *self = MSK_WINDOW (widget);
  g_autofree char *effective = msk_format_date_uk (msk_policy_get_effective (self->policy));
  g_autofree char *review = msk_format_date_uk (msk_policy_get_review (self->policy));
  g_autofree char *comments = NULL;

  /* Translators: %s are the policy title, version, and its dates (DD/MM/YYYY) */
  comments = g_strdup_printf (_("Decision support for musculoskeletal MRI requests in primary care.\n\n"
                                "Policy in force: %s, version %s, effective %s, review %s.\n\n"
                                "Decision support, not a substitute for clinical judgement."),
                              msk_policy_get_title (self->policy), msk_policy_get_version (self->policy),
                              effective, review);

  gtk_show_about_dialog (GTK_WINDOW (self),
                         "program-name", _("MSK MRI Advisor"),
                         "version", PACKAGE_VERSION,
                         "logo-icon-name", APPLICATION_ID,
                         "comments", comments,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "modal", TRUE,
                         NULL);
}

static void
msk_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (msk_window_parent_class)->map (widget);

  g_signal_connect_object (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (widget))),
                           "after-paint", G_CALLBACK (first_frame_drawn_cb), widget, 0);

  /* MSK_QUIT_AFTER_FIRST_FRAME=1: quit once the first frame is on screen.
   * The start-up benchmark times launch to first frame with it. */
  if (g_strcmp0 (g_getenv ("MSK_QUIT_AFTER_FIRST_FRAME"), "1") == 0)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
      GdkFrameClock *clock = gdk_surface_get_frame_clock (surface);

      g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_first_paint_cb),
                               widget, 0);
    }
}

static void
msk_window_dispose (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->card_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->card_tick_id);
  self->card_tick_id = 0;
  g_clear_weak_pointer (&self->copied);
  g_clear_weak_pointer (&self->decide_focus);
  g_clear_weak_pointer (&self->policy_focus);
  /* Here rather than on close-request, which app.quit never emits. */
  if (self->settings != NULL)
    {
      save_window_state (self);
      g_clear_object (&self->settings);
    }
  /* Pages leaving the stack change its visible child; that must not build
   * the Policy view now. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_func (self->stack, visible_view_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_WINDOW);
  G_OBJECT_CLASS (msk_window_parent_class)->dispose (object);
}

static void
msk_window_finalize (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->decision, msk_decision_unref);
  g_clear_pointer (&self->policy, msk_policy_unref);
  G_OBJECT_CLASS (msk_window_parent_class)->finalize (object);
}

static void
msk_window_class_init (MskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_window_dispose;
  object_class->finalize = msk_window_finalize;
  widget_class->map = msk_window_map;

  g_type_ensure (MSK_TYPE_CLAMP);
  g_type_ensure (MSK_TYPE_DECISION_PANE);
  g_type_ensure (MSK_TYPE_POLICY_VIEW);
  g_type_ensure (MSK_TYPE_REQUEST_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MskWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, request_form);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, decision_pane);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, toast_label);
  gtk_widget_class_bind_template_callback (widget_class, request_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_action);
  gtk_widget_class_install_action (widget_class, "win.patient-sheet", NULL, patient_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.copy-text", NULL, copy_text_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);

  /* Keys beside their actions. Those that need a decision go through
   * summary_shortcut_cb, which explains itself when there is none. The
   * second string is what the message says was refused. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-request", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, summary_shortcut_cb,
                                "(ss)", "win.print", N_("Nothing to print"));
  gtk_widget_class_add_binding (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, summary_shortcut_cb,
                                "(ss)", "win.print-preview", N_("Nothing to preview"));
  gtk_widget_class_add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, summary_shortcut_cb,
                                "(ss)", "win.export-pdf", N_("Nothing to export"));
  gtk_widget_class_add_binding (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, summary_shortcut_cb,
                                "(ss)", "win.copy-text", N_("Nothing to copy"));
}

/* GTK 4.8's view switcher gives its buttons the page titles as their
 * accessible names, mnemonic underscore and all ("_Decide"). */
static void
name_view_buttons (MskWindow *self)
{
  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->view_switcher));
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;

      if (GTK_IS_LABEL (label))
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (label)),
                                        -1);
    }
}

/* The form scrolls to what has the focus itself, instead of GtkViewport:
 * reached by the keyboard (Tab, Shift+Tab), a red flag's whole card comes
 * into view, its prompts and signs with its tick box, where the viewport
 * showed only the tick box (GP review); a click moves nothing that is
 * already in view. And at once: the viewport's scroll is an animation that
 * nothing else can set the view during. */
static void
focus_widget_changed_cb (MskWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *card;

  if (focus != NULL && gtk_widget_get_native (focus) == GTK_NATIVE (self))
    {
      /* In the Policy view only a place in the text: Alt+P back on a row
       * of the section list left Page Down moving the sections (GP
       * review). */
      if (self->policy_view != NULL && msk_policy_view_is_in_text (self->policy_view, focus) &&
          g_strcmp0 (self->shown_view, "policy") == 0)
        g_set_weak_pointer (&self->policy_focus, focus);
      else if (gtk_widget_is_ancestor (focus, gtk_stack_get_child_by_name (self->stack, "decide")) &&
               g_strcmp0 (self->shown_view, "decide") == 0)
        g_set_weak_pointer (&self->decide_focus, focus);
    }
  /* Not in a drop-down's open list, a surface of its own: its drop-down
   * came into view before it opened (msk-request-form.c). */
  if (focus == NULL || gtk_widget_get_native (focus) != GTK_NATIVE (self) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->request_form)))
    return;
  card = gtk_widget_get_ancestor (focus, MSK_TYPE_CONCERN_ROW);
  /* By the keyboard, a drop-down comes with its label; a click moves
   * nothing already in view (code review: a click on a drop-down whose
   * label was just above the view moved the form under the pointer). */
  _msk_scroll_into_view (card != NULL && self->by_keyboard ? card : focus, self->by_keyboard);
}

/* Which input moved the focus: GTK 4.8's focus-visible flag is no guide,
 * as it goes off three seconds after a key and comes on only after Tab
 * has moved the focus. Watched before any widget sees the event. */
static gboolean
input_cb (MskWindow *self,
          GdkEvent  *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
      self->by_keyboard = TRUE;
      /* Before the window's shortcuts and the form's Tab see the key:
       * a pick typed before its list opened comes first (GP review). */
      msk_request_form_settle (self->request_form, gdk_key_event_get_keyval (event),
                               gdk_event_get_modifier_state (event));
      break;
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      self->by_keyboard = FALSE;
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
msk_window_init (MskWindow *self)
{
  g_date_clear (&self->today, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_view = g_intern_string (gtk_stack_get_visible_child_name (self->stack));
  _msk_wrapped_labels_measure_once (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_popup_cb, self, NULL);
  name_view_buttons (self);
  self->settings = create_settings ();
  /* The form is not scrollable itself, so GtkScrolledWindow gave it a
   * viewport. */
  if (GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (self->form_scroller)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->form_scroller)), FALSE);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_changed_cb), NULL);
  /* The focus the app sets itself (start-up, Ctrl+N) counts as the
   * keyboard's: it is where typing goes next. */
  self->by_keyboard = TRUE;
  {
    GtkEventController *input = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (input, "event", G_CALLBACK (input_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), input);
  }
}

MskWindow *
msk_window_new (MskApplication *application,
                MskPolicy      *policy,
                const GDate    *today,
                GPtrArray      *refusals)
{
  MskWindow *self;

  g_return_val_if_fail (MSK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (MSK_TYPE_WINDOW, "application", application, NULL);
  self->policy = msk_policy_ref (policy);
  self->today = *today;

  if (self->settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (self->settings, "last-view");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (gtk_stack_get_child_by_name (self->stack, view) != NULL)
        gtk_stack_set_visible_child_name (self->stack, view);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);

  msk_request_form_set_policy (self->request_form, policy);
  show_refusals (self, refusals);
  /* Typing starts in the form, not on the view switcher or the banner. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "decide") == 0)
    msk_request_form_focus_first (self->request_form);
  /* set_policy() cleared the form, which evaluated the empty request; the
   * pane therefore already says what to choose first. */
  if (self->decision == NULL)
    evaluate (self);
  return self;
}
