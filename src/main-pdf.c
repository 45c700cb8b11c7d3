/* main-pdf.c — the command line with the summary renderer: msk-mri-advisor-pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * msk-mri-advisor (main.c) execs this, with the same arguments, when --pdf
 * or --patient-pdf is given: the front door then need not load Pango,
 * cairo and fontconfig for every --evaluate. It runs the same msk_cli_run,
 * so a decision is made by one code path whichever program prints it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "msk-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskLaunch) launch = NULL;
  int status;

  msk_cli_setup ();

  status = msk_cli_run (argc, argv, msk_cli_render_pdf, &launch);
  if (status >= 0)
    return status;
  /* No action: this program has no window to open. */
  fprintf (stderr, _("%s: msk-mri-advisor-pdf only writes PDFs; run msk-mri-advisor\n"), g_get_prgname ());
  return 2;
}
