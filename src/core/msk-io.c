/* msk-io.c — reading untrusted files with a size limit; writing outputs safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define MKSTEMP_SUFFIX "XX" "XX" "XX"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msk-io.h"
#include "msk-json-guard-private.h"

static const char *
file_type_name (mode_t mode)
{
  if (S_ISDIR (mode))  return "a directory";
  if (S_ISFIFO (mode)) return "a FIFO (named pipe)";
  if (S_ISCHR (mode))  return "a character device";
  if (S_ISBLK (mode))  return "a block device";
  if (S_ISSOCK (mode)) return "a socket";
  if (S_ISLNK (mode))  return "a symbolic link";
  return "not a regular file";
}

/* Error messages quote paths, which the user or a directory listing chose. */
static void
set_io_error (GError    **error,
              int         code,
              const char *path,
              const char *reason)
{
  g_autofree char *safe = _msk_printable (path);

  g_set_error (error, MSK_ERROR, code, "%s: %s", safe, reason);
}

static int
open_regular (const char    *path,
              MskReadFlags   flags,
              GError       **error)
{
  struct stat st;
  int fd;
  int fl;

  /* O_NONBLOCK: opening a FIFO for reading blocks until a writer comes, and
   * the system-wide policy is opened before the window shows. O_NOCTTY: a
   * terminal device must not become the controlling one. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (errno));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (errno));
      close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *why = g_strdup_printf ("is %s, not a regular file", file_type_name (st.st_mode));
      set_io_error (error, MSK_ERROR_IO, path, why);
      close (fd);
      return -1;
    }
  if ((flags & MSK_READ_OWNER_ONLY) != 0)
    {
      g_autofree char *why = NULL;

      if ((st.st_mode & S_IWOTH) != 0)
        why = g_strdup_printf ("refused: anyone can write to it (mode %04o); make it writable by its owner only",
                               (guint) (st.st_mode & 07777));
      else if (st.st_uid != 0 && st.st_uid != getuid ())
        why = g_strdup_printf ("refused: owned by another user (uid %u); it must belong to root or to you",
                               (guint) st.st_uid);
      if (why != NULL)
        {
          set_io_error (error, MSK_ERROR_IO, path, why);
          close (fd);
          return -1;
        }
    }
  /* A regular file never blocks, but reads should not see EAGAIN either. */
  fl = fcntl (fd, F_GETFL);
  if (fl < 0 || fcntl (fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
    {
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (errno));
      close (fd);
      return -1;
    }
  return fd;
}

int
msk_open_regular (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, -1);
  return open_regular (path, 0, error);
}

GBytes *
msk_read_limited_full (const char    *path,
                       gsize          max_bytes,
                       const char    *what,
                       MskError       code,
                       MskReadFlags   flags,
                       GError       **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  guint8 chunk[16384];
  gboolean is_stdin;
  int fd;
  gssize n;

  g_return_val_if_fail (path != NULL, NULL);

  is_stdin = g_strcmp0 (path, "-") == 0;
  fd = is_stdin ? STDIN_FILENO : open_regular (path, flags, error);
  if (fd < 0)
    return NULL;

  for (;;)
    {
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_byte_array_append (buf, chunk, n);
      if (buf->len > max_bytes)
        {
          if (!is_stdin)
            close (fd);
          g_set_error (error, MSK_ERROR, code, "%s: larger than the limit of %" G_GSIZE_FORMAT " bytes",
                       what, max_bytes);
          return NULL;
        }
    }
  if (n < 0)
    {
      int saved = errno;

      if (!is_stdin)
        close (fd);
      set_io_error (error, MSK_ERROR_IO, is_stdin ? "standard input" : path, g_strerror (saved));
      return NULL;
    }
  if (!is_stdin)
    close (fd);

  /* Callers parse text; a terminator past the end keeps a stray strlen safe. */
  g_byte_array_append (buf, (const guint8 *) "", 1);
  g_byte_array_set_size (buf, buf->len - 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

GBytes *
msk_read_limited (const char  *path,
                  gsize        max_bytes,
                  const char  *what,
                  MskError     code,
                  GError     **error)
{
  return msk_read_limited_full (path, max_bytes, what, code, MSK_READ_DEFAULT, error);
}

/* The absolute path with its directory resolved, for a file that may not
 * exist yet: "out.pdf" and "./x/../out.pdf" name the same file. */
static char *
canonical_path (const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *base = g_path_get_basename (abs);
  g_autofree char *real = realpath (dir, NULL);

  return g_build_filename (real != NULL ? real : dir, base, NULL);
}

gboolean
msk_check_output_path (const char          *path,
                       const char * const  *others,
                       GError             **error)
{
  struct stat st;
  gboolean exists;
  g_autofree char *canon = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0' || g_strcmp0 (path, "-") == 0)
    {
      set_io_error (error, MSK_ERROR_INVALID_ARGUMENT, path, "is not a file name to write to");
      return FALSE;
    }
  exists = g_lstat (path, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      /* A FIFO or a device was replaced by a regular file before; a link
       * could be replaced, but the user may not know that is what it is. */
      g_autofree char *why = g_strdup_printf ("is %s; not writing over it", file_type_name (st.st_mode));
      set_io_error (error, MSK_ERROR_INVALID_ARGUMENT, path, why);
      return FALSE;
    }
  if (!exists && errno != ENOENT)
    {
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (errno));
      return FALSE;
    }

  canon = canonical_path (path);
  for (guint i = 0; others != NULL && others[i] != NULL; i++)
    {
      struct stat ot;
      gboolean same;
      g_autofree char *other_canon = NULL;

      if (g_strcmp0 (others[i], "-") == 0)
        continue;
      other_canon = canonical_path (others[i]);
      same = g_strcmp0 (canon, other_canon) == 0;
      if (!same && exists && g_stat (others[i], &ot) == 0)
        same = ot.st_dev == st.st_dev && ot.st_ino == st.st_ino;
      if (same)
        {
          g_autofree char *safe_other = _msk_printable (others[i]);
          g_autofree char *why = g_strdup_printf ("is the same file as %s; not writing over it", safe_other);
          set_io_error (error, MSK_ERROR_INVALID_ARGUMENT, path, why);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
msk_write_file_atomic (const char          *path,
                       const void          *data,
                       gsize                length,
                       const char * const  *others,
                       GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  const guint8 *p = data;
  gsize left = length;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!msk_check_output_path (path, others, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* mkstemp's template: six characters it replaces. */
  tmp = g_strdup_printf ("%s%s.%s.%s", dir, G_DIR_SEPARATOR_S, base, MKSTEMP_SUFFIX);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (errno));
      return FALSE;
    }
  errno = 0;
  while (left > 0)
    {
      gssize n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      p += n;
      left -= n;
    }
  {
    gboolean ok = left == 0 && fsync (fd) == 0;
    int saved = ok ? 0 : (errno != 0 ? errno : EIO);

    if (close (fd) != 0 && ok)
      {
        ok = FALSE;
        saved = errno;
      }
    if (!ok)
      {
        g_unlink (tmp);
        set_io_error (error, MSK_ERROR_IO, path, g_strerror (saved));
        return FALSE;
      }
  }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      set_io_error (error, MSK_ERROR_IO, path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
