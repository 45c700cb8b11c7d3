/* msk-decision-pane.c — what the policy says for the request on the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a decision and nothing else: every sentence is the policy's, read
 * through the decision. Urgency is given three ways (words, icon, colour) so
 * it survives colour blindness, high contrast and a screen reader.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-decision-pane.h"
#include "msk-utils-private.h"
#include "msk-links.h"

/* How long a changed headline stays marked: long enough to catch the eye
 * of someone looking at the form, short enough not to look like a state. */
#define CHANGED_MARK_MS 2000

/* One look per kind of outcome. Kinds are the policy file's vocabulary,
 * not policy ids. Outcomes that point opposite ways ("refer instead" and
 * "MRI may be requested") never share an icon or a colour, and each icon
 * differs, so the look never rests on colour alone. Every icon is in
 * adwaita-icon-theme 43 (Debian 12); the tests check the theme has them. */
typedef struct {
  const char *kind;
  const char *css_class;
  const char *icon;
} KindLook;

static const KindLook outcome_looks[] = {
  { "emergency",  "kind-emergency",  "dialog-error-symbolic" },
  { "urgent",     "kind-urgent",     "dialog-warning-symbolic" },
  /* An arrow on to someone else, never a tick beside "do not request". */
  { "refer",      "kind-refer",      "mail-forward-symbolic" },
  { "permitted",  "kind-permitted",  "emblem-ok-symbolic" },
  { "incomplete", "kind-incomplete", "dialog-information-symbolic" },
};

/* The sections rebuilt whole when their content changes; "What to do",
 * "Why" and the evidence keep their rows instead (_msk_box_sync_rows). */
enum {
  SECTION_WARNINGS,
  SECTION_SERVICE,
  SECTION_TRACE,
  N_SECTIONS
};

struct _MskDecisionPane
{
  GtkBox       parent_instance;

  GtkGrid     *outcome_box;
  GtkImage    *urgency_icon;
  GtkLabel    *urgency_label;
  GtkLabel    *outcome_label;
  GtkLabel    *verdict_label;
  GtkLabel    *missing_label;
  GtkBox      *warnings_box;
  GtkWidget   *actions_section;
  GtkBox      *actions_box;
  GtkWidget   *service_section;
  GtkBox      *service_box;
  GtkWidget   *why_section;
  GtkBox      *why_box;
  GtkWidget   *evidence_section;
  GtkBox      *evidence_box;
  GtkExpander *trace_expander;
  guint        trace_shown_id;  /* brings it into view once laid out open */
  GtkBox      *trace_box;
  GtkLabel    *stamp_label;
  GtkWidget   *patient_sheet_button;
  GtkWidget   *copy_button;

  MskDecision *decision;
  /* The policy the rows in "What to do", "Why" and the evidence are for,
   * held: their keys name its items by address, and the rows they stopped
   * showing outlive the decision, so its memory must not be reused by
   * another policy's items while they exist. A decision from another
   * policy drops them all (msk_decision_pane_set_decision). */
  MskPolicy   *rows_policy;
  const char  *kind_class;     /* static: from outcome_looks */
  const char  *verdict_class;  /* static */
  guint        changed_mark_id;
  /* Set by msk_decision_pane_reset_view(): the next decision starts a new
   * patient, so it is no change of anyone's outcome. */
  gboolean     fresh;
  /* What each rebuilt section last showed (see section_key): a section
   * whose content is the same is left alone, so its labels keep their
   * measured text and a form change re-lays out only what changed. */
  char        *keys[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (MskDecisionPane, msk_decision_pane, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KindLook *
look_for_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_looks); i++)
    if (g_strcmp0 (outcome_looks[i].kind, kind) == 0)
      return &outcome_looks[i];
  /* The loader refuses unknown kinds; should one slip through, it must
   * not borrow the look of an answer. */
  return &outcome_looks[G_N_ELEMENTS (outcome_looks) - 1];
}


static GtkWidget *
append_label (GtkBox     *box,
              const char *text,
              const char *css_class)
{
  GtkWidget *label = _msk_wrapped_label_new (text, css_class);

  gtk_box_append (box, label);
  return label;
}

/* An icon beside wrapped text, in a grid: a wrapping label in a horizontal
 * box is laid out at many widths whenever the box is measured. */
static GtkWidget *
make_icon_row (const char *icon_name,
               const char *icon_label,
               const char *text,
               const char *css_class)
{
  GtkWidget *row = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_grid_set_column_spacing (GTK_GRID (row), 8);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label,
                                  -1);
  _msk_label_set_wrapping (GTK_LABEL (label));
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (GTK_GRID (row), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), label, 1, 0, 1, 1);
  return row;
}

/* A resource as a link when it has an address, else as its title; its note
 * says what it is, or that the policy's own link is a placeholder. */
static GtkWidget *
make_resource (const MskResource *resource)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *link = msk_resource_link_line_new (resource);

  gtk_widget_add_css_class (item, "resource");
  if (link != NULL)
    gtk_box_append (GTK_BOX (item), link);
  else
    append_label (GTK_BOX (item), resource->title, "resource-title");
  if (resource->note != NULL)
    append_label (GTK_BOX (item), resource->note, "dim-label");
  /* The policy's links are placeholders: an address the app chose is said
   * to be the app's (PRODUCT.md). */
  if (resource->url_added)
    append_label (GTK_BOX (item), _("Link added by this app — not in the policy"), "dim-label");
  return item;
}

static void
append_resource (GtkBox            *box,
                 const MskResource *resource)
{
  gtk_box_append (box, make_resource (resource));
}

/* "Emergency — urgency from national guidance": the policy sets no
 * urgency, so wherever urgency is shown it says whose it is. */
static char *
urgency_with_basis (const MskAction *action)
{
  if (action->basis->n_sources > 0)
    return g_strdup_printf (_("%s — urgency from national guidance"), action->urgency->label);
  return g_strdup_printf (_("%s — urgency graded by this app"), action->urgency->label);
}

static void
clear_changed_mark (MskDecisionPane *self)
{
  g_clear_handle_id (&self->changed_mark_id, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_box), "changed");
}

static gboolean
clear_changed_mark_cb (gpointer user_data)
{
  MskDecisionPane *self = user_data;

  self->changed_mark_id = 0;
  clear_changed_mark (self);
  return G_SOURCE_REMOVE;
}

/* A new outcome must not go unseen: the pane scrolls back to the headline,
 * which is marked for a moment, and a screen reader is told.
 *
 * GTK 4.8 has no way to announce text (gtk_accessible_announce() is 4.14),
 * and its AT-SPI bridge sends no text-changed event for a label. What it
 * does send is a name change and a "showing" state change. The headline
 * box has the alert role (AT-SPI "notification"), its accessible name is
 * the whole headline, and it is hidden and shown again within one frame:
 * nothing flickers on screen, and a screen reader that reads notifications
 * as they appear (Orca does) speaks the new name. */
static void
mark_outcome_changed (MskDecisionPane *self)
{
  GtkWidget *outcome = GTK_WIDGET (self->outcome_box);

  _msk_scroll_to_top (GTK_WIDGET (self));

  gtk_widget_add_css_class (outcome, "changed");
  g_clear_handle_id (&self->changed_mark_id, g_source_remove);
  self->changed_mark_id = g_timeout_add (CHANGED_MARK_MS, clear_changed_mark_cb, self);

  gtk_widget_set_visible (outcome, FALSE);
  gtk_widget_set_visible (outcome, TRUE);
}

static void
show_outcome (MskDecisionPane *self)
{
  const MskOutcome *outcome = msk_decision_get_outcome (self->decision);
  const MskUrgency *urgency = msk_decision_get_urgency (self->decision);
  const MskVerdict *verdict = msk_decision_get_verdict (self->decision);
  const char *missing = msk_decision_get_missing (self->decision);
  const KindLook *look = look_for_kind (outcome->kind);
  g_autofree char *name = NULL;

  /* A class or an icon that did not change is not set again: GTK 4.8
   * restyles the box for a class removed and added back, and reloads and
   * redraws an icon set to the name it had (a new region keeps the outcome
   * of most patients). GtkLabel already ignores the text it has. */
  if (g_strcmp0 (self->kind_class, look->css_class) != 0)
    {
      if (self->kind_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_box), self->kind_class);
      self->kind_class = look->css_class;
      gtk_widget_add_css_class (GTK_WIDGET (self->outcome_box), self->kind_class);
    }
  if (g_strcmp0 (gtk_image_get_icon_name (self->urgency_icon), look->icon) != 0)
    gtk_image_set_from_icon_name (self->urgency_icon, look->icon);

  gtk_widget_set_visible (GTK_WIDGET (self->urgency_label), urgency != NULL);
  if (urgency != NULL)
    {
      g_autofree char *text = urgency_with_basis (msk_decision_get_action (self->decision, 0));
      gtk_label_set_text (self->urgency_label, text);
    }

  /* The headline names the action (the first route's, after escalation). */
  gtk_label_set_text (self->outcome_label, msk_decision_get_headline (self->decision));

  /* A verdict is styled by what it says: only "not recommended" reads as
   * a refusal. On a red flag the verdict says imaging goes through the
   * pathway, which must never look like "no imaging". */
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), verdict != NULL);
  if (verdict != NULL)
    {
      const char *verdict_class;

      gtk_label_set_text (self->verdict_label, verdict->label);
      if (g_strcmp0 (verdict->kind, "not_recommended") == 0)
        verdict_class = "verdict-not-recommended";
      else if (g_strcmp0 (verdict->kind, "permitted") == 0)
        verdict_class = "verdict-permitted";
      else
        verdict_class = "verdict-via-pathway";
      if (g_strcmp0 (self->verdict_class, verdict_class) != 0)
        {
          g_autoptr(PangoAttrList) weight = pango_attr_list_new ();
          gboolean refusal = g_strcmp0 (verdict->kind, "not_recommended") == 0;

          if (self->verdict_class != NULL)
            gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), self->verdict_class);
          self->verdict_class = verdict_class;
          gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), self->verdict_class);
          /* The weight is the label's own, not its class's: GTK 4.8 can
           * keep a label's font at a weight its style has since lost. A
           * region picked and a red flag ticked before the next frame
           * (Return, Tab, Space typed on a busy PC) left the red flag's
           * verdict in the bold of "not recommended" (GP review). */
          pango_attr_list_insert (weight, pango_attr_weight_new (refusal ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL));
          gtk_label_set_attributes (self->verdict_label, weight);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  if (missing != NULL)
    gtk_label_set_text (self->missing_label, missing);

  /* What a screen reader says for the box: urgency, headline and verdict
   * in reading order, as one sentence. */
  name = g_strjoin (". ",
                    urgency != NULL ? urgency->label : msk_decision_get_headline (self->decision),
                    urgency != NULL ? msk_decision_get_headline (self->decision) : (missing != NULL ? missing : ""),
                    verdict != NULL ? verdict->label : NULL,
                    NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* A section with nothing to show hides its heading, not itself. A hidden
 * widget is never allocated, so GTK 4.8 keeps its resize pending and stops
 * passing its children's resizes through it: once shown again, a section
 * refilled while hidden kept a stale height, and a wrapped label in it was
 * drawn under the next heading. An empty, visible section takes no room. */
static void
show_section (GtkWidget *section,
              gboolean   shown)
{
  gtk_widget_set_visible (gtk_widget_get_first_child (section), shown);
  if (shown)
    gtk_widget_remove_css_class (section, "empty-section");
  else
    gtk_widget_add_css_class (section, "empty-section");
}

static void
show_warnings (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_warnings (self->decision);

  _msk_box_remove_all (self->warnings_box);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_icon_row ("dialog-warning-symbolic", _("Warning"),
                                      msk_decision_get_warning (self->decision, i), NULL);

      gtk_widget_add_css_class (row, "warning-row");
      gtk_box_append (self->warnings_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), n > 0);
}

static GtkWidget *
make_action_card (gpointer data,
                  guint    i)
{
  MskDecisionPane *self = data;
  const MskAction *action = msk_decision_get_action (self->decision, i);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* The route's own outcome, so an action card never wears a look
   * that contradicts the headline's (a tick beside "refer"). */
  const KindLook *look = look_for_kind (action->outcome->kind);
  g_autofree char *urgency = msk_action_describe_urgency (action);
  g_autofree char *quoted = g_strdup_printf (_("Policy: “%s”"), action->pathway->text);

  gtk_widget_add_css_class (card, "action");
  gtk_widget_add_css_class (card, look->css_class);
  gtk_box_append (GTK_BOX (card),
                  make_icon_row (look->icon, action->urgency->label,
                                 action->pathway->title, "action-title"));
  append_label (GTK_BOX (card), urgency, "action-urgency");
  /* The policy's words in quotation marks, the app's marked as its own. */
  append_label (GTK_BOX (card), quoted, NULL);
  if (action->pathway->in_short != NULL)
    {
      g_autofree char *in_short = g_strdup_printf (_("In short (this app's words): %s"), action->pathway->in_short);
      append_label (GTK_BOX (card), in_short, "dim-label");
    }
  if (action->pathway->resource != NULL)
    append_resource (GTK_BOX (card), action->pathway->resource);
  return card;
}

/* Everything an action card shows comes from these items. */
static char *
action_key (const MskAction *a)
{
  return g_strdup_printf ("%p,%p,%p,%p,%p", (gpointer) a->route, (gpointer) a->urgency,
                          (gpointer) a->outcome, (gpointer) a->why, (gpointer) a->basis);
}

static void
show_actions (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_actions (self->decision);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  show_section (self->actions_section, n > 0);
  for (guint i = 0; i < n; i++)
    _msk_row_keys_add (keys, action_key (msk_decision_get_action (self->decision, i)));
  _msk_box_sync_rows (self->actions_box, keys, make_action_card, self);
}

static void
show_service (MskDecisionPane *self)
{
  const MskService *service = msk_decision_get_service (self->decision);

  _msk_box_remove_all (self->service_box);
  show_section (self->service_section, service != NULL);
  if (service == NULL)
    return;

  append_label (self->service_box, service->borough->label, "service-borough");
  append_label (self->service_box, service->service, NULL);
  append_label (self->service_box, service->referral, NULL);
  if (service->resource != NULL)
    append_resource (self->service_box, service->resource);
  if (!service->details_known)
    {
      const char *note = msk_policy_get_services_note (msk_decision_get_policy (self->decision));
      GtkWidget *row = make_icon_row ("dialog-information-symbolic", _("Note"),
                                      note != NULL ? note : _("The service details are not known yet."),
                                      NULL);

      gtk_widget_add_css_class (row, "service-gap");
      gtk_box_append (self->service_box, row);
    }
}

/* Row i of "Why": each action's reason, then the policy's rationale. */
static GtkWidget *
make_why_row (gpointer data,
              guint    i)
{
  MskDecisionPane *self = data;
  guint n_actions = msk_decision_get_n_actions (self->decision);
  const MskRationale *rationale;
  GtkWidget *item;

  if (i < n_actions)
    return _msk_wrapped_label_new (msk_decision_get_action (self->decision, i)->why, NULL);

  rationale = msk_decision_get_rationale (self->decision, i - n_actions);
  item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (item, "rationale");
  {
    g_autofree char *quoted = g_strdup_printf (_("Policy: “%s”"), rationale->text);
    append_label (GTK_BOX (item), quoted, NULL);
  }
  if (rationale->resource != NULL)
    append_resource (GTK_BOX (item), rationale->resource);
  return item;
}

static void
show_why (MskDecisionPane *self)
{
  guint n_actions = msk_decision_get_n_actions (self->decision);
  guint n_rationale = msk_decision_get_n_rationale (self->decision);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  show_section (self->why_section, n_actions > 0 || n_rationale > 0);
  for (guint i = 0; i < n_actions; i++)
    _msk_row_keys_add (keys, g_strdup_printf ("why %p", (gpointer) msk_decision_get_action (self->decision, i)->why));
  for (guint i = 0; i < n_rationale; i++)
    _msk_row_keys_add (keys, g_strdup_printf ("rationale %p", (gpointer) msk_decision_get_rationale (self->decision, i)));
  _msk_box_sync_rows (self->why_box, keys, make_why_row, self);
}

static GtkWidget *
make_evidence_row (gpointer data,
                   guint    i)
{
  MskDecisionPane *self = data;

  return make_resource (msk_decision_get_resource (self->decision, i));
}

static void
show_evidence (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_resources (self->decision);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  show_section (self->evidence_section, n > 0);
  for (guint i = 0; i < n; i++)
    _msk_row_keys_add (keys, g_strdup_printf ("resource %p", (gpointer) msk_decision_get_resource (self->decision, i)));
  _msk_box_sync_rows (self->evidence_box, keys, make_evidence_row, self);
}

static void
show_trace (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_actions (self->decision);

  _msk_box_remove_all (self->trace_box);
  if (n == 0)
    append_label (self->trace_box, _("No rule of the policy applies yet."), "dim-label");
  for (guint i = 0; i < n; i++)
    {
      const MskAction *action = msk_decision_get_action (self->decision, i);
      g_autofree char *line = NULL;

      /* Translators: %u is the step number, %s a rule id from the policy file */
      line = g_strdup_printf (_("%u. Rule “%s” applies"), i + 1, action->route->id);
      append_label (self->trace_box, line, "trace-rule");
      append_label (self->trace_box, action->why, "dim-label");
    }
  if (n > 1)
    append_label (self->trace_box,
                  _("Every rule that applies is listed, most urgent first; the first sets the outcome."),
                  "dim-label");
}

static void
show_stamp (MskDecisionPane *self)
{
  MskPolicy *policy = msk_decision_get_policy (self->decision);
  g_autofree char *policy_stamp = msk_policy_format_stamp (policy);
  g_autofree char *today = msk_format_date_uk (msk_decision_get_date (self->decision));
  g_autofree char *stamp = NULL;

  /* Nothing is decided on a form not yet filled in: the date is the one
   * the policy is read for (its review warning depends on it). */
  if (msk_decision_is_incomplete (self->decision))
    /* Translators: the policy stamp (title, version, dates, file
     * fingerprint), then the date the policy is read for */
    stamp = g_strdup_printf (_("%s · as of %s"), policy_stamp, today);
  else
    /* Translators: the policy stamp (title, version, dates, file
     * fingerprint), then the date of the decision */
    stamp = g_strdup_printf (_("%s · decided %s"), policy_stamp, today);
  gtk_label_set_text (self->stamp_label, stamp);
}

static void
bring_trace_into_view (gpointer data)
{
  MskDecisionPane *self = data;

  self->trace_shown_id = 0;
  _msk_scroll_into_view (GTK_WIDGET (self->trace_expander), FALSE);
}

/* "How this was decided" opened (Alt+H, or a click) comes into view: it
 * is the pane's last part, and Alt+H opened it below the fold with
 * nothing on screen changing (GP review). */
static void
trace_expanded_cb (MskDecisionPane *self)
{
  if (gtk_expander_get_expanded (self->trace_expander) && self->trace_shown_id == 0)
    self->trace_shown_id = _msk_after_next_layout (GTK_WIDGET (self->trace_expander), bring_trace_into_view, self);
}

static void
msk_decision_pane_dispose (GObject *object)
{
  MskDecisionPane *self = MSK_DECISION_PANE (object);

  g_clear_handle_id (&self->changed_mark_id, g_source_remove);
  if (self->trace_shown_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->trace_expander), self->trace_shown_id);
  self->trace_shown_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_DECISION_PANE);
  G_OBJECT_CLASS (msk_decision_pane_parent_class)->dispose (object);
}

static void
msk_decision_pane_finalize (GObject *object)
{
  MskDecisionPane *self = MSK_DECISION_PANE (object);

  g_clear_pointer (&self->decision, msk_decision_unref);
  g_clear_pointer (&self->rows_policy, msk_policy_unref);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_free (self->keys[i]);
  G_OBJECT_CLASS (msk_decision_pane_parent_class)->finalize (object);
}

static void
msk_decision_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MskDecisionPane *self = MSK_DECISION_PANE (object);

  switch (prop_id)
    {
    case PROP_DECISION:
      g_value_set_boxed (value, self->decision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_decision_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MskDecisionPane *self = MSK_DECISION_PANE (object);

  switch (prop_id)
    {
    case PROP_DECISION:
      msk_decision_pane_set_decision (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_decision_pane_class_init (MskDecisionPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_decision_pane_dispose;
  object_class->finalize = msk_decision_pane_finalize;
  object_class->get_property = msk_decision_pane_get_property;
  object_class->set_property = msk_decision_pane_set_property;

  properties[PROP_DECISION] =
    g_param_spec_boxed ("decision", NULL, NULL, MSK_TYPE_DECISION,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-decision-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, urgency_icon);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, urgency_label);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, missing_label);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, actions_section);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, actions_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, service_section);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, service_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, why_section);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, why_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, evidence_section);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, trace_expander);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, trace_box);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, stamp_label);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, patient_sheet_button);
  gtk_widget_class_bind_template_child (widget_class, MskDecisionPane, copy_button);
}

static void
msk_decision_pane_init (MskDecisionPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _msk_wrapped_labels_measure_once (GTK_WIDGET (self));
  g_signal_connect_object (self->trace_expander, "notify::expanded",
                           G_CALLBACK (trace_expanded_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
msk_decision_pane_new (void)
{
  return g_object_new (MSK_TYPE_DECISION_PANE, NULL);
}

MskDecision *
msk_decision_pane_get_decision (MskDecisionPane *self)
{
  g_return_val_if_fail (MSK_IS_DECISION_PANE (self), NULL);

  return self->decision;
}

/* What a section shows, as the identity of the policy items behind it:
 * items point into the policy, so equal pointers are equal content. */
static char *
section_key (MskDecision *d,
             guint        section)
{
  GString *key = g_string_new (NULL);
  guint n_actions = msk_decision_get_n_actions (d);

  g_string_append_printf (key, "%p;", (gpointer) msk_decision_get_policy (d));
  switch (section)
    {
    case SECTION_WARNINGS:
      for (guint i = 0; i < msk_decision_get_n_warnings (d); i++)
        g_string_append_printf (key, "%p,", (gpointer) msk_decision_get_warning (d, i));
      break;
    case SECTION_TRACE:
      for (guint i = 0; i < n_actions; i++)
        {
          g_autofree char *action = action_key (msk_decision_get_action (d, i));
          g_string_append_printf (key, "%s;", action);
        }
      break;
    case SECTION_SERVICE:
      g_string_append_printf (key, "%p", (gpointer) msk_decision_get_service (d));
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (key, FALSE);
}

static gboolean
section_changed (MskDecisionPane *self,
                 guint            section)
{
  g_autofree char *key = section_key (self->decision, section);

  if (g_strcmp0 (key, self->keys[section]) == 0)
    return FALSE;
  g_free (self->keys[section]);
  self->keys[section] = g_steal_pointer (&key);
  return TRUE;
}

void
msk_decision_pane_set_decision (MskDecisionPane *self,
                                MskDecision     *decision)
{
  const MskOutcome *before = NULL;

  g_return_if_fail (MSK_IS_DECISION_PANE (self));
  g_return_if_fail (decision != NULL);

  if (self->decision == decision)
    return;

  if (self->decision != NULL)
    before = msk_decision_get_outcome (self->decision);
  g_clear_pointer (&self->decision, msk_decision_unref);
  self->decision = msk_decision_ref (decision);
  if (self->rows_policy != msk_decision_get_policy (decision))
    {
      _msk_box_remove_all (self->actions_box);
      _msk_box_remove_all (self->why_box);
      _msk_box_remove_all (self->evidence_box);
      g_clear_pointer (&self->rows_policy, msk_policy_unref);
      self->rows_policy = msk_policy_ref (msk_decision_get_policy (decision));
    }

  show_outcome (self);
  if (section_changed (self, SECTION_WARNINGS))
    show_warnings (self);
  show_actions (self);
  if (section_changed (self, SECTION_SERVICE))
    show_service (self);
  show_why (self);
  show_evidence (self);
  if (section_changed (self, SECTION_TRACE))
    show_trace (self);
  show_stamp (self);
  /* The first decision shown is not a change, nor is the blank form of a
   * new request; nor is a new decision with the same outcome, such as a
   * borough chosen after the region. */
  if (before != NULL && !self->fresh && before != msk_decision_get_outcome (decision))
    mark_outcome_changed (self);
  self->fresh = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
}

/* Called before the form is cleared for a new request: the decision that
 * follows is a new patient's blank form, not a change of outcome, and a
 * ring still on the last patient's outcome goes with them. */
void
msk_decision_pane_reset_view (MskDecisionPane *self)
{
  g_return_if_fail (MSK_IS_DECISION_PANE (self));

  self->fresh = TRUE;
  clear_changed_mark (self);
  gtk_expander_set_expanded (self->trace_expander, FALSE);
  _msk_scroll_to_top (GTK_WIDGET (self));
}
