/* parse-floor.c — the command line's baseline: GLib + json-glib, no app code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `msk-mri-advisor --evaluate REQUEST --policy POLICY` cannot do with
 * less: start a process linked to GLib, GIO and json-glib, read the two
 * files and parse both as JSON. bench/run counts its instructions and times
 * it next to the command line.
 *
 *   parse-floor REQUEST POLICY
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

static gboolean
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &error) ||
      !json_parser_load_from_data (parser, text, length, &error))
    {
      fprintf (stderr, "parse-floor: %s\n", error->message);
      return FALSE;
    }
  return json_parser_get_root (parser) != NULL;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      fprintf (stderr, "usage: parse-floor REQUEST POLICY\n");
      return 2;
    }
  return parse_file (argv[1]) && parse_file (argv[2]) ? 0 : 1;
}
