/* summary-test-util.h — shared by the summary tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-decision.h"
#include "msk-test-util.h"

G_BEGIN_DECLS

/* The bundled policy; the test aborts if it does not load. */
MskPolicy   *summary_test_policy      (void);
/* Parses a request against the bundled policy and decides as of `date`
 * ("YYYY-MM-DD"); the test aborts on a bad request. */
MskDecision *summary_test_decide      (const char  *request_json,
                                       const char  *date);
/* The PDF's text (pdftotext -layout) with every run of white space made one
 * space, so phrases can be found whatever the line breaks; NULL and the
 * test skipped when poppler-utils is missing. */
char        *summary_test_pdf_text    (const char  *path);
/* pdfinfo's output, or NULL and the test skipped. */
char        *summary_test_pdf_info    (const char  *path);
/* "Pages:" from pdfinfo; 0 when pdfinfo is missing (the test is skipped). */
guint        summary_test_pdf_pages   (const char  *path);
/* White space runs made single spaces. */
char        *summary_test_squash      (const char  *text);
/* Whether `needle`, squashed, is in `haystack`, squashed. */
gboolean     summary_test_contains    (const char  *haystack,
                                       const char  *needle);

/* Both documents for `decision` fit one page on A4 and on US Letter; a
 * failure names the region and the concerns ticked (a bit mask). */
void         summary_test_assert_one_page (const MskDecision *decision,
                                           const char        *region,
                                           guint              concerns);

G_END_DECLS
