/* msk-clamp.c — keeps one child to a readable line length, centred
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no clamp of its own and libadwaita is not in the design. The
 * limit is in characters of the current font, so it follows text scaling:
 * larger text gives a wider column, never fewer words per line.
 */
#include "config.h"

#include "msk-clamp.h"
#include "msk-utils-private.h"

struct _MskClamp
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        max_chars;
  int        allocated_child_width;  /* at the last allocation, margins in */
};

static void msk_clamp_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MskClamp, msk_clamp, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      msk_clamp_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_MAX_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static int
get_max_width (MskClamp *self)
{
  return PANGO_PIXELS_CEIL (_msk_font_sizes (GTK_WIDGET (self))->char_width * self->max_chars);
}

static void
msk_clamp_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  MskClamp *self = MSK_CLAMP (widget);
  int max_width;

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  max_width = get_max_width (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->child, orientation, for_size,
                          minimum, natural, NULL, NULL);
      *natural = MAX (*minimum, MIN (*natural, max_width));
    }
  else
    {
      int child_for = for_size;

      if (for_size >= 0)
        {
          int child_min = 0;

          gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1,
                              &child_min, NULL, NULL, NULL);
          child_for = MAX (child_min, MIN (for_size, max_width));
        }
      else if (self->allocated_child_width > 0)
        {
          /* A height for no width in particular, which GtkScrolledWindow
           * asks of its child and, with no propagated natural height,
           * never uses: the child's height at the width it has, so its
           * wrapped text is not laid out again at its minimum width
           * (GtkGrid answers -1 there) to be thrown away. */
          child_for = self->allocated_child_width;
        }
      gtk_widget_measure (self->child, orientation, child_for,
                          minimum, natural, NULL, NULL);
    }
}

static void
msk_clamp_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  MskClamp *self = MSK_CLAMP (widget);
  int child_min = 0;
  int child_width;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1,
                      &child_min, NULL, NULL, NULL);
  child_width = MAX (child_min, MIN (width, get_max_width (self)));
  self->allocated_child_width = child_width;
  gtk_widget_size_allocate (self->child,
                            &(GtkAllocation) { (width - child_width) / 2, 0, child_width, height },
                            -1);
}

static GtkSizeRequestMode
msk_clamp_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msk_clamp_buildable_add_child (GtkBuildable *buildable,
                               GtkBuilder   *builder,
                               GObject      *child,
                               const char   *type)
{
  if (GTK_IS_WIDGET (child))
    msk_clamp_set_child (MSK_CLAMP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
msk_clamp_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = msk_clamp_buildable_add_child;
}

static void
msk_clamp_dispose (GObject *object)
{
  MskClamp *self = MSK_CLAMP (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (msk_clamp_parent_class)->dispose (object);
}

static void
msk_clamp_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MskClamp *self = MSK_CLAMP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_MAX_CHARS:
      g_value_set_int (value, self->max_chars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_clamp_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MskClamp *self = MSK_CLAMP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      msk_clamp_set_child (self, g_value_get_object (value));
      break;
    case PROP_MAX_CHARS:
      msk_clamp_set_max_chars (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_clamp_class_init (MskClampClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_clamp_dispose;
  object_class->get_property = msk_clamp_get_property;
  object_class->set_property = msk_clamp_set_property;

  widget_class->measure = msk_clamp_measure;
  widget_class->size_allocate = msk_clamp_size_allocate;
  widget_class->get_request_mode = msk_clamp_get_request_mode;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_CHARS] =
    g_param_spec_int ("max-chars", NULL, NULL, 10, 1000, 70,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "clamp");
}

static void
msk_clamp_init (MskClamp *self)
{
  self->max_chars = 70;
}

GtkWidget *
msk_clamp_new (void)
{
  return g_object_new (MSK_TYPE_CLAMP, NULL);
}

GtkWidget *
msk_clamp_get_child (MskClamp *self)
{
  g_return_val_if_fail (MSK_IS_CLAMP (self), NULL);

  return self->child;
}

void
msk_clamp_set_child (MskClamp  *self,
                     GtkWidget *child)
{
  g_return_if_fail (MSK_IS_CLAMP (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->allocated_child_width = 0;
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
msk_clamp_get_max_chars (MskClamp *self)
{
  g_return_val_if_fail (MSK_IS_CLAMP (self), 0);

  return self->max_chars;
}

void
msk_clamp_set_max_chars (MskClamp *self,
                         int       max_chars)
{
  g_return_if_fail (MSK_IS_CLAMP (self));

  if (self->max_chars == max_chars)
    return;
  self->max_chars = max_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CHARS]);
}
