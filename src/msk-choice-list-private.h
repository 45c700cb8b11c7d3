/* msk-choice-list-private.h — the form's drop-down lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once per drop-down, after its template is built: its list searches the
 * start of any word of a name, Return picks the row highlighted, only the
 * GP moves the highlight, and the open list is named after `field_label`
 * for screen readers. Holds for every model set later. */
void _msk_choice_list_watch         (GtkDropDown *dropdown,
                                     GtkLabel    *field_label);
/* The list of `dropdown` is about to open, opened by its key: keys typed
 * until it has opened are its (letters its search, Down and Up, Return,
 * Escape). */
void _msk_choice_list_expect_open   (GtkDropDown *dropdown);
/* Whether the list of `dropdown`, opened late by its key, still opens:
 * FALSE when the keys typed for it have already taken effect without it
 * (_msk_choice_list_settle). */
gboolean _msk_choice_list_still_opens (GtkDropDown *dropdown);
/* Keys typed into the list of `dropdown` while it opens late that have
 * decided what it does (Return, the Escape that closes it, or `keyval`
 * itself when it is Tab, which picks as Return does) take effect now,
 * before the key being handled: a key the window or the form takes first
 * (Tab, Ctrl+Shift+C) acts after them. */
void _msk_choice_list_settle        (GtkDropDown     *dropdown,
                                     guint            keyval,
                                     GdkModifierType  modifiers);
/* Object data on a list's item that is not a name ("Choose…"): a search
 * never shows it. */
#define MSK_CHOICE_PLACEHOLDER_KEY "msk-choice-placeholder"
/* Closes the list, empties its search and drops keys typed while it
 * opened: they belong to the last patient. */
void _msk_choice_list_forget        (GtkDropDown *dropdown);

G_END_DECLS
