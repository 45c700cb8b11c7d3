/* msk-io.h — reading untrusted files with a size limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-policy.h"

G_BEGIN_DECLS

/* Reads at most `max_bytes` from a file, or from standard input for "-".
 * Larger input is refused with `code` and a message starting with `what`,
 * after reading no more than one chunk past the limit, so a device such as
 * /dev/zero or an endless pipe cannot fill the memory. A file that cannot be
 * opened or read gives MSK_ERROR_IO. The bytes are NUL-terminated beyond
 * their length. */
GBytes *msk_read_limited (const char  *path,
                          gsize        max_bytes,
                          const char  *what,
                          MskError     code,
                          GError     **error);

G_END_DECLS
