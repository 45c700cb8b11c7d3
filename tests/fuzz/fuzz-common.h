/* fuzz-common.h — what both libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target must write nothing to disk and free everything it allocates for an
 * input: LeakSanitizer runs at exit and after -runs, and a leak per input is
 * a finding like a crash.
 */
#pragma once

#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "msk-decision.h"
#include "msk-decision-text.h"

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A g_return_if_fail() that trips is a bug in the caller, here the core
 * calling itself or json-glib: abort so libFuzzer keeps the input. GLib's own
 * fatal path raises SIGTRAP, which libFuzzer does not catch (no artifact is
 * written), hence abort() here. Warnings stay non-fatal: json-glib may warn
 * about input it is right to refuse. */
static inline GLogWriterOutput
msk_fuzz_log_writer (GLogLevelFlags   level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
  return out;
}

static inline void
msk_fuzz_init_logging (void)
{
  g_log_set_writer_func (msk_fuzz_log_writer, NULL, NULL);
}

/* Decides the request on the given day and renders it both ways; every
 * renderer must cope with whatever the policy and the request hold. */
static inline void
msk_fuzz_decide (MskPolicy        *policy,
                 const MskRequest *request,
                 const GDate      *today)
{
  g_autoptr(MskDecision) decision = msk_evaluate (policy, request, today);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  g_assert (decision != NULL);
  g_assert (msk_decision_get_outcome (decision) != NULL);
  g_assert (msk_decision_is_incomplete (decision) == (msk_decision_get_n_actions (decision) == 0));
  for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
    g_assert (msk_decision_get_warning (decision, i) != NULL);

  json = msk_decision_to_json (decision);
  g_assert (json != NULL && g_utf8_validate (json, -1, NULL));
  text = msk_decision_to_text (decision, NULL);
  g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
}

G_END_DECLS
