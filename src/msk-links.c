/* msk-links.c — links to the policy's resources, opened only on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app works offline and never goes to the network by itself: a link is
 * handed to the desktop only when the user activates it, and only when it is
 * https. The policy validator already insists on https; this is the second
 * lock for a hand-edited policy file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-links.h"

static gboolean
activate_link_cb (GtkLinkButton *button,
                  gpointer       user_data)
{
  const char *uri = gtk_link_button_get_uri (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (uri != NULL && g_str_has_prefix (uri, "https://"))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  else
    g_warning ("Not opening a link that is not https: %s", uri != NULL ? uri : "(none)");

  /* Handled: GtkLinkButton's own handler would open any scheme. */
  return TRUE;
}

GtkWidget *
msk_resource_link_new (const MskResource *resource)
{
  GtkWidget *button;
  GtkWidget *label;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (resource != NULL, NULL);

  if (resource->url == NULL || !g_str_has_prefix (resource->url, "https://"))
    return NULL;

  button = gtk_link_button_new_with_label (resource->url, resource->title);
  /* Long titles must wrap rather than widen the window past 800 pixels. */
  label = gtk_button_get_child (GTK_BUTTON (button));
  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  /* Translators: tooltip of a link; %s is the web address */
  tooltip = g_strdup_printf (_("Open %s in the web browser"), resource->url);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  return button;
}
