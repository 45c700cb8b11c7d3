/* test-policy-change.c — a new policy version as data only: nothing else changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The promise to the ICS is "a new policy version is a new JSON file, not a
 * rebuild". This takes the bundled policy, adds a concern, a pathway and a
 * route as a maintainer would (tests/core/msk-test-util.c), and checks what a
 * user would notice: the file validates, the engine sends every ticked
 * concern to its route in urgency order, the copy for the notes carries
 * every action, and every summary and patient sheet still fits one page on
 * A4 and Letter. Everything here is counted from the loaded policy.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "msk-decision-text.h"
#include "msk-summary.h"
#include "summary-test-util.h"

static MskPolicy *policy;
static char *policy_path;

static gboolean
is_low_value_evidence (MskPolicy         *p,
                       const MskResource *resource)
{
  for (guint i = 0; i < msk_policy_get_n_general_resources (p); i++)
    if (msk_policy_get_general_resource (p, i) == resource)
      return TRUE;
  for (guint r = 0; r < msk_policy_get_n_regions (p); r++)
    for (guint i = 0; i < msk_policy_get_region (p, r)->n_resources; i++)
      if (msk_policy_get_region (p, r)->resources[i] == resource)
        return TRUE;
  return FALSE;
}

/* Every concern alone, every pair, everything at once, with and without the
 * signs, for a region of each kind: the decision follows the table. */
static void
test_engine (void)
{
  guint n = msk_policy_get_n_concerns (policy);
  const char *regions[] = { "lumbar_spine", "knee" };
  GDate today;
  guint checked = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  g_assert_nonnull (msk_policy_find_concern (policy, MSK_TEST_NEW_CONCERN));

  for (guint reg = 0; reg < G_N_ELEMENTS (regions); reg++)
    for (guint mask = 1; mask < (1u << n); mask++)
      for (guint signs = 0; signs < 2; signs++)
        {
          g_autoptr(MskRequest) request = msk_request_new (policy);
          g_autoptr(MskDecision) d = NULL;

          msk_request_set_requester (request, msk_policy_find_requester (policy, "gp"));
          msk_request_set_region (request, msk_policy_find_region (policy, regions[reg]));
          for (guint c = 0; c < n; c++)
            {
              const MskConcern *concern = msk_policy_get_concern (policy, c);

              msk_request_set_concern (request, concern, (mask >> c) & 1);
              for (guint k = 0; signs && ((mask >> c) & 1) && k < concern->n_signs; k++)
                msk_request_set_sign (request, &concern->signs[k], TRUE);
            }
          d = msk_evaluate (policy, request, &today);

          /* One action per ticked concern, each on a route for that concern. */
          g_assert_cmpuint (msk_decision_get_n_actions (d), ==, (guint) __builtin_popcount (mask));
          for (guint c = 0; c < n; c++)
            {
              gboolean found = FALSE;

              if (!((mask >> c) & 1))
                continue;
              for (guint a = 0; a < msk_decision_get_n_actions (d); a++)
                found |= (msk_decision_get_action (d, a)->route->concerns_any & (1u << c)) != 0;
              g_assert_true (found);
            }
          /* Most urgent first; the first sets the outcome. */
          for (guint a = 1; a < msk_decision_get_n_actions (d); a++)
            g_assert_cmpint (msk_decision_get_action (d, a - 1)->urgency->rank, <=,
                             msk_decision_get_action (d, a)->urgency->rank);
          g_assert_true (msk_decision_get_outcome (d) == msk_decision_get_action (d, 0)->outcome);
          /* A red flag is never argued against. */
          g_assert_cmpuint (msk_decision_get_n_rationale (d), ==, 0);
          for (guint i = 0; i < msk_decision_get_n_resources (d); i++)
            g_assert_false (is_low_value_evidence (policy, msk_decision_get_resource (d, i)));
          checked++;
        }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (regions) * ((1u << n) - 1) * 2);
}

static void
test_text_and_pages (void)
{
  guint n = msk_policy_get_n_concerns (policy);
  const char *regions[] = { "lumbar_spine", "cervical_spine", "knee" };
  GDate late;

  g_date_clear (&late, 1);
  g_date_set_dmy (&late, 1, 1, 2030);  /* past review: the warning takes room too */
  for (guint reg = 0; reg < G_N_ELEMENTS (regions); reg++)
    for (guint mask = 0; mask < (1u << n); mask++)
      {
        g_autoptr(MskRequest) request = msk_request_new (policy);
        g_autoptr(MskDecision) decision = NULL;
        g_autofree char *text = NULL;

        msk_request_set_requester (request, msk_policy_find_requester (policy, "fcp"));
        msk_request_set_fcp_governance (request, TRUE);
        msk_request_set_region (request, msk_policy_find_region (policy, regions[reg]));
        msk_request_set_borough (request, msk_policy_find_borough (policy, "barking_dagenham"));
        for (guint c = 0; c < n; c++)
          {
            const MskConcern *concern = msk_policy_get_concern (policy, c);

            msk_request_set_concern (request, concern, (mask >> c) & 1);
            for (guint k = 0; ((mask >> c) & 1) && k < concern->n_signs; k++)
              msk_request_set_sign (request, &concern->signs[k], TRUE);
          }
        decision = msk_evaluate (policy, request, &late);

        text = msk_decision_to_text (decision, NULL);
        for (guint a = 0; a < msk_decision_get_n_actions (decision); a++)
          {
            g_assert_nonnull (strstr (text, msk_decision_get_action (decision, a)->pathway->text));
            g_assert_nonnull (strstr (text, msk_decision_get_action (decision, a)->why));
          }
        g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 4000);

        summary_test_assert_one_page (decision, regions[reg], mask);
      }
}

/* The maintainer's check accepts the file, and the command line decides with it. */
static void
test_command_line (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli ((const char *[]) { "--validate-policy", policy_path, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "valid"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = msk_test_run_cli ((const char *[]) { "--policy", policy_path, "--evaluate", "-", "--format", "json", NULL },
                             "{\"requester\": \"gp\", \"concerns\": [\"suspected_sarcoma\", \"" MSK_TEST_NEW_CONCERN "\"]}",
                             &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"" MSK_TEST_NEW_ROUTE "\""));
  g_assert_nonnull (strstr (out, "\"test_new_pathway\""));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  bytes = msk_test_extended_policy_bytes ();
  policy = msk_policy_new_from_bytes (bytes, "extended", &error);
  g_assert_no_error (error);
  policy_path = g_build_filename (g_get_tmp_dir (), "msk-extended-policy-XXXXXX.json", NULL);
  {
    int fd = g_mkstemp (policy_path);
    g_assert_cmpint (fd, >=, 0);
    close (fd);
  }
  g_assert_true (g_file_set_contents (policy_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  g_test_add_func ("/policy-change/engine", test_engine);
  g_test_add_func ("/policy-change/text-and-one-page", test_text_and_pages);
  g_test_add_func ("/policy-change/command-line", test_command_line);

  status = g_test_run ();
  g_unlink (policy_path);
  g_free (policy_path);
  msk_policy_unref (policy);
  return status;
}
