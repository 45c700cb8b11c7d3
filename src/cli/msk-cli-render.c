/* msk-cli-render.c — the command line's PDFs, for the executables that
 * link the summary renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept out of msk-cli.c so that msk-mri-advisor, which runs every script's
 * --evaluate, links the core and not Pango or cairo: it execs
 * msk-mri-advisor-pdf (main-pdf.c) when a PDF is asked for.
 */
#include "config.h"

#include "msk-cli.h"
#include "msk-summary.h"

GBytes *
msk_cli_render_pdf (const MskDecision *decision,
                    gboolean           patient_sheet,
                    GDateTime         *now,
                    GError           **error)
{
  return msk_summary_to_pdf (decision, patient_sheet ? MSK_SUMMARY_PATIENT_SHEET : MSK_SUMMARY_DECISION, now,
                             MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT, error);
}
