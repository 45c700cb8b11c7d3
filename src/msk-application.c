/* msk-application.c — the GtkApplication: one window, settings, shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application has no resource base path, so GtkApplication loads nothing
 * by itself at start-up: it would otherwise build the shortcuts window for
 * every window before the first frame, and add a resource path to the icon
 * theme, which throws away the theme its loader thread may already have read
 * (a second load on the main thread, about 60 M instructions). The shortcuts
 * window is built here instead, the first time it is asked for.
 *
 * Environment:
 *   MSK_QUIT_AFTER_FIRST_FRAME=1  quit as soon as the main window has drawn
 *                                 its first frame. The start-up benchmark
 *                                 (bench/) measures launch-to-first-frame
 *                                 with it; see msk-window.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-application.h"
#include "msk-policy-source.h"
#include "msk-window.h"

struct _MskApplication
{
  GtkApplication  parent_instance;

  char           *policy_path;
  GDate           today;
};

G_DEFINE_FINAL_TYPE (MskApplication, msk_application, GTK_TYPE_APPLICATION)

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
};

/* win.show-help-overlay, as GtkApplication would install it, but building
 * the window from its .ui only when it is first shown. */
static void
show_help_overlay_activated_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/nel/MskMriAdvisor/gtk/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* The window keeps it (and destroys it with itself); it finds our
       * action already installed and leaves it in place. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
msk_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    /* What GtkApplication sets when it loads the overlay itself; the window
     * builds the overlay on first use, so the accelerator is set here. */
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  GtkSettings *gtk_settings;
  g_autoptr(GtkCssProvider) css = NULL;

  G_APPLICATION_CLASS (msk_application_parent_class)->startup (app);

  /* The app never writes patient details to disk, and the name and place
   * of an exported summary say whose it is when read beside the practice
   * list: GTK's recently-used list must not keep them. The window's own
   * keys are bound in msk-window.c, beside its actions. */
  gtk_settings = gtk_settings_get_default ();
  if (gtk_settings != NULL)
    {
      gboolean enabled = FALSE;

      /* Only when it changes: GTK 4.8's recent manager answers every
       * change of this setting by rewriting the list, shared by every
       * application, as empty. Here, at start-up, no manager exists yet;
       * the file dialog creates it later, with the setting already off,
       * and then neither adds to the list nor rewrites it. */
      g_object_get (gtk_settings, "gtk-recent-files-enabled", &enabled, NULL);
      if (enabled)
        g_object_set (gtk_settings, "gtk-recent-files-enabled", FALSE, NULL);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/nel/MskMriAdvisor/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
msk_application_activate (GApplication *app)
{
  MskApplication *self = MSK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_refusal_free);
      g_autoptr(MskPolicy) policy = msk_policy_load_preferred (self->policy_path, refusals);

      window = GTK_WINDOW (msk_window_new (self, policy, &self->today, refusals));
    }
  gtk_window_present (window);
}

static void
msk_application_window_added (GtkApplication *app,
                              GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (msk_application_parent_class)->window_added (app, window);

  if (GTK_IS_APPLICATION_WINDOW (window))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_activated_cb), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = msk_application_finalize;
  app_class->startup = msk_application_startup;
  app_class->activate = msk_application_activate;
  gtk_app_class->window_added = msk_application_window_added;
}

static void
msk_application_init (MskApplication *self)
{
  g_date_clear (&self->today, 1);
}

MskApplication *
msk_application_new (const char  *policy_path,
                     const GDate *today)
{
  MskApplication *self;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  /* NON_UNIQUE: a second instance must evaluate with its own --policy and
   * --date, not hand them to whichever window happens to be open. No
   * resource base path: see the top of this file. */
  self = g_object_new (MSK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", NULL,
                       NULL);
  self->policy_path = g_strdup (policy_path);
  self->today = *today;
  return self;
}
