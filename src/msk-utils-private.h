/* msk-utils-private.h — small widget helpers the GTK front end shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The current font's sizes for WIDGET, in Pango units, from its metrics;
 * kept per font, size and resolution (msk-utils.c says why). */
typedef struct {
  int char_width;   /* approximate */
  int digit_width;  /* approximate */
  int line_height;  /* ascent and descent */
} MskFontSizes;
const MskFontSizes *_msk_font_sizes (GtkWidget *widget);

/* A label that wraps at words (or inside a word too long for the line) and
 * starts at the left edge: every text from the policy or a note is shown
 * this way, so no text can push the window wider than the screen. */
GtkWidget *_msk_wrapped_label_new  (const char *text,
                                    const char *css_class);
/* Makes a label wrap that way, with its minimum width in characters and no
 * maximum (see msk-utils.c for why). */
#define MSK_WRAP_MIN_CHARS 12
void       _msk_label_set_wrapping (GtkLabel   *label);
/* Gives every wrapping label under ROOT the same measuring as
 * _msk_label_set_wrapping's (msk-wrap-layout.c says why). */
void       _msk_wrapped_labels_measure_once (GtkWidget *root);

/* Builds row I of a list (msk-utils.c: _msk_box_sync_rows). */
#define MSK_HIDDEN_ROWS_MAX 48
typedef GtkWidget *(*MskMakeRow) (gpointer data,
                                  guint    i);
void       _msk_box_sync_rows      (GtkBox     *box,
                                    GPtrArray  *keys,
                                    MskMakeRow  make,
                                    gpointer    data);
void       _msk_row_keys_add       (GPtrArray  *keys,
                                    char       *key);
/* Empties a box that is refilled from data. */
void       _msk_box_remove_all     (GtkBox     *box);
/* Scrolls the scrolled window that is `widget`, or holds it, to its top. */
void       _msk_scroll_to_top      (GtkWidget  *widget);
/* Scrolls the scrolled window holding `widget` just enough to show all of
 * it (its top, if it is taller than the view), and with `with_label` the
 * label that names it, when both fit. */
void       _msk_scroll_into_view   (GtkWidget  *widget,
                                    gboolean    with_label);
/* Runs `func (data)` once, after the next frame of `widget` has laid it out
 * (a scroll or a new size is then in the allocations). The tick callback's
 * id, for gtk_widget_remove_tick_callback(); 0, running nothing, when the
 * widget has no frame clock (not shown). */
typedef void (*MskAfterLayout) (gpointer data);
guint      _msk_after_next_layout  (GtkWidget      *widget,
                                    MskAfterLayout  func,
                                    gpointer        data);
/* The first descendant of `widget` (itself included) of `type`, depth first,
 * or NULL. GTK 4.8 gives some composite widgets' parts no public getter. */
GtkWidget *_msk_widget_find_descendant (GtkWidget *widget,
                                        GType      type);
/* Calls `func` on each shortcut of `widget`'s shortcut controllers (its
 * class's bindings, mnemonics of a label, the window's accelerators) until
 * it returns TRUE; returns that shortcut (the controller keeps it), or
 * NULL. */
typedef gboolean (*MskShortcutFunc) (GtkShortcut *shortcut,
                                     gpointer     data);
GtkShortcut *_msk_widget_find_shortcut (GtkWidget       *widget,
                                        MskShortcutFunc  func,
                                        gpointer         data);
/* Whether `keyval` with `modifiers` is Tab or Shift+Tab moving the
 * keyboard (not Ctrl+Tab, Alt+Tab…): the form's order and the lists'
 * Tab both ask. */
gboolean   _msk_is_plain_tab       (guint            keyval,
                                    GdkModifierType  modifiers);
/* An error dialog over `parent` (nullable), closed by its button. */
void       _msk_show_error         (GtkWindow  *parent,
                                    const char *primary,
                                    const char *secondary);

G_END_DECLS
