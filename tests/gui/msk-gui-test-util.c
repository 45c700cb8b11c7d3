/* msk-gui-test-util.c — shared by the GUI tests and the screenshot tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-gui-test-util.h"
#include "msk-utils-private.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
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

typedef struct {
  guint            keyval;
  GdkModifierType  mods;
  GtkShortcut     *found;
  gboolean         unique;
  const char      *accel;
} FindKey;

static gboolean
shortcut_is_key (GtkShortcut *shortcut,
                 gpointer     data)
{
  FindKey *find = data;

  if (!trigger_is_key (gtk_shortcut_get_trigger (shortcut), find->keyval, find->mods))
    return FALSE;
  if (find->found != NULL && find->unique)
    g_error ("two shortcuts for %s", find->accel);
  if (find->found == NULL)
    find->found = shortcut;
  /* Looking on for a second one only when it must be the only one. */
  return !find->unique;
}

GtkShortcut *
msk_test_find_shortcut (GtkWidget  *widget,
                        const char *accel,
                        gboolean    unique)
{
  FindKey find = { 0, 0, NULL, unique, accel };

  g_assert_true (gtk_accelerator_parse (accel, &find.keyval, &find.mods));
  find.keyval = gdk_keyval_to_lower (find.keyval);
  _msk_widget_find_shortcut (widget, shortcut_is_key, &find);
  if (find.found == NULL)
    g_error ("no shortcut for %s", accel);
  return find.found;
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

#ifdef GDK_WINDOWING_X11
static Display *
test_xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("real input needs an X display (Xvfb)");
  return gdk_x11_display_get_xdisplay (display);
}

/* The server has made the events (XTest makes them as it reads the
 * request) and sent them before its reply to the XSync; GTK then reads and
 * handles them. Twice: a handled event may ask the server for more. */
static void
x_settle (void)
{
  for (int i = 0; i < 2; i++)
    {
      XSync (test_xdisplay (), False);
      msk_test_spin ();
    }
}

static void
x_key_event (guint    keyval,
             gboolean press)
{
  Display *xdisplay = test_xdisplay ();
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);

  if (code == 0)
    g_error ("no key on this keyboard makes %s", gdk_keyval_name (keyval));
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}
#endif

void
msk_test_x_key (const char *accel)
{
  msk_test_x_send (accel, "");
}

void
msk_test_x_type (const char *text)
{
  msk_test_x_send (NULL, text);
}

void
msk_test_x_send (const char *accel,
                 const char *text)
{
#ifdef GDK_WINDOWING_X11
  msk_test_x_send_now (accel, text);
  x_settle ();
#else
  g_error ("real input needs X11");
#endif
}

void
msk_test_x_hold (guint    keyval,
                 gboolean down)
{
#ifdef GDK_WINDOWING_X11
  x_key_event (keyval, down);
  x_settle ();
#else
  g_error ("real input needs X11");
#endif
}

void
msk_test_x_send_now (const char *accel,
                     const char *text)
{
#ifdef GDK_WINDOWING_X11
  static const struct { GdkModifierType mask; guint keyval; } modifiers[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
  };
  guint keyval;
  GdkModifierType mods;

  if (accel != NULL)
    {
      if (!gtk_accelerator_parse (accel, &keyval, &mods))
        g_error ("not a key: %s", accel);
      for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
        if (mods & modifiers[i].mask)
          x_key_event (modifiers[i].keyval, TRUE);
      x_key_event (keyval, TRUE);
      x_key_event (keyval, FALSE);
      for (guint i = G_N_ELEMENTS (modifiers); i > 0; i--)
        if (mods & modifiers[i - 1].mask)
          x_key_event (modifiers[i - 1].keyval, FALSE);
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != ' ')
        g_error ("cannot type '%c' with one key", *p);
      x_key_event (gdk_unicode_to_keyval ((guchar) *p), TRUE);
      x_key_event (gdk_unicode_to_keyval ((guchar) *p), FALSE);
    }
  /* Sent, and made by the server; GTK reads them when its main loop next
   * runs. */
  XSync (test_xdisplay (), False);
#else
  g_error ("real input needs X11");
#endif
}

void
msk_test_x_point_at (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  Display *xdisplay = test_xdisplay ();
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t in_native;
  double dx, dy;
  int x, y;
  Window child;

  g_assert_nonnull (native);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &in_native));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay),
                         (int) (in_native.x + dx), (int) (in_native.y + dy), &x, &y, &child);
  /* A hand moves the pointer in many small steps; the last two. GDK
   * hands motion to GTK when the surface next draws a frame. */
  XTestFakeMotionEvent (xdisplay, -1, x - 2, y, CurrentTime);
  x_settle ();
  msk_test_wait_for_frame (widget);
  XTestFakeMotionEvent (xdisplay, -1, x, y, CurrentTime);
  x_settle ();
  msk_test_wait_for_frame (widget);
#else
  g_error ("real input needs X11");
#endif
}

GtkWidget *
msk_test_list_row (GtkWidget  *list_view,
                   const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = row;

      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      if (label != NULL && gtk_widget_get_mapped (row) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) == 0)
        return row;
    }
  g_error ("no row %s in the list", name);
}

void
msk_test_x_click (void)
{
#ifdef GDK_WINDOWING_X11
  XTestFakeButtonEvent (test_xdisplay (), 1, True, CurrentTime);
  XTestFakeButtonEvent (test_xdisplay (), 1, False, CurrentTime);
  x_settle ();
#else
  g_error ("real input needs X11");
#endif
}
