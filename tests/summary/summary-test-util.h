/* summary-test-util.h — shared by the summary tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-decision.h"

G_BEGIN_DECLS

#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

/* The bundled policy; the test aborts if it does not load. */
MskPolicy   *summary_test_policy      (void);
/* Parses a request against the bundled policy and decides as of `date`
 * ("YYYY-MM-DD"); the test aborts on a bad request. */
MskDecision *summary_test_decide      (const char  *request_json,
                                       const char  *date);
/* Runs the program (MSK_BINARY) with argv (NULL-terminated, without argv[0])
 * and optional standard input. `envp` (nullable) replaces the environment.
 * Returns the exit status. */
int          summary_test_run_cli     (const char * const *args,
                                       const char * const *envp,
                                       const char  *stdin_text,
                                       char       **out,
                                       char       **err);
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

G_END_DECLS
