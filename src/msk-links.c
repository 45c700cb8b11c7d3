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
#include "msk-utils-private.h"

enum { RESPONSE_COPY = 1 };

static void
open_error_response_cb (GtkDialog *dialog,
                        int        response,
                        gpointer   user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "msk-uri");

  if (response == RESPONSE_COPY)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), uri);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
msk_link_show_open_error (GtkWindow    *parent,
                          const char   *uri,
                          const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  /* GTK's own dialog says only "Could not show link" and why: the address
   * is what a GP needs to open it elsewhere (a practice PC often has no
   * browser the desktop knows of). */
  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE,
                                   "%s", _("Could not open the link"));
  /* Translators: %s is a web address, then the desktop's reason */
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Copy its address into a web browser:\n%s\n\nThe desktop said: %s"),
                                            uri, error->message);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("Copy _Address"), RESPONSE_COPY);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  g_object_set_data_full (G_OBJECT (dialog), "msk-uri", g_strdup (uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (open_error_response_cb), NULL);
  /* Return closes it, as it would any error; copying is a choice. */
  gtk_widget_grab_focus (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_uri_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    msk_link_show_open_error (GTK_WINDOW (source), uri, error);
}

static gboolean
activate_link_cb (GtkLinkButton *button,
                  gpointer       user_data)
{
  const char *uri = gtk_link_button_get_uri (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (uri != NULL && g_str_has_prefix (uri, "https://"))
    gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                       NULL, show_uri_done_cb, g_strdup (uri));
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
      _msk_label_set_wrapping (GTK_LABEL (label));
    }
  /* Translators: tooltip of a link; %s is the web address */
  tooltip = g_strdup_printf (_("Open %s in the web browser"), resource->url);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  return button;
}

GtkWidget *
msk_resource_link_line_new (const MskResource *resource)
{
  GtkWidget *button = msk_resource_link_new (resource);
  GtkWidget *line;
  GtkWidget *rest;

  if (button == NULL)
    return NULL;

  /* The button is as wide as its title, but not by halign: GTK 4.8 places
   * a widget that does not fill its allocation both ways by measuring its
   * width for its height (gtk_widget_adjust_size_allocation), which for a
   * wrapping label is a binary search, up to ten Pango layouts of the
   * title each time a decision shows the link; a horizontal box does the
   * same when it allocates. A grid sizes its columns from widths alone, so
   * the button gets its natural width and an expanding empty cell takes
   * the rest of the line. */
  gtk_widget_set_halign (button, GTK_ALIGN_FILL);
  line = gtk_grid_new ();
  rest = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (rest, TRUE);
  gtk_grid_attach (GTK_GRID (line), button, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (line), rest, 1, 0, 1, 1);
  return line;
}
