/* msk-links.h — links to the policy's resources, opened only on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-policy.h"

G_BEGIN_DECLS

/* A link button titled with the resource, or NULL when it has no URL. */
GtkWidget *msk_resource_link_new      (const MskResource *resource);
/* The same button on a line of its own (the line's first child), or NULL. */
GtkWidget *msk_resource_link_line_new (const MskResource *resource);
/* The dialog shown when the desktop could not open `uri`: the address, why,
 * and a button that copies the address. */
GtkWidget *msk_link_show_open_error   (GtkWindow         *parent,
                                       const char        *uri,
                                       const GError      *error);

G_END_DECLS
