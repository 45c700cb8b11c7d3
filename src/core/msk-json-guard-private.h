/* msk-json-guard-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-policy.h"

G_BEGIN_DECLS

/* Refuses bytes that are empty, larger than max_bytes, not UTF-8, hold a NUL,
 * nest deeper than MSK_JSON_MAX_DEPTH, hold a string longer than
 * MSK_JSON_MAX_STRING, or repeat a key within one object. The message starts
 * with `what` and gives the line. */
gboolean _msk_json_guard_check (const char  *data,
                                gsize        length,
                                gsize        max_bytes,
                                const char  *what,
                                MskError     code,
                                GError     **error);

/* Moves past a leading UTF-8 byte-order mark. Windows editors write one;
 * JSON allows a parser to ignore it, and the guard's scan and json-glib both
 * want the text after it. */
void     _msk_skip_bom         (const char **data,
                                gsize       *length);

/* The text with control characters (C0, DEL, C1) written as JSON \\u escapes and
 * invalid UTF-8 replaced: safe to show on one line of a terminal or label. */
char    *_msk_printable        (const char  *text);

G_END_DECLS
