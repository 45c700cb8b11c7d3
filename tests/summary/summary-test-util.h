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

/* Called with each request summary_test_foreach_request() decides:
 * `concerns` is the mask of ticked concerns (by index in the policy), and
 * `signs` whether their emergency signs are ticked too. */
typedef void (*SummaryTestRequestFunc) (const MskDecision *decision,
                                        const MskRegion   *region,
                                        guint              concerns,
                                        gboolean           signs,
                                        gpointer           data);
/* Decides, as of `today`, for an FCP under governance in one borough, every
 * request of `policy` that lays out differently: every region with no
 * concern ticked (each prints its own resources); every combination of
 * concerns, on one region for each set of safety nets the regions bring
 * (the one with the longest label); and, where a ticked concern has
 * emergency signs, once without them and once with all of them. Counted
 * from the policy, so a new region, concern, sign or safety net is covered
 * as soon as it is added. Returns how many decisions were made. */
guint        summary_test_foreach_request (MskPolicy              *policy,
                                           const GDate            *today,
                                           SummaryTestRequestFunc  func,
                                           gpointer                data);
/* A SummaryTestRequestFunc: summary_test_assert_one_page() for the
 * decision (a failure's mask has bit 31 set when the signs were ticked). */
void         summary_test_check_one_page  (const MskDecision *decision,
                                           const MskRegion   *region,
                                           guint              concerns,
                                           gboolean           signs,
                                           gpointer           data);

G_END_DECLS
