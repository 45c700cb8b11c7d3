/* msk-io.c — reading untrusted files with a size limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "msk-io.h"

GBytes *
msk_read_limited (const char  *path,
                  gsize        max_bytes,
                  const char  *what,
                  MskError     code,
                  GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GError) local = NULL;
  guint8 chunk[16384];
  gssize n;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_strcmp0 (path, "-") == 0)
    in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      in = G_INPUT_STREAM (g_file_read (file, NULL, &local));
      if (in == NULL)
        {
          g_set_error_literal (error, MSK_ERROR, MSK_ERROR_IO, local->message);
          return NULL;
        }
    }

  while ((n = g_input_stream_read (in, chunk, sizeof chunk, NULL, &local)) > 0)
    {
      g_byte_array_append (buf, chunk, n);
      if (buf->len > max_bytes)
        {
          g_set_error (error, MSK_ERROR, code, "%s: larger than the limit of %" G_GSIZE_FORMAT " bytes",
                       what, max_bytes);
          return NULL;
        }
    }
  if (n < 0)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_IO, local->message);
      return NULL;
    }

  /* Callers parse text; a terminator past the end keeps a stray strlen safe. */
  g_byte_array_append (buf, (const guint8 *) "", 1);
  g_byte_array_set_size (buf, buf->len - 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}
