/* msk-gui-test-util.c — shared by the GUI tests and the screenshot tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-gui-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static gboolean
trigger_is_key (GtkShortcutTrigger *trigger,
                guint               keyval,
                GdkModifierType     mods)
{
  /* A trigger may be two keys, "Home|KP_Home". */
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_is_key (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods) ||
           trigger_is_key (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;
}

GtkShortcut *
msk_test_find_shortcut (GtkWidget  *widget,
                        const char *accel,
                        gboolean    unique)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint keyval;
  GdkModifierType mods;
  GtkShortcut *found = NULL;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  keyval = gdk_keyval_to_lower (keyval);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          /* The controller keeps it alive. */
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!trigger_is_key (gtk_shortcut_get_trigger (shortcut), keyval, mods))
            continue;
          if (found != NULL && unique)
            g_error ("two shortcuts for %s", accel);
          if (found == NULL)
            found = shortcut;
        }
    }
  if (found == NULL)
    g_error ("no shortcut for %s", accel);
  return found;
}

void
msk_test_press_shortcut (GtkWidget  *widget,
                         const char *accel,
                         gboolean    unique)
{
  GtkShortcut *shortcut = msk_test_find_shortcut (widget, accel, unique);

  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               widget, gtk_shortcut_get_arguments (shortcut)));
}

void
msk_test_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
frame_done_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
msk_test_wait_for_frame (GtkWidget *widget)
{
  gboolean done = FALSE;

  gtk_widget_add_tick_callback (widget, frame_done_cb, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  msk_test_spin ();
}

void
msk_test_move_pointer_away (void)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gdk_display_get_default ();

  if (GDK_IS_X11_DISPLAY (display))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (display);
      Window root = DefaultRootWindow (xdisplay);
      Screen *screen = DefaultScreenOfDisplay (xdisplay);

      XWarpPointer (xdisplay, None, root, 0, 0, 0, 0,
                    WidthOfScreen (screen) - 1, HeightOfScreen (screen) - 1);
      XSync (xdisplay, False);
    }
#endif
}
