/* msk-print.c — placeholder until the summary renderer lands (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "msk-print.h"

void
msk_print_summary (GtkWindow         *parent,
                   const MskDecision *decision)
{
}

void
msk_print_export_pdf (GtkWindow         *parent,
                      const MskDecision *decision,
                      MskSummaryKind     kind)
{
}

void
msk_print_copy_text (GtkWidget         *widget,
                     const MskDecision *decision)
{
}
