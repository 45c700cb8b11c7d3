/* msk-clamp-scrollable.c — lets the child of a clamp scroll itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkScrolledWindow puts a child that is not GtkScrollable in a viewport
 * and scrolls the whole of it, so a text view inside a plain MskClamp could
 * not scroll to a mark or by its own keys. This widget is GtkScrollable: it
 * holds a clamp, fills itself with it, and hands the scrolled window's
 * adjustments on to the clamp's child (a text view, a list), which then
 * scrolls itself inside the clamped column.
 *
 * MskClamp itself cannot be GtkScrollable: the scrolled window asks the
 * type, not the child, and a clamp around a plain box needs the viewport.
 * Holding the clamp keeps its width logic in one place.
 */
#include "config.h"

#include "msk-clamp-scrollable.h"

struct _MskClampScrollable
{
  GtkWidget            parent_instance;

  MskClamp            *clamp;
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  GtkScrollablePolicy  hscroll_policy;
  GtkScrollablePolicy  vscroll_policy;
};

static void msk_clamp_scrollable_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MskClampScrollable, msk_clamp_scrollable, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      msk_clamp_scrollable_scrollable_init))

enum {
  PROP_0,
  PROP_CLAMP,
  N_PROPS,
  /* GtkScrollable's, overridden. */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
get_scrolling_child (MskClampScrollable *self)
{
  GtkWidget *child = self->clamp != NULL ? msk_clamp_get_child (self->clamp) : NULL;

  return GTK_IS_SCROLLABLE (child) ? child : NULL;
}

/* The clamp's child does the scrolling, so it gets what the scrolled
 * window gave; again whenever the clamp is given another child. */
static void
forward_scrolling (MskClampScrollable *self)
{
  GtkWidget *child = get_scrolling_child (self);

  if (child == NULL)
    return;
  g_object_set (child,
                "hadjustment", self->hadjustment,
                "vadjustment", self->vadjustment,
                "hscroll-policy", self->hscroll_policy,
                "vscroll-policy", self->vscroll_policy,
                NULL);
}

static gboolean
msk_clamp_scrollable_get_border (GtkScrollable *scrollable,
                                 GtkBorder     *border)
{
  GtkWidget *child = get_scrolling_child (MSK_CLAMP_SCROLLABLE (scrollable));

  return child != NULL && gtk_scrollable_get_border (GTK_SCROLLABLE (child), border);
}

static void
msk_clamp_scrollable_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = msk_clamp_scrollable_get_border;
}

static void
msk_clamp_scrollable_dispose (GObject *object)
{
  MskClampScrollable *self = MSK_CLAMP_SCROLLABLE (object);

  msk_clamp_scrollable_set_clamp (self, NULL);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  G_OBJECT_CLASS (msk_clamp_scrollable_parent_class)->dispose (object);
}

static void
msk_clamp_scrollable_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MskClampScrollable *self = MSK_CLAMP_SCROLLABLE (object);

  switch (prop_id)
    {
    case PROP_CLAMP:
      g_value_set_object (value, self->clamp);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_clamp_scrollable_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MskClampScrollable *self = MSK_CLAMP_SCROLLABLE (object);

  switch (prop_id)
    {
    case PROP_CLAMP:
      msk_clamp_scrollable_set_clamp (self, g_value_get_object (value));
      return;
    case PROP_HADJUSTMENT:
      g_set_object (&self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      g_set_object (&self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  forward_scrolling (self);
}

static void
msk_clamp_scrollable_class_init (MskClampScrollableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_clamp_scrollable_dispose;
  object_class->get_property = msk_clamp_scrollable_get_property;
  object_class->set_property = msk_clamp_scrollable_set_property;

  properties[PROP_CLAMP] =
    g_param_spec_object ("clamp", NULL, NULL, MSK_TYPE_CLAMP,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* The clamp fills this widget; it measures and centres its child. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
msk_clamp_scrollable_init (MskClampScrollable *self)
{
}

GtkWidget *
msk_clamp_scrollable_new (void)
{
  return g_object_new (MSK_TYPE_CLAMP_SCROLLABLE, NULL);
}

MskClamp *
msk_clamp_scrollable_get_clamp (MskClampScrollable *self)
{
  g_return_val_if_fail (MSK_IS_CLAMP_SCROLLABLE (self), NULL);

  return self->clamp;
}

/**
 * msk_clamp_scrollable_set_clamp:
 * @clamp: (nullable): the clamp to hold; its child scrolls if it is a
 *   GtkScrollable, and stays still otherwise
 */
void
msk_clamp_scrollable_set_clamp (MskClampScrollable *self,
                                MskClamp           *clamp)
{
  g_return_if_fail (MSK_IS_CLAMP_SCROLLABLE (self));
  g_return_if_fail (clamp == NULL || MSK_IS_CLAMP (clamp));

  if (self->clamp == clamp)
    return;
  if (self->clamp != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->clamp, forward_scrolling, self);
      gtk_widget_unparent (GTK_WIDGET (self->clamp));
    }
  self->clamp = clamp;
  if (clamp != NULL)
    {
      gtk_widget_set_parent (GTK_WIDGET (clamp), GTK_WIDGET (self));
      g_signal_connect_swapped (clamp, "notify::child", G_CALLBACK (forward_scrolling), self);
      forward_scrolling (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAMP]);
}
