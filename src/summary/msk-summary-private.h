/* msk-summary-private.h — the renderer's rules that its tests check directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* Sets every Urdu run of `text` (Arabic script holding a letter Urdu uses
 * and Arabic does not) in Noto Nastaliq Urdu, with the Urdu language tag;
 * `offset` is where `text` starts in the layout's text. */
void _msk_summary_mark_urdu (PangoAttrList *attrs,
                             const char    *text,
                             guint          offset);

G_END_DECLS
