/* msk-application.h — the GtkApplication: one window, settings, shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MSK_TYPE_APPLICATION (msk_application_get_type ())

G_DECLARE_FINAL_TYPE (MskApplication, msk_application, MSK, APPLICATION, GtkApplication)

MskApplication *msk_application_new (const char  *policy_path,
                                     const GDate *today);

G_END_DECLS
