/* msk-application.c — minimal shell until the window lands (issue 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-application.h"
#include "msk-policy-source.h"

struct _MskApplication
{
  GtkApplication  parent_instance;
  char           *policy_path;
  GDate           today;
};

G_DEFINE_FINAL_TYPE (MskApplication, msk_application, GTK_TYPE_APPLICATION)

static void
msk_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("MSK MRI Advisor"));
      gtk_window_set_default_size (window, 1000, 700);
    }
  gtk_window_present (window);
}

static void
msk_application_finalize (GObject *object)
{
  MskApplication *self = MSK_APPLICATION (object);

  g_free (self->policy_path);
  G_OBJECT_CLASS (msk_application_parent_class)->finalize (object);
}

static void
msk_application_class_init (MskApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = msk_application_activate;
}

static void
msk_application_init (MskApplication *self)
{
}

MskApplication *
msk_application_new (const char  *policy_path,
                     const GDate *today)
{
  MskApplication *self = g_object_new (MSK_TYPE_APPLICATION,
                                       "application-id", APPLICATION_ID,
                                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                                       NULL);
  self->policy_path = g_strdup (policy_path);
  self->today = *today;
  return self;
}
