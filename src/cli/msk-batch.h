/* msk-batch.h — many requests in, one decision a line out, and an audit count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "msk-policy.h"

G_BEGIN_DECLS

typedef enum {
  MSK_BATCH_FORMAT_JSON,  /* the decision JSON of PRODUCT.md, compact, one a line */
  MSK_BATCH_FORMAT_FHIR,  /* a FHIR R4 GuidanceResponse, compact, one a line */
} MskBatchFormat;

/* Exit status when every line was read but some were refused. */
#define MSK_BATCH_EXIT_REFUSED 3

/* Reads JSON Lines from `input` (a path, or "-" for standard input) and
 * writes one line to standard output for every input line, in order: the
 * decision, or for a refused line an error object naming the line, the
 * field and the reason. With `audit_csv`, also writes counts by outcome,
 * borough, region and concern to that file. Memory does not grow with the
 * number of lines. Returns the exit status: 0 every line decided,
 * MSK_BATCH_EXIT_REFUSED some refused, 1 an I/O error (after saying so on
 * standard error). */
int   msk_batch_run              (MskPolicy      *policy,
                                  const GDate    *today,
                                  const char     *input,
                                  MskBatchFormat  format,
                                  const char     *audit_csv);

/* Appends one CSV field, quoted as RFC 4180 asks when it holds a comma, a
 * double quote, CR or LF. */
void  msk_batch_csv_append_field (GString        *out,
                                  const char     *field);

G_END_DECLS
