/* msk-gui-test-util.h — shared by the GUI tests and the screenshot tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The shortcut a press of `accel` on `widget` runs: the first of the
 * widget's own shortcuts with that trigger, in the order GTK tries them.
 * With `unique`, the test fails when another has the same key; it fails
 * when none has. */
GtkShortcut *msk_test_find_shortcut  (GtkWidget  *widget,
                                      const char *accel,
                                      gboolean    unique);
/* Presses `accel` on `widget` as GTK does: runs that shortcut's action. */
void         msk_test_press_shortcut (GtkWidget  *widget,
                                      const char *accel,
                                      gboolean    unique);

/* Runs what is pending in the main context, without waiting. */
void         msk_test_spin           (void);
/* Lets GTK lay out and draw one frame of WIDGET, as it does between two
 * key presses, then runs what is pending. */
void         msk_test_wait_for_frame (GtkWidget  *widget);

/* Puts the pointer in the screen's far corner, away from the test's
 * windows (no window manager: they open at the top left). Xvfb starts it
 * in the middle of the screen, where an open list's rows can be: a row the
 * pointer enters is highlighted (GtkDropDown's lists select on hover), so
 * a row appearing under a pointer that never moved took the highlight a
 * keyboard test checks (CI under AddressSanitizer: "Elbow", on a
 * 1280×1024 screen, instead of "Choose…"). */
void         msk_test_move_pointer_away (void);

/* Real input, through the X server (XTest), as a GP's keyboard and mouse
 * give it: the events reach GTK as a user's do, crossing and hover
 * included, which emitting a widget's signals skips. Each returns once
 * GTK has handled what the server sent. */
/* Presses and releases `accel` ("Return", "Down", "<Alt>b", "space"). */
void         msk_test_x_key          (const char *accel);
/* Types `text`, one key a character: lower-case letters, digits, spaces. */
void         msk_test_x_type         (const char *text);
/* Presses `accel` and types `text` straight after, before GTK has handled
 * the key (as fast hands do). */
void         msk_test_x_send         (const char *accel,
                                      const char *text);
/* As msk_test_x_send, but returns once the server has made the events,
 * before GTK has seen any: for a signal handler, which must not run the
 * main loop, to give keys at a moment of its choosing. */
void         msk_test_x_send_now     (const char *accel,
                                      const char *text);
/* Presses (`down`) or lets go of the one key `keyval` (GDK_KEY_Alt_L…),
 * for a key held while others are typed. */
void         msk_test_x_hold         (guint       keyval,
                                      gboolean    down);
/* Moves the pointer to the middle of `widget`, as a hand on the mouse. */
void         msk_test_x_point_at     (GtkWidget  *widget);
/* The row of an open drop-down list (`list_view`) that shows `name`. */
GtkWidget   *msk_test_list_row       (GtkWidget  *list_view,
                                      const char *name);
/* Clicks the first button where the pointer is. */
void         msk_test_x_click        (void);

G_END_DECLS
