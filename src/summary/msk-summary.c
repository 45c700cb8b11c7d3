/* msk-summary.c — placeholder until the renderer lands (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-summary.h"

gboolean
msk_summary_write_pdf (const MskDecision  *decision,
                       MskSummaryKind      kind,
                       const char         *path,
                       GError            **error)
{
  g_set_error (error, MSK_ERROR, MSK_ERROR_IO, "PDF output is not built yet");
  return FALSE;
}
