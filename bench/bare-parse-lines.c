/* bare-parse-lines.c — the batch benchmark's baseline: json-glib parsing each line, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bare-parse-lines FILE
 *
 * Reads FILE line by line (GDataInputStream) and parses each line with a new
 * json-glib parser, as the request parser does, then frees it. Prints
 * lines=N and parsed=N. This is the least any batch that parses its input
 * with json-glib can do per line.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  guint64 lines = 0, parsed = 0;
  char *line;
  gsize len;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bare-parse-lines FILE\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  raw = g_file_read (file, NULL, &error);
  if (raw == NULL)
    {
      fprintf (stderr, "bare-parse-lines: %s\n", error->message);
      return 1;
    }
  in = g_data_input_stream_new (G_INPUT_STREAM (raw));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 64 * 1024);
  while ((line = g_data_input_stream_read_line (in, &len, NULL, &error)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      lines++;
      if (json_parser_load_from_data (parser, line, (gssize) len, NULL))
        parsed++;
      g_free (line);
    }
  if (error != NULL)
    {
      fprintf (stderr, "bare-parse-lines: %s\n", error->message);
      return 1;
    }
  printf ("lines=%" G_GUINT64_FORMAT "\nparsed=%" G_GUINT64_FORMAT "\n", lines, parsed);
  return 0;
}
