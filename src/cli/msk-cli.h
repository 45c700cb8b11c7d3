/* msk-cli.h — the command line, handled before any GTK start-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the app window needs from the command line when no CLI action ran. */
typedef struct {
  char    *policy_path;  /* --policy, or NULL */
  GDate    today;        /* --date, or today */
} MskLaunch;

void msk_launch_free (MskLaunch *launch);

/* Runs a command-line action and returns its exit status, or returns -1 and
 * fills `launch_out` when the app should open instead. */
int  msk_cli_run     (int         argc,
                      char      **argv,
                      MskLaunch **launch_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskLaunch, msk_launch_free)

G_END_DECLS
