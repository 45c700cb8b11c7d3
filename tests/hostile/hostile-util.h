/* hostile-util.h — running the real command line from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int   status;   /* exit status; -1 when the program did not exit normally */
  char *out;
  char *err;
  double seconds; /* how long it ran */
} HostileRun;

void hostile_run_clear (HostileRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HostileRun, hostile_run_clear)

/* Runs $MSK_BINARY with the arguments (NULL-terminated) and `input` on
 * standard input (NULL: none), in the test's environment plus `env`
 * ("NAME=value" strings, NULL-terminated, or NULL). */
void hostile_run (HostileRun         *run,
                  GBytes             *input,
                  const char * const *env,
                  const char         *first_arg,
                  ...) G_GNUC_NULL_TERMINATED;

/* As hostile_run(), killed after `seconds` (exit status 124 then). */
void hostile_run_within (HostileRun         *run,
                         guint               seconds,
                         GBytes             *input,
                         const char * const *env,
                         const char         *first_arg,
                         ...) G_GNUC_NULL_TERMINATED;

/* TRUE when `text` is valid UTF-8 and holds no control character but '\n'
 * (C0, DEL, C1), no line separator and no bidi embedding, override or
 * isolate: what a message may hold before a terminal shows it. */
gboolean hostile_text_is_clean (const char *text);

/* The number of lines in `text` (ending in '\n' counts once). */
guint    hostile_count_lines   (const char *text);

/* The line the command line prints on standard error when the policy at
 * `path` (absolute), not the bundled one, is in force. */
char    *hostile_policy_notice (const char *path);

/* Writes `data` to a new file in `dir`; returns its path. */
char    *hostile_write_file    (const char *dir,
                                const char *name,
                                const char *data,
                                gssize      length);

G_END_DECLS
