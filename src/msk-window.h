/* msk-window.h — the main window: decide and read the policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-application.h"
#include "msk-policy.h"

G_BEGIN_DECLS

#define MSK_TYPE_WINDOW (msk_window_get_type ())

G_DECLARE_FINAL_TYPE (MskWindow, msk_window, MSK, WINDOW, GtkApplicationWindow)

/* `refusals` holds the MskRefusal* of policy files that were refused on the
 * way to `policy`; the window shows them in a banner. */
MskWindow *msk_window_new (MskApplication *application,
                           MskPolicy      *policy,
                           const GDate    *today,
                           GPtrArray      *refusals);

G_END_DECLS
