/* msk-request-form.c — the short form a clinician fills in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The choices come from the policy, so a policy file with another borough or
 * region needs no rebuild. The form emits "changed" on every edit that can
 * change the decision and the window re-evaluates at once: there is no
 * submit step. The clinical note cannot change it, so typing a note
 * redraws nothing; the note is read when a summary is made. It lives only
 * in the text buffer and the in-memory request.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-choice-list-private.h"
#include "msk-concern-row.h"
#include "msk-request-form.h"
#include "msk-utils-private.h"

struct _MskRequestForm
{
  GtkBox          parent_instance;

  GtkLabel       *requester_label;
  GtkLabel       *borough_label;
  GtkLabel       *region_label;
  GtkDropDown    *requester_dropdown;
  GtkLabel       *requester_help;
  GtkCheckButton *governance_check;
  GtkLabel       *governance_label;
  GtkDropDown    *borough_dropdown;
  GtkDropDown    *region_dropdown;
  GtkBox         *concerns_box;
  GtkTextView    *notes_view;
  GtkTextBuffer  *notes_buffer;
  GtkLabel       *notes_limit_label;

  MskPolicy      *policy;
  /* Set while clear() resets many fields, so listeners see one change. */
  gboolean        frozen;
  /* A list opened by its key (Alt+R, Alt+B, Alt+G) waits for its drop-down
   * to be scrolled into view (open_list_cb). */
  GtkDropDown    *list_to_open;
  guint           list_tick_id;
};

G_DEFINE_FINAL_TYPE (MskRequestForm, msk_request_form, GTK_TYPE_BOX)

enum {
  CHANGED,
  NOTES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The first item of the borough and region lists is the empty choice. */
#define CHOOSE_POSITION 0

static void
emit_changed (MskRequestForm *self)
{
  if (!self->frozen)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GListModel *
make_choice_model (const char *empty_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (empty_label != NULL)
    {
      g_autoptr(GObject) empty = NULL;

      gtk_string_list_append (list, empty_label);
      empty = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_object_set_data (empty, MSK_CHOICE_PLACEHOLDER_KEY, GINT_TO_POINTER (TRUE));
    }
  return G_LIST_MODEL (list);
}

static const MskChoice *
get_selected_requester (MskRequestForm *self)
{
  guint selected = gtk_drop_down_get_selected (self->requester_dropdown);

  if (self->policy == NULL || selected >= msk_policy_get_n_requesters (self->policy))
    return NULL;
  return msk_policy_get_requester (self->policy, selected);
}

static void
update_governance (MskRequestForm *self)
{
  const MskChoice *requester = get_selected_requester (self);
  gboolean applies = requester != NULL &&
                     msk_policy_governance_applies (self->policy, requester);

  /* The tick belongs to the role it was given for: leaving the role clears
   * it, so coming back to FCP never restores a permission unconfirmed. */
  if (!applies)
    gtk_check_button_set_active (self->governance_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->governance_check), applies);
  gtk_widget_set_sensitive (GTK_WIDGET (self->governance_label), applies);
  gtk_widget_set_visible (GTK_WIDGET (self->requester_help),
                          requester != NULL && requester->help != NULL);
  if (requester != NULL && requester->help != NULL)
    gtk_label_set_text (self->requester_help, requester->help);
}


/* GTK 4.8 leaves the part of a drop-down that takes the focus, a toggle
 * button inside it, unnamed: a screen reader says "GtkToggleButton". It is
 * named after the field and what is chosen, as a combo box is read. */
static void
name_dropdown (GtkDropDown *dropdown,
               GtkLabel    *field_label)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *field = gtk_label_get_text (field_label);
  g_autofree char *name = NULL;

  /* Translators: accessible name of a drop-down: the field, then the
   * choice shown in it */
  name = GTK_IS_STRING_OBJECT (item) ? g_strdup_printf (_("%s: %s"), field, gtk_string_object_get_string (GTK_STRING_OBJECT (item)))
                                     : g_strdup (field);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}


static void
cancel_list_to_open (MskRequestForm *self)
{
  if (self->list_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->list_tick_id);
  self->list_tick_id = 0;
  self->list_to_open = NULL;
}

/* Its button pressed in, as a click does: the list opens now. Activating
 * the drop-down (Space's way) animates the button instead, and GTK 4.8
 * opens the list only on the next key's release or 250 ms later; until
 * then the button took every key, Ctrl+N and Alt+B included (GP review:
 * Ctrl+N 50–200 ms after Alt+G did nothing, then the list opened on the
 * last patient). */
static void
press_in (GtkDropDown *dropdown)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      {
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (c), TRUE);
        return;
      }
  /* A GTK whose drop-down is built otherwise: its own keyboard way. */
  gtk_widget_activate (GTK_WIDGET (dropdown));
}

/* After one frame: the form has been laid out where the window scrolled
 * it to, so the list opens beside its drop-down. */
static void
open_list (gpointer data)
{
  MskRequestForm *self = data;
  GtkDropDown *dropdown = self->list_to_open;

  self->list_tick_id = 0;
  self->list_to_open = NULL;
  if (dropdown != NULL && _msk_choice_list_still_opens (dropdown))
    press_in (dropdown);
}

/* Wholly inside the form's scrolled view, so taking the focus does not
 * scroll it. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scroller == NULL)
    return TRUE;
  if (!gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* Alt+R, Alt+B or Alt+G opens a drop-down's list from anywhere in the form.
 * In view, at once, as a click does: the keys that follow are the open
 * list's, in the order typed (GP review: keys typed while the list opened
 * a frame later were applied out of order, or lost). Out of view, GTK would position the list at once
 * beside the drop-down where it was (and say so on the terminal): the
 * drop-down takes the focus first, which scrolls it into view
 * (msk-window.c), and its list opens a frame later, keeping the keys
 * typed meanwhile (msk-choice-list.c). */
static gboolean
mnemonic_activate_cb (MskRequestForm *self,
                      gboolean        group_cycling,
                      GtkWidget      *dropdown)
{
  gboolean open_now;

  if (group_cycling || gtk_widget_get_frame_clock (dropdown) == NULL)
    return FALSE;
  /* Asked before the focus moves: taking it scrolls the drop-down into
   * view. */
  open_now = in_view (dropdown);
  gtk_widget_grab_focus (dropdown);
  if (open_now)
    {
      cancel_list_to_open (self);
      press_in (GTK_DROP_DOWN (dropdown));
      return TRUE;
    }
  self->list_to_open = GTK_DROP_DOWN (dropdown);
  _msk_choice_list_expect_open (GTK_DROP_DOWN (dropdown));
  if (self->list_tick_id == 0)
    self->list_tick_id = _msk_after_next_layout (GTK_WIDGET (self), open_list, self);
  return TRUE;
}

/* The form's controls the keyboard can reach, in the form's order, shown
 * or about to be: a control made visible since the last frame counts. */
static void
collect_tab_stops (GtkWidget *widget,
                   GPtrArray *stops)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_NATIVE (c) || !gtk_widget_get_visible (c) || !gtk_widget_get_child_visible (c) ||
          !gtk_widget_is_sensitive (c) || !gtk_widget_get_can_focus (c))
        continue;
      if (gtk_widget_get_focusable (c))
        g_ptr_array_add (stops, c);
      collect_tab_stops (c, stops);
    }
}

/* Tab and Shift+Tab in the form move in the form's own order. GTK 4.8
 * orders them by where each control was last drawn, so a control shown
 * since the last frame sits at the top of the form until the next one
 * (GP review, keys typed together on a busy PC: Space, Tab, Space on
 * "Patient under oncology care" jumped over its new emergency sign,
 * "Neurological symptoms or signs", and opened "What to look for": the
 * spinal cord compression emergency was left unticked, and the pathway
 * urgent instead of an emergency). The form is one column, so its order
 * is the order it is drawn in. */
static gboolean
tab_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        modifiers,
                MskRequestForm        *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) stops = NULL;
  gboolean back;
  guint at;

  if (!_msk_is_plain_tab (keyval, modifiers) || focus == NULL)
    return GDK_EVENT_PROPAGATE;
  back = keyval == GDK_KEY_ISO_Left_Tab || (modifiers & GDK_SHIFT_MASK) != 0;
  stops = g_ptr_array_new ();
  collect_tab_stops (GTK_WIDGET (self), stops);
  for (at = 0; at < stops->len; at++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, at);

      if (stop == focus || gtk_widget_is_ancestor (focus, stop))
        break;
    }
  /* Not in the form's order (inside a text view's own widgets), or the
   * first or last control: GTK takes the keyboard out of the form. */
  if (at == stops->len || (back && at == 0) || (!back && at + 1 == stops->len))
    return GDK_EVENT_PROPAGATE;
  gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
  gtk_widget_grab_focus (g_ptr_array_index (stops, back ? at - 1 : at + 1));
  return GDK_EVENT_STOP;
}

static void
name_dropdowns (MskRequestForm *self)
{
  name_dropdown (self->requester_dropdown, self->requester_label);
  name_dropdown (self->borough_dropdown, self->borough_label);
  name_dropdown (self->region_dropdown, self->region_label);
}

static void
requester_changed_cb (MskRequestForm *self,
                      GParamSpec     *pspec,
                      GtkDropDown    *dropdown)
{
  update_governance (self);
  name_dropdowns (self);
  emit_changed (self);
}

static void
choice_changed_cb (MskRequestForm *self,
                   GParamSpec     *pspec,
                   GtkDropDown    *dropdown)
{
  name_dropdowns (self);
  emit_changed (self);
}

static void
governance_toggled_cb (MskRequestForm *self,
                       GtkCheckButton *check)
{
  emit_changed (self);
}

static void
governance_label_released_cb (MskRequestForm  *self,
                              int              n_press,
                              double           x,
                              double           y,
                              GtkGestureClick *gesture)
{
  /* The label belongs to the box, but an insensitive box takes no click. */
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->governance_check)))
    gtk_widget_activate (GTK_WIDGET (self->governance_check));
}

static void
concern_active_cb (MskRequestForm *self,
                   GParamSpec     *pspec,
                   MskConcernRow  *row)
{
  emit_changed (self);
}

/* The note stops at the core's limit, so what is typed is what will be
 * recorded: text beyond it is not taken, and the form says why. */
static void
notes_insert_text_cb (MskRequestForm *self,
                      GtkTextIter    *location,
                      const char     *text,
                      int             length,
                      GtkTextBuffer  *buffer)
{
  int room = MSK_REQUEST_NOTES_MAX_CHARS - gtk_text_buffer_get_char_count (buffer);
  glong n_chars = g_utf8_strlen (text, length);
  const char *end;

  if (n_chars <= room)
    return;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (self->notes_view));
  if (room <= 0)
    return;
  /* What fits, cut at a character boundary; this insertion fits, so it
   * comes back here and passes. */
  end = g_utf8_offset_to_pointer (text, room);
  gtk_text_buffer_insert (buffer, location, text, (int) (end - text));
}

static void
notes_changed_cb (MskRequestForm *self,
                  GtkTextBuffer  *buffer)
{
  gtk_widget_set_visible (GTK_WIDGET (self->notes_limit_label),
                          gtk_text_buffer_get_char_count (buffer) >= MSK_REQUEST_NOTES_MAX_CHARS);
  g_signal_emit (self, signals[NOTES_CHANGED], 0);
}

static void
msk_request_form_dispose (GObject *object)
{
  MskRequestForm *self = MSK_REQUEST_FORM (object);

  cancel_list_to_open (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_REQUEST_FORM);
  G_OBJECT_CLASS (msk_request_form_parent_class)->dispose (object);
}

static void
msk_request_form_finalize (GObject *object)
{
  MskRequestForm *self = MSK_REQUEST_FORM (object);

  g_clear_pointer (&self->policy, msk_policy_unref);
  G_OBJECT_CLASS (msk_request_form_parent_class)->finalize (object);
}

static void
msk_request_form_class_init (MskRequestFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_request_form_dispose;
  object_class->finalize = msk_request_form_finalize;

  /**
   * MskRequestForm::changed:
   *
   * Any field changed; read the request with msk_request_form_get_request().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  /**
   * MskRequestForm::notes-changed:
   *
   * The clinical note changed: the decision did not, but a summary made
   * before has the note as it was.
   */
  signals[NOTES_CHANGED] = g_signal_new ("notes-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-request-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, requester_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, borough_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, region_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, requester_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, requester_help);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, governance_check);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, governance_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, borough_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, concerns_box);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, notes_view);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, notes_buffer);
  gtk_widget_class_bind_template_child (widget_class, MskRequestForm, notes_limit_label);
  gtk_widget_class_bind_template_callback (widget_class, requester_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, governance_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, governance_label_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_insert_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_changed_cb);
}

static void
msk_request_form_init (MskRequestForm *self)
{
  g_autofree char *limit = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  _msk_wrapped_labels_measure_once (GTK_WIDGET (self));
  /* Translators: %d is the longest note the app keeps, in characters */
  limit = g_strdup_printf (_("The note is full: it keeps up to %d characters."), MSK_REQUEST_NOTES_MAX_CHARS);
  gtk_label_set_text (self->notes_limit_label, limit);
  _msk_choice_list_watch (self->requester_dropdown, self->requester_label);
  _msk_choice_list_watch (self->borough_dropdown, self->borough_label);
  _msk_choice_list_watch (self->region_dropdown, self->region_label);
  g_signal_connect_swapped (self->requester_dropdown, "mnemonic-activate", G_CALLBACK (mnemonic_activate_cb), self);
  g_signal_connect_swapped (self->borough_dropdown, "mnemonic-activate", G_CALLBACK (mnemonic_activate_cb), self);
  g_signal_connect_swapped (self->region_dropdown, "mnemonic-activate", G_CALLBACK (mnemonic_activate_cb), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (tab_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
}

GtkWidget *
msk_request_form_new (void)
{
  return g_object_new (MSK_TYPE_REQUEST_FORM, NULL);
}

/* Every choice list and concern row is built anew, so nothing of the last
 * patient survives: not the drop-down lists' keyboard position (GTK 4.8
 * reopens a list on the row last picked, whatever is selected), not an
 * opened list of things to look for. A new form is a fresh window's form. */
static void
rebuild (MskRequestForm *self)
{
  MskPolicy *policy = self->policy;
  g_autoptr(GListModel) requesters = NULL;
  g_autoptr(GListModel) boroughs = NULL;
  g_autoptr(GListModel) regions = NULL;

  self->frozen = TRUE;

  /* A list asked for by the last patient's Alt+key, open or still to
   * open, and a search left in one, belong to them; searches emptied
   * before the models are set, so the lists GTK makes for them show
   * every name. */
  cancel_list_to_open (self);
  _msk_choice_list_forget (self->requester_dropdown);
  _msk_choice_list_forget (self->borough_dropdown);
  _msk_choice_list_forget (self->region_dropdown);

  /* The requester is always one of the policy's roles: the request needs
   * one, and the first (GP) is who most often uses the app. */
  requesters = make_choice_model (NULL);
  for (guint i = 0; i < msk_policy_get_n_requesters (policy); i++)
    gtk_string_list_append (GTK_STRING_LIST (requesters), msk_policy_get_requester (policy, i)->label);
  gtk_drop_down_set_model (self->requester_dropdown, requesters);

  /* Translators: the empty choice of a drop-down list */
  boroughs = make_choice_model (_("Choose…"));
  for (guint i = 0; i < msk_policy_get_n_boroughs (policy); i++)
    gtk_string_list_append (GTK_STRING_LIST (boroughs), msk_policy_get_borough (policy, i)->label);
  gtk_drop_down_set_model (self->borough_dropdown, boroughs);

  regions = make_choice_model (_("Choose…"));
  for (guint i = 0; i < msk_policy_get_n_regions (policy); i++)
    gtk_string_list_append (GTK_STRING_LIST (regions), msk_policy_get_region (policy, i)->label);
  gtk_drop_down_set_model (self->region_dropdown, regions);

  gtk_label_set_text (self->governance_label, msk_policy_get_governance_label (policy));

  _msk_box_remove_all (self->concerns_box);
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      const MskConcern *concern = msk_policy_get_concern (policy, i);
      GtkWidget *row = msk_concern_row_new (policy, concern);

      g_signal_connect_object (row, "notify::active", G_CALLBACK (concern_active_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "notify::signs", G_CALLBACK (concern_active_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (self->concerns_box, row);
    }

  gtk_drop_down_set_selected (self->requester_dropdown, 0);
  gtk_check_button_set_active (self->governance_check, FALSE);
  gtk_drop_down_set_selected (self->borough_dropdown, CHOOSE_POSITION);
  gtk_drop_down_set_selected (self->region_dropdown, CHOOSE_POSITION);
  gtk_text_buffer_set_text (self->notes_buffer, "", 0);
  update_governance (self);
  name_dropdowns (self);
  self->frozen = FALSE;

  emit_changed (self);
}

void
msk_request_form_set_policy (MskRequestForm *self,
                             MskPolicy      *policy)
{
  g_return_if_fail (MSK_IS_REQUEST_FORM (self));
  g_return_if_fail (policy != NULL);

  g_clear_pointer (&self->policy, msk_policy_unref);
  self->policy = msk_policy_ref (policy);
  rebuild (self);
}

MskRequest *
msk_request_form_get_request (MskRequestForm *self)
{
  g_autoptr(MskRequest) request = NULL;
  const MskChoice *requester;
  guint selected;
  GtkTextIter start, end;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (MSK_IS_REQUEST_FORM (self), NULL);
  g_return_val_if_fail (self->policy != NULL, NULL);

  request = msk_request_new (self->policy);

  requester = get_selected_requester (self);
  msk_request_set_requester (request, requester);
  if (requester != NULL && msk_policy_governance_applies (self->policy, requester))
    msk_request_set_fcp_governance (request, gtk_check_button_get_active (self->governance_check));

  selected = gtk_drop_down_get_selected (self->borough_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected != CHOOSE_POSITION)
    msk_request_set_borough (request, msk_policy_get_borough (self->policy, selected - 1));

  selected = gtk_drop_down_get_selected (self->region_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected != CHOOSE_POSITION)
    msk_request_set_region (request, msk_policy_get_region (self->policy, selected - 1));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->concerns_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      msk_concern_row_apply (MSK_CONCERN_ROW (child), request);
    }

  gtk_text_buffer_get_bounds (self->notes_buffer, &start, &end);
  notes = gtk_text_buffer_get_text (self->notes_buffer, &start, &end, FALSE);
  if (notes[0] != '\0')
    msk_request_set_notes (request, notes);

  return g_steal_pointer (&request);
}

void
msk_request_form_clear (MskRequestForm *self)
{
  g_return_if_fail (MSK_IS_REQUEST_FORM (self));
  g_return_if_fail (self->policy != NULL);

  rebuild (self);
}

void
msk_request_form_settle (MskRequestForm  *self,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  g_return_if_fail (MSK_IS_REQUEST_FORM (self));

  _msk_choice_list_settle (self->requester_dropdown, keyval, modifiers);
  _msk_choice_list_settle (self->borough_dropdown, keyval, modifiers);
  _msk_choice_list_settle (self->region_dropdown, keyval, modifiers);
}

void
msk_request_form_focus_first (MskRequestForm *self)
{
  g_return_if_fail (MSK_IS_REQUEST_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->requester_dropdown));
}
