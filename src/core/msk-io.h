/* msk-io.h — reading untrusted files with a size limit; writing outputs safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-policy.h"

G_BEGIN_DECLS

typedef enum {
  MSK_READ_DEFAULT    = 0,
  /* Refuse a file that others may write: writable by all (mode & 002), or
   * owned by a user other than root and the one running the app. For the
   * system-wide policy, which decides for every user of the machine. */
  MSK_READ_OWNER_ONLY = 1 << 0,
} MskReadFlags;

/* Reads at most `max_bytes` from a regular file, or from standard input for
 * "-". The file is opened without blocking and refused unless it is a
 * regular file, so a FIFO or a device named as a policy cannot hold up
 * start-up. Larger input is refused with `code` and a message starting with
 * `what`, after reading no more than one chunk past the limit, so an endless
 * pipe on standard input cannot fill the memory. A file that cannot be
 * opened or read, or is not a regular file, gives MSK_ERROR_IO with a
 * message naming the path. The bytes are NUL-terminated beyond their
 * length. */
GBytes   *msk_read_limited      (const char          *path,
                                 gsize                max_bytes,
                                 const char          *what,
                                 MskError             code,
                                 GError             **error);
GBytes   *msk_read_limited_full (const char          *path,
                                 gsize                max_bytes,
                                 const char          *what,
                                 MskError             code,
                                 MskReadFlags         flags,
                                 GError             **error);

/* Opens `path` for reading as msk_read_limited() does (without blocking,
 * regular files only) and returns the descriptor, or -1 with MSK_ERROR_IO
 * naming the path. For inputs read as a stream, such as a batch. */
int       msk_open_regular      (const char          *path,
                                 GError             **error);

/* Whether `path` may be written as an output: it is not a symbolic link, a
 * directory, a FIFO, a device or a socket, and is not the same file as any
 * of `others` (NULL-terminated, nullable; NULL entries and "-" are
 * skipped), compared by device and inode where both exist and by canonical
 * path otherwise. MSK_ERROR_INVALID_ARGUMENT with a message naming the path
 * when not. */
gboolean  msk_check_output_path (const char          *path,
                                 const char * const  *others,
                                 GError             **error);

/* Checks `path` as msk_check_output_path() does, then writes `data` to a
 * new file beside it (mode 0600: a summary may name a patient's
 * condition), flushes it to the disk and renames it over `path`, so the
 * file appears whole or not at all and a link planted in its place is
 * replaced, never followed. */
gboolean  msk_write_file_atomic (const char          *path,
                                 const void          *data,
                                 gsize                length,
                                 const char * const  *others,
                                 GError             **error);

G_END_DECLS
