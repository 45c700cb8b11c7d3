/* fuzz-summary.c — libFuzzer target: the summary and patient-sheet PDFs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the renderer is handed is partly the user's (the note) and partly a
 * policy file's (every title, label and paragraph). An input that starts
 * like a policy ('{"format"') is loaded as one and, if valid, a request per
 * requester with every concern is rendered under it; any other input is a
 * request against the bundled policy. Both PDFs must render, and the
 * decision summary must stay short: a note is capped at 2,000 characters
 * and 40 lines, and the validator caps every policy text, so page counts
 * in the tens (a 36-page note, a 23-page title) are findings.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"
#include "msk-summary.h"

/* Two pages is what the longest real note takes; leave room for the
 * busiest decision. */
#define MAX_PAGES 4

static MskPolicy *bundled;
static GDate today;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  msk_fuzz_init_logging ();
  bundled = msk_policy_new_bundled (&error);
  g_assert_no_error (error);
  g_assert (bundled != NULL);
  today = *msk_policy_get_effective (bundled);
  return 0;
}

static void
render (MskPolicy        *policy,
        const MskRequest *request)
{
  g_autoptr(MskDecision) decision = msk_evaluate (policy, request, &today);
  static const MskSummaryKind kinds[] = { MSK_SUMMARY_DECISION, MSK_SUMMARY_PATIENT_SHEET };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(MskSummary) summary = msk_summary_new (decision, kinds[k], NULL,
                                                       MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT);
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GError) error = NULL;

      g_assert (summary != NULL);
      if (msk_summary_get_n_pages (summary) > MAX_PAGES)
        {
          fprintf (stderr, "fuzz-summary: %u pages\n", msk_summary_get_n_pages (summary));
          abort ();
        }
      pdf = msk_summary_to_pdf (decision, kinds[k], NULL, MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT, &error);
      /* No patient sheet for an incomplete decision, by design; anything
       * else must render. */
      if (kinds[k] == MSK_SUMMARY_PATIENT_SHEET && msk_decision_is_incomplete (decision))
        {
          g_assert (pdf == NULL);
          g_assert (g_error_matches (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST));
          continue;
        }
      g_assert_no_error (error);
      g_assert (pdf != NULL && g_bytes_get_size (pdf) > 0);
    }
}

static void
render_policy (MskPolicy *policy)
{
  for (guint rq = 0; rq < msk_policy_get_n_requesters (policy); rq++)
    {
      g_autoptr(MskRequest) r = msk_request_new (policy);

      msk_request_set_requester (r, msk_policy_get_requester (policy, rq));
      if (msk_policy_get_n_regions (policy) > 0)
        msk_request_set_region (r, msk_policy_get_region (policy, 0));
      if (msk_policy_get_n_boroughs (policy) > 0)
        msk_request_set_borough (r, msk_policy_get_borough (policy, 0));
      for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
        msk_request_set_concern (r, msk_policy_get_concern (policy, i), TRUE);
      render (policy, r);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char policy_start[] = "{\"format\"";
  g_autoptr(GError) error = NULL;

  if (size >= sizeof policy_start - 1 && memcmp (data, policy_start, sizeof policy_start - 1) == 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);
      g_autoptr(MskPolicy) policy = msk_policy_new_from_bytes (bytes, "fuzz", &error);

      if (policy != NULL)
        render_policy (policy);
      return 0;
    }

  {
    g_autoptr(MskRequest) request = msk_request_new_from_json (bundled, (const char *) data, size, &error);

    if (request != NULL)
      render (bundled, request);
  }
  return 0;
}
