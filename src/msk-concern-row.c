/* msk-concern-row.c — one red-flag concern: tick box, help, what to look for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every word shown here comes from the policy file; the row only arranges it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-concern-row.h"
#include "msk-request.h"
#include "msk-utils-private.h"

struct _MskConcernRow
{
  GtkGrid           parent_instance;

  GtkCheckButton   *check;
  GtkLabel         *check_label;
  GtkLabel         *help_label;
  GtkExpander      *prompts_expander;
  GtkLabel         *prompts_heading;
  GtkBox           *prompts_box;
  GtkBox           *signs_box;
  GPtrArray        *sign_checks;  /* GtkCheckButton, one per emergency sign */

  MskPolicy        *policy;
  const MskConcern *concern;
  gboolean          prompts_filled;
};

G_DEFINE_FINAL_TYPE (MskConcernRow, msk_concern_row, GTK_TYPE_GRID)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_SIGNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* On first opening, not at start-up: most rows are never opened, and the
 * window should be on screen fast. */
static void
fill_prompts (MskConcernRow *self)
{
  const char *note = msk_policy_get_prompts_note (self->policy);

  if (self->prompts_filled)
    return;
  self->prompts_filled = TRUE;

  for (guint i = 0; i < self->concern->n_prompts; i++)
    {
      const MskPrompt *prompt = &self->concern->prompts[i];
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_append (GTK_BOX (item), _msk_wrapped_label_new (prompt->text, "prompt"));
      if (prompt->source != NULL)
        {
          g_autofree char *source = NULL;

          if (prompt->secondary)
            /* Translators: the title of a guidance document a prompt comes from */
            source = g_strdup_printf (_("Source: %s (secondary source)"), prompt->source->title);
          else
            source = g_strdup_printf (_("Source: %s"), prompt->source->title);
          gtk_box_append (GTK_BOX (item), _msk_wrapped_label_new (source, "prompt-source"));
        }
      gtk_box_append (self->prompts_box, item);
    }
  if (note != NULL)
    gtk_box_append (self->prompts_box, _msk_wrapped_label_new (note, "dim-label"));
}

static void
sign_toggled_cb (MskConcernRow  *self,
                 GtkCheckButton *check)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNS]);
}

/* An emergency sign is offered only under its ticked concern (PRODUCT.md). */
static void
fill_signs (MskConcernRow *self)
{
  for (guint i = 0; i < self->concern->n_signs; i++)
    {
      const MskSign *sign = &self->concern->signs[i];
      GtkWidget *check = gtk_check_button_new_with_label (sign->label);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *source = g_strdup_printf (_("Source: %s"), sign->source->title);

      gtk_widget_add_css_class (check, "emergency-sign");
      /* The sign's label wraps as the concern's does: unwrapped, a long
       * label would widen the whole form pane when the concern is ticked. */
      {
        GtkWidget *label = _msk_widget_find_descendant (check, GTK_TYPE_LABEL);

        if (label != NULL)
          _msk_label_set_wrapping (GTK_LABEL (label));
      }
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sign->description,
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (sign_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (item), check);
      gtk_box_append (GTK_BOX (item), _msk_wrapped_label_new (sign->description, "prompt"));
      gtk_box_append (GTK_BOX (item), _msk_wrapped_label_new (source, "prompt-source"));
      gtk_box_append (self->signs_box, item);
      g_ptr_array_add (self->sign_checks, g_object_ref (check));
    }
}

static void
check_toggled_cb (MskConcernRow  *self,
                  GtkCheckButton *check)
{
  gboolean active = gtk_check_button_get_active (check);
  gboolean cleared = FALSE;

  /* Unticking the concern clears its signs: ticked again later, it starts
   * from nothing, never from a sign the clinician no longer sees. */
  if (!active)
    for (guint i = 0; i < self->sign_checks->len; i++)
      {
        GtkCheckButton *sign = self->sign_checks->pdata[i];

        g_signal_handlers_block_by_func (sign, sign_toggled_cb, self);
        cleared |= gtk_check_button_get_active (sign);
        gtk_check_button_set_active (sign, FALSE);
        g_signal_handlers_unblock_by_func (sign, sign_toggled_cb, self);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->signs_box), active && self->sign_checks->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (cleared)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNS]);
}

static void
show_whole_card (gpointer data)
{
  _msk_scroll_into_view (GTK_WIDGET (data), FALSE);
}

/* Opened from the keyboard (the expander has the focus; a click does not
 * give it), what to look for may open below the fold: the whole card
 * comes into view once it has its new size, or its top when it is taller
 * than the view, as a card does when Tab reaches it (GP review: opened
 * with keys typed together with a pick before it, the card came into
 * view; typed one by one, it stayed half below the fold). */
static void
expanded_cb (MskConcernRow *self,
             GParamSpec    *pspec,
             GtkExpander   *expander)
{
  if (!gtk_expander_get_expanded (expander))
    return;
  fill_prompts (self);
  if (gtk_widget_has_focus (GTK_WIDGET (expander)))
    _msk_after_next_layout (GTK_WIDGET (self), show_whole_card, self);
}

static void
label_released_cb (MskConcernRow   *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  gtk_widget_activate (GTK_WIDGET (self->check));
}

static void
msk_concern_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_CONCERN_ROW);
  G_OBJECT_CLASS (msk_concern_row_parent_class)->dispose (object);
}

static void
msk_concern_row_finalize (GObject *object)
{
  MskConcernRow *self = MSK_CONCERN_ROW (object);

  g_clear_pointer (&self->policy, msk_policy_unref);
  g_clear_pointer (&self->sign_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (msk_concern_row_parent_class)->finalize (object);
}

static void
msk_concern_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MskConcernRow *self = MSK_CONCERN_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, msk_concern_row_get_active (self));
      break;
    case PROP_SIGNS:
      g_value_set_uint (value, msk_concern_row_get_signs (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_concern_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MskConcernRow *self = MSK_CONCERN_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      msk_concern_row_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_concern_row_class_init (MskConcernRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_concern_row_dispose;
  object_class->finalize = msk_concern_row_finalize;
  object_class->get_property = msk_concern_row_get_property;
  object_class->set_property = msk_concern_row_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Which of the concern's emergency signs are ticked: bit i for its sign i. */
  properties[PROP_SIGNS] =
    g_param_spec_uint ("signs", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-concern-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, check);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, check_label);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, prompts_expander);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, prompts_heading);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, prompts_box);
  gtk_widget_class_bind_template_child (widget_class, MskConcernRow, signs_box);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, label_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, expanded_cb);
}

static void
msk_concern_row_init (MskConcernRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _msk_wrapped_labels_measure_once (GTK_WIDGET (self));
  /* GTK 4.8's GtkExpander has no layout manager and no get_request_mode,
   * so it says "constant size" and is measured once, at no width: its
   * wrapping heading then asks for the height of four lines, which showed
   * as empty space under every closed heading. A bin layout does what the
   * expander's own measure and allocate do (hand everything to its one
   * box), and passes on the box's height-for-width. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self->prompts_expander), gtk_bin_layout_new ());
  /* Held, so the row can answer for its signs until it is finalized. */
  self->sign_checks = g_ptr_array_new_with_free_func (g_object_unref);
}

GtkWidget *
msk_concern_row_new (MskPolicy        *policy,
                     const MskConcern *concern)
{
  MskConcernRow *self;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (concern != NULL, NULL);

  self = g_object_new (MSK_TYPE_CONCERN_ROW, NULL);
  self->policy = msk_policy_ref (policy);
  self->concern = concern;

  gtk_label_set_text (self->check_label, concern->label);
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), concern->help != NULL);
  if (concern->help != NULL)
    gtk_label_set_text (self->help_label, concern->help);
  gtk_label_set_text (self->prompts_heading, msk_policy_get_prompts_heading (policy));
  fill_signs (self);
  gtk_widget_set_visible (GTK_WIDGET (self->prompts_expander), concern->n_prompts > 0);
  /* The expander's label is the heading, which is the same for every
   * concern; a screen reader on the focused expander must hear which
   * concern it opens. */
  {
    /* Translators: accessible name of an expander; the heading of the list
     * of features to look for, then the concern */
    g_autofree char *name = g_strdup_printf (_("%s: %s"), msk_policy_get_prompts_heading (policy), concern->label);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->prompts_expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, concern->label,
                                    -1);
  }
  if (concern->help != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, concern->help,
                                    -1);
  return GTK_WIDGET (self);
}

const MskConcern *
msk_concern_row_get_concern (MskConcernRow *self)
{
  g_return_val_if_fail (MSK_IS_CONCERN_ROW (self), NULL);

  return self->concern;
}

gboolean
msk_concern_row_get_active (MskConcernRow *self)
{
  g_return_val_if_fail (MSK_IS_CONCERN_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
msk_concern_row_set_active (MskConcernRow *self,
                            gboolean       active)
{
  g_return_if_fail (MSK_IS_CONCERN_ROW (self));

  /* The toggled handler notifies. */
  gtk_check_button_set_active (self->check, active);
}

guint
msk_concern_row_get_signs (MskConcernRow *self)
{
  guint signs = 0;

  g_return_val_if_fail (MSK_IS_CONCERN_ROW (self), 0);

  for (guint i = 0; i < self->sign_checks->len && i < 32; i++)
    if (gtk_check_button_get_active (self->sign_checks->pdata[i]))
      signs |= 1u << i;
  return signs;
}

void
msk_concern_row_apply (MskConcernRow *self,
                       MskRequest    *request)
{
  g_return_if_fail (MSK_IS_CONCERN_ROW (self));
  g_return_if_fail (request != NULL);

  if (!msk_concern_row_get_active (self))
    return;
  msk_request_set_concern (request, self->concern, TRUE);
  for (guint i = 0; i < self->sign_checks->len; i++)
    if (gtk_check_button_get_active (self->sign_checks->pdata[i]))
      msk_request_set_sign (request, &self->concern->signs[i], TRUE);
}
