/* msk-text.h — making text safe to leave the app: terminal, clipboard, PDF, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes come from the user and policy strings from a file; either may hold
 * bytes a terminal acts on (ESC, C1 controls such as U+009B), or
 * bidirectional controls (U+202E) that make a reader see words in an order
 * other than the one stored. Every text that leaves the app passes one of
 * these functions.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MSK_TEXT_DEFAULT        = 0,
  /* Line breaks and tabs become spaces: for one line of a terminal. */
  MSK_TEXT_ONE_LINE       = 1 << 0,
  /* Trailing white space is cut from each line, and runs of blank lines
   * become one, with none at the start or the end. */
  MSK_TEXT_COLLAPSE_BLANK = 1 << 1,
} MskTextFlags;

/* The most lines a clinical note keeps; later lines join the last one, so
 * no text is lost but a note of 2,000 line breaks cannot fill 36 pages. */
#define MSK_TEXT_NOTE_MAX_LINES 40

/* Invalid UTF-8 replaced; CR LF, CR, U+2028 and U+2029 made '\n'; C0
 * controls other than '\n' and '\t', DEL, C1 controls, U+FEFF and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) removed. Bidi marks (U+200E, U+200F, U+061C) stay: they
 * cannot reverse a run of text and a name in Arabic script may need them.
 * Never NULL for a non-NULL text. */
char     *msk_text_sanitize          (const char   *text,
                                      MskTextFlags  flags);

/* A clinical note as the request keeps it: sanitised, blank-line runs
 * collapsed, at most MSK_TEXT_NOTE_MAX_LINES lines and
 * MSK_REQUEST_NOTES_MAX_CHARS characters. NULL when nothing is left. */
char     *msk_text_normalize_note    (const char   *note);

/* JSON text from json-glib's generator with the characters it leaves raw
 * but a terminal or a reader would act on (DEL, C1, U+2028, U+2029, U+FEFF,
 * every bidi control) written as \u escapes (\u2028). Only strings hold non-ASCII
 * characters in JSON, so this changes no structure. */
char     *msk_text_escape_json       (const char   *json);

/* The text on one line with every character a terminal would act on or
 * that reorders or hides text (C0, DEL, C1, U+2028, U+2029, U+FEFF, bidi
 * controls) written as a \u escape (\u001b), and invalid UTF-8 replaced: for
 * messages that quote input, where the user should see the odd character. */
char     *msk_text_escape_line       (const char   *text);

/* TRUE for a bidirectional formatting character: the embeddings, overrides
 * and isolates, and the marks U+200E, U+200F and U+061C. */
gboolean  msk_text_is_bidi_control   (gunichar      ch);

/* What is wrong with a policy link, or NULL when it is an https URL with a
 * full host name, no user name and nothing but printable ASCII. */
char     *msk_text_url_problem       (const char   *url);

G_END_DECLS
