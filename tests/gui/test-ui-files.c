/* test-ui-files.c — every .ui template builds, and every one is shipped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk4-builder-tool cannot validate templates whose children are the app's
 * own classes or whose signals name the app's static callbacks, so this
 * test builds each template for real: a missing handler, a wrong property
 * or a bad child id is a critical, and G_DEBUG=fatal-warnings makes that
 * fatal. It also checks that every file in ui/ is compiled into the
 * program, so none can be forgotten.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "msk-clamp.h"
#include "msk-concern-row.h"
#include "msk-decision-pane.h"
#include "msk-policy-view.h"
#include "msk-print-preview.h"
#include "msk-request-form.h"
#include "msk-window.h"

#define UI_PREFIX "/org/nel/MskMriAdvisor/ui/"

/* "msk-request-form.ui" → "MskRequestForm" */
static char *
class_name_for_file (const char *file)
{
  g_autofree char *base = g_strndup (file, strlen (file) - strlen (".ui"));
  g_auto(GStrv) words = g_strsplit (base, "-", -1);
  GString *name = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_string_append_c (name, g_ascii_toupper (words[i][0]));
      g_string_append (name, words[i] + 1);
    }
  return g_string_free (name, FALSE);
}

static void
test_templates_build (void)
{
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);
  GtkWidget *widgets[] = {
    msk_decision_pane_new (),
    msk_policy_view_new (),
    msk_request_form_new (),
    msk_concern_row_new (policy, msk_policy_get_concern (policy, 0)),
  };
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_assert_finalize_object (widgets[i]);
    }
  /* The window needs an application; its template is built by
   * test-window. Here only make sure its class is known. */
  g_type_ensure (MSK_TYPE_WINDOW);
  g_type_ensure (MSK_TYPE_PRINT_PREVIEW);

  files = g_resources_enumerate_children (UI_PREFIX, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *class_name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *template_tag = NULL;

      if (!g_str_has_suffix (files[i], ".ui"))
        continue;
      class_name = class_name_for_file (files[i]);
      path = g_strconcat (UI_PREFIX, files[i], NULL);
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      /* One template per file, of the class the file is named after. */
      template_tag = g_strdup_printf ("<template class=\"%s\"", class_name);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), template_tag));
      g_assert_cmpuint (g_type_from_name (class_name), !=, 0);
    }
}

static void
test_shortcuts_window_builds (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/nel/MskMriAdvisor/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_every_ui_file_is_compiled_in (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "ui", NULL);
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  handle = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".ui") && !g_str_has_suffix (name, ".css"))
        continue;
      path = g_strconcat (UI_PREFIX, name, NULL);
      if (!g_resources_get_info (path, 0, NULL, NULL, NULL))
        g_error ("ui/%s is not in ui/msk-ui.gresource.xml", name);
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
}

/* Text follows the user's font size: the style sheet sizes text in em
 * (or words such as "smaller"), never in px or pt, and the templates use
 * none of the theme's classes that fix a size in points. */
static void
test_text_sizes_are_relative (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) css = g_resources_lookup_data (UI_PREFIX "style.css", 0, &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) files = NULL;
  const char *fixed_classes[] = { "large-title", "title-1", "title-2", "title-3", "title-4",
                                  "heading", "body", "caption-heading", "caption" };

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css));
  g_assert_false (g_regex_match_simple ("font(-size)?:[^;]*[0-9](px|pt)", text, 0, 0));
  g_assert_true (g_regex_match_simple ("font-size: *[0-9.]+em", text, 0, 0));

  files = g_resources_enumerate_children (UI_PREFIX, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (UI_PREFIX, files[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *ui = NULL;

      if (!g_str_has_suffix (files[i], ".ui"))
        continue;
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      ui = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      for (guint j = 0; j < G_N_ELEMENTS (fixed_classes); j++)
        {
          g_autofree char *tag = g_strdup_printf ("<class name=\"%s\"/>", fixed_classes[j]);

          if (strstr (ui, tag) != NULL)
            g_error ("%s uses the theme's fixed-size class %s", files[i], fixed_classes[j]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Isolation empties the system data dirs too; the icon theme and the
   * MIME database there are read-only and needed to draw icons. */
  g_setenv ("XDG_DATA_DIRS", data_dirs != NULL ? data_dirs : "/usr/local/share:/usr/share", TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/ui/templates-build", test_templates_build);
  g_test_add_func ("/ui/shortcuts-window-builds", test_shortcuts_window_builds);
  g_test_add_func ("/ui/every-ui-file-is-compiled-in", test_every_ui_file_is_compiled_in);
  g_test_add_func ("/ui/text-sizes-are-relative", test_text_sizes_are_relative);
  return g_test_run ();
}
