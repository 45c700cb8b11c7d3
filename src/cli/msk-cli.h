/* msk-cli.h — the command line, handled before any GTK start-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "msk-decision.h"

G_BEGIN_DECLS

/* What the app window needs from the command line when no CLI action ran. */
typedef struct {
  char    *policy_path;  /* --policy, or NULL */
  GDate    today;        /* --date, or today */
} MskLaunch;

void msk_launch_free (MskLaunch *launch);

/* What each of the three programs does first: the locale, the translation
 * domain and the program name messages begin with. */
void msk_cli_setup   (void);

/* Renders a decision's summary (or its patient sheet) as an A4 PDF. The
 * summary renderer lives above the command line (src/cli/msk-cli-render.c):
 * the front door does not link it, so --evaluate does not load Pango,
 * cairo and the 26 other libraries they bring. */
typedef GBytes *(*MskCliRenderPdf) (const MskDecision *decision,
                                    gboolean           patient_sheet,
                                    GDateTime         *now,
                                    GError           **error);

/* msk_cli_run's answer when a PDF is asked for and it has no renderer:
 * nothing was read or written, and the caller runs a program that has one
 * (msk-mri-advisor-pdf) with the same arguments. */
#define MSK_CLI_NEEDS_RENDERER (-2)

/* Runs a command-line action and returns its exit status, or returns -1 and
 * fills `launch_out` when the app should open instead, or
 * MSK_CLI_NEEDS_RENDERER when `render` is NULL and a PDF is asked for. */
int  msk_cli_run     (int               argc,
                      char            **argv,
                      MskCliRenderPdf   render,
                      MskLaunch       **launch_out);

/* The renderer, for the executables that link the summary (msk-cli-render.c). */
GBytes *msk_cli_render_pdf (const MskDecision *decision,
                            gboolean           patient_sheet,
                            GDateTime         *now,
                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskLaunch, msk_launch_free)

G_END_DECLS
