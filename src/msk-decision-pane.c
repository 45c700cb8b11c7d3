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
#include "msk-links.h"

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
  GtkBox      *trace_box;
  GtkLabel    *stamp_label;
  GtkWidget   *patient_sheet_button;
  GtkWidget   *copy_button;

  MskDecision *decision;
  char        *urgency_class;
};

G_DEFINE_FINAL_TYPE (MskDecisionPane, msk_decision_pane, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
append_label (GtkBox     *box,
              const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
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
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (GTK_GRID (row), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), label, 1, 0, 1, 1);
  return row;
}

/* A resource as a link when it has an address, else as its title; its note
 * says what it is, or that the policy's own link is a placeholder. */
static void
append_resource (GtkBox            *box,
                 const MskResource *resource)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *link = msk_resource_link_new (resource);

  gtk_widget_add_css_class (item, "resource");
  if (link != NULL)
    gtk_box_append (GTK_BOX (item), link);
  else
    append_label (GTK_BOX (item), resource->title, "resource-title");
  if (resource->note != NULL)
    append_label (GTK_BOX (item), resource->note, "dim-label");
  gtk_box_append (box, item);
}

static void
show_outcome (MskDecisionPane *self)
{
  const MskUrgency *urgency = msk_decision_get_urgency (self->decision);
  const MskVerdict *verdict = msk_decision_get_verdict (self->decision);
  const char *missing = msk_decision_get_missing (self->decision);

  if (self->urgency_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_box), self->urgency_class);
  g_clear_pointer (&self->urgency_class, g_free);

  /* Colour follows the rank, not the id, so a policy may rename urgencies. */
  if (urgency != NULL)
    self->urgency_class = g_strdup_printf ("urgency-rank-%d", MIN (urgency->rank, 3));
  else
    self->urgency_class = g_strdup ("incomplete");
  gtk_widget_add_css_class (GTK_WIDGET (self->outcome_box), self->urgency_class);

  gtk_image_set_from_icon_name (self->urgency_icon,
                                urgency != NULL ? urgency->icon : "dialog-information-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->urgency_label), urgency != NULL);
  if (urgency != NULL)
    gtk_label_set_text (self->urgency_label, urgency->label);

  gtk_label_set_text (self->outcome_label, msk_decision_get_outcome (self->decision)->label);

  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), verdict != NULL);
  if (verdict != NULL)
    gtk_label_set_text (self->verdict_label, verdict->label);

  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  if (missing != NULL)
    gtk_label_set_text (self->missing_label, missing);
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

  remove_children (self->warnings_box);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_icon_row ("dialog-warning-symbolic", _("Warning"),
                                      msk_decision_get_warning (self->decision, i), NULL);

      gtk_widget_add_css_class (row, "warning-row");
      gtk_box_append (self->warnings_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), n > 0);
}

static void
show_actions (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_actions (self->decision);

  remove_children (self->actions_box);
  show_section (self->actions_section, n > 0);
  for (guint i = 0; i < n; i++)
    {
      const MskAction *action = msk_decision_get_action (self->decision, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *rank_class = g_strdup_printf ("urgency-rank-%d", MIN (action->urgency->rank, 3));

      gtk_widget_add_css_class (card, "action");
      gtk_widget_add_css_class (card, rank_class);
      gtk_box_append (GTK_BOX (card),
                      make_icon_row (action->urgency->icon, action->urgency->label,
                                     action->pathway->title, "action-title"));
      append_label (GTK_BOX (card), action->urgency->label, "action-urgency");
      append_label (GTK_BOX (card), action->pathway->text, NULL);
      if (action->pathway->resource != NULL)
        append_resource (GTK_BOX (card), action->pathway->resource);
      gtk_box_append (self->actions_box, card);
    }
}

static void
show_service (MskDecisionPane *self)
{
  const MskService *service = msk_decision_get_service (self->decision);

  remove_children (self->service_box);
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

static void
show_why (MskDecisionPane *self)
{
  guint n_actions = msk_decision_get_n_actions (self->decision);
  guint n_rationale = msk_decision_get_n_rationale (self->decision);

  remove_children (self->why_box);
  show_section (self->why_section, n_actions > 0 || n_rationale > 0);
  for (guint i = 0; i < n_actions; i++)
    {
      const MskAction *action = msk_decision_get_action (self->decision, i);

      if (action->route->why != NULL)
        append_label (self->why_box, action->route->why, NULL);
    }
  for (guint i = 0; i < n_rationale; i++)
    {
      const MskRationale *rationale = msk_decision_get_rationale (self->decision, i);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (item, "rationale");
      append_label (GTK_BOX (item), rationale->text, NULL);
      if (rationale->resource != NULL)
        append_resource (GTK_BOX (item), rationale->resource);
      gtk_box_append (self->why_box, item);
    }
}

static void
show_evidence (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_resources (self->decision);

  remove_children (self->evidence_box);
  show_section (self->evidence_section, n > 0);
  for (guint i = 0; i < n; i++)
    append_resource (self->evidence_box, msk_decision_get_resource (self->decision, i));
}

static void
show_trace (MskDecisionPane *self)
{
  guint n = msk_decision_get_n_actions (self->decision);

  remove_children (self->trace_box);
  if (n == 0)
    append_label (self->trace_box, _("No rule of the policy applies yet."), "dim-label");
  for (guint i = 0; i < n; i++)
    {
      const MskAction *action = msk_decision_get_action (self->decision, i);
      g_autofree char *line = NULL;

      /* Translators: %u is the step number, %s a rule id from the policy file */
      line = g_strdup_printf (_("%u. Rule “%s” applies"), i + 1, action->route->id);
      append_label (self->trace_box, line, "trace-rule");
      if (action->route->why != NULL)
        append_label (self->trace_box, action->route->why, "dim-label");
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
  g_autofree char *effective = msk_format_date_uk (msk_policy_get_effective (policy));
  g_autofree char *review = msk_format_date_uk (msk_policy_get_review (policy));
  g_autofree char *today = msk_format_date_uk (msk_decision_get_date (self->decision));
  g_autofree char *short_hash = g_strndup (msk_policy_get_sha256 (policy), 12);
  g_autofree char *stamp = NULL;

  /* Translators: the policy stamp; id, version, dates (DD/MM/YYYY), a short
   * checksum of the policy file, and the date of the decision */
  stamp = g_strdup_printf (_("Policy %s version %s · effective %s · review %s · sha256 %s · decided %s"),
                           msk_policy_get_id (policy), msk_policy_get_version (policy),
                           effective, review, short_hash, today);
  gtk_label_set_text (self->stamp_label, stamp);
}

static void
msk_decision_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_DECISION_PANE);
  G_OBJECT_CLASS (msk_decision_pane_parent_class)->dispose (object);
}

static void
msk_decision_pane_finalize (GObject *object)
{
  MskDecisionPane *self = MSK_DECISION_PANE (object);

  g_clear_pointer (&self->decision, msk_decision_unref);
  g_free (self->urgency_class);
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

void
msk_decision_pane_set_decision (MskDecisionPane *self,
                                MskDecision     *decision)
{
  g_return_if_fail (MSK_IS_DECISION_PANE (self));
  g_return_if_fail (decision != NULL);

  if (self->decision == decision)
    return;

  g_clear_pointer (&self->decision, msk_decision_unref);
  self->decision = msk_decision_ref (decision);

  show_outcome (self);
  show_warnings (self);
  show_actions (self);
  show_service (self);
  show_why (self);
  show_evidence (self);
  show_trace (self);
  show_stamp (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
}
