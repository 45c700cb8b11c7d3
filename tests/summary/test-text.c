/* test-text.c — the plain text for the clinical record, against golden files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files hold "@SHA12@" where the policy file's short hash goes,
 * so an edit to the policy's wording does not churn every file. Set
 * MSK_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then read
 * the diff.
 */
#include "config.h"

#include <string.h>

#include "msk-decision-text.h"
#include "summary-test-util.h"

typedef struct {
  const char *name;
  const char *date;  /* a date, or one relative to the policy: "review+45" */
  const char *json;
} Golden;

static const Golden goldens[] = {
  { "community-lumbar", "effective+375",
    "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"newham\", \"concerns\": []}" },
  { "community-no-borough", "effective+375",
    "{\"requester\": \"other\", \"region\": \"hip\", \"concerns\": []}" },
  { "fcp-governance", "effective+375",
    "{\"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"knee\", \"borough\": \"city_hackney\", \"concerns\": []}" },
  { "fcp-no-governance", "effective+375",
    "{\"requester\": \"fcp\", \"fcp_governance\": false, \"region\": \"shoulder\", \"borough\": \"barking_dagenham\", \"concerns\": []}" },
  { "ces", "effective+375",
    "{\"requester\": \"gp\", \"concerns\": [\"suspected_ces\"]}" },
  { "sarcoma-urgent", "effective+375",
    "{\"requester\": \"other\", \"region\": \"knee\", \"borough\": \"havering\", \"concerns\": [\"suspected_sarcoma\", \"urgent_msk\"]}" },
  { "all-concerns-past-review", "review+45",
    "{\"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"cervical_spine\", \"borough\": \"waltham_forest\","
    " \"concerns\": [\"suspected_ces\", \"oncology_patient\", \"suspected_cancer\", \"suspected_sarcoma\", \"urgent_msk\"],"
    " \"notes\": \"Night pain.\\n\\tWeight loss  <4kg> & fatigue.\"}" },
  { "incomplete", "effective+375",
    "{\"requester\": \"gp\", \"concerns\": []}" },
  { "ces-lumbar", "effective+375",
    "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"tower_hamlets\", \"concerns\": [\"suspected_ces\"]}" },
  { "oncology-mscc", "effective+375",
    "{\"requester\": \"gp\", \"region\": \"thoracic_spine\", \"concerns\": [\"oncology_patient\"], \"emergency_signs\": [\"mscc_neuro\"]}" },
  { "septic-joint", "effective+375",
    "{\"requester\": \"other\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": [\"suspected_cancer\", \"urgent_msk\"], \"emergency_signs\": [\"septic_joint\"]}" },
  { "gp-governance-ignored", "effective+375",
    "{\"requester\": \"gp\", \"fcp_governance\": true, \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": []}" },
};

/* Copy for notes: for every form the policy allows (with and without its
 * emergency signs and a note), the text carries every action with its
 * urgency and reason, the rationale that applies, the policy's title,
 * version and dates and the app's version, and stays short enough to paste:
 * at most MAX_TEXT characters before the clinical note. */
#define MAX_TEXT 4000

static guint
count_in (const char *text,
          const char *what)
{
  guint n = 0;

  for (const char *at = strstr (text, what); at != NULL; at = strstr (at + 1, what))
    n++;
  return n;
}

static void
assert_text_complete (MskDecision *decision,
                      const char  *text)
{
  MskPolicy *policy = msk_decision_get_policy (decision);
  g_autofree char *effective = msk_format_date_uk (msk_policy_get_effective (policy));
  g_autofree char *review = msk_format_date_uk (msk_policy_get_review (policy));
  const char *note = strstr (text, "Clinical note: ");
  const char *headline = msk_decision_get_headline (decision);
  const MskOutcome *outcome = msk_decision_get_outcome (decision);
  const MskVerdict *verdict = msk_decision_get_verdict (decision);

  /* The outcome stated once, in the headline's words: the outcome's own
   * label said it again (the same words, or a vaguer paraphrase such as
   * "follow the red-flag pathway" under "follow the national CES
   * pathway"). The verdict on MRI in primary care is a fact of its own. */
  g_assert_cmpuint (count_in (text, headline), ==, 1);
  if (g_strcmp0 (outcome->label, headline) != 0)
    g_assert_null (strstr (text, outcome->label));
  if (verdict != NULL)
    g_assert_nonnull (strstr (text, verdict->label));
  for (guint i = 0; i < msk_decision_get_n_actions (decision); i++)
    {
      const MskAction *a = msk_decision_get_action (decision, i);
      g_autofree char *urgency = msk_action_describe_urgency (a);

      g_assert_nonnull (strstr (text, a->pathway->title));
      g_assert_nonnull (strstr (text, a->pathway->text));
      g_assert_nonnull (strstr (text, a->why));
      g_assert_nonnull (strstr (text, urgency));
    }
  for (guint i = 0; i < msk_decision_get_n_rationale (decision); i++)
    g_assert_nonnull (strstr (text, msk_decision_get_rationale (decision, i)->text));
  for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
    g_assert_nonnull (strstr (text, msk_decision_get_warning (decision, i)));
  g_assert_nonnull (strstr (text, msk_policy_get_title (policy)));
  g_assert_nonnull (strstr (text, msk_policy_get_version (policy)));
  g_assert_nonnull (strstr (text, effective));
  g_assert_nonnull (strstr (text, review));
  g_assert_nonnull (strstr (text, PACKAGE_VERSION));
  g_assert_nonnull (strstr (text, "policy file fingerprint"));
  g_assert_nonnull (strstr (text, msk_policy_get_disclaimer (policy)));
  g_assert_cmpuint (g_utf8_strlen (text, note != NULL ? note - text : -1), <=, MAX_TEXT);
}

static char *
expected_text (const Golden *g,
               const char   *short_hash)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", g->name, NULL);
  g_autofree char *file = g_strconcat (path, ".txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (contents, "@SHA12@", -1);
  return g_strjoinv (short_hash, parts);
}

static void
test_golden (gconstpointer data)
{
  const Golden *g = data;
  g_autofree char *date = msk_test_resolve_date (g->date);
  g_autoptr(MskDecision) decision = summary_test_decide (g->json, date);
  MskPolicy *policy = msk_decision_get_policy (decision);
  g_autofree char *short_hash = g_strndup (msk_policy_get_sha256 (policy), 12);
  g_autofree char *text = msk_decision_to_text (decision, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_strcmp0 (g_getenv ("MSK_UPDATE_GOLDEN"), "1") == 0)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "golden", NULL);
      g_autofree char *base = g_strconcat (g->name, ".txt", NULL);
      g_autofree char *file = g_build_filename (dir, base, NULL);
      g_auto(GStrv) parts = g_strsplit (text, short_hash, -1);
      g_autofree char *templ = g_strjoinv ("@SHA12@", parts);

      g_assert_true (g_file_set_contents (file, templ, -1, NULL));
    }

  expected = expected_text (g, short_hash);
  g_assert_cmpstr (text, ==, expected);
  assert_text_complete (decision, text);

  /* The command line prints the same text. */
  status = msk_test_run_cli (ARGS ("--evaluate", "-", "--date", date, "--format", "text"), g->json, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_every_request_fits (void)
{
  g_autoptr(MskPolicy) policy = summary_test_policy ();
  guint n_concerns = msk_policy_get_n_concerns (policy);
  guint checked = 0;
  GDate dates[2];

  g_date_clear (dates, 2);
  g_date_set_dmy (&dates[0], 27, 11, 2026);
  g_date_set_dmy (&dates[1], 1, 1, 2030);

  for (guint r = 0; r < msk_policy_get_n_requesters (policy); r++)
    for (guint gov = 0; gov < 2; gov++)
      for (guint reg = 0; reg <= msk_policy_get_n_regions (policy); reg++)
        for (guint b = 0; b <= msk_policy_get_n_boroughs (policy); b += 3)
          for (guint mask = 0; mask < (1u << n_concerns); mask++)
            for (guint signs = 0; signs < 2; signs++)
              for (guint d = 0; d < 2; d++)
                {
                  g_autoptr(MskRequest) request = msk_request_new (policy);
                  g_autoptr(MskDecision) decision = NULL;
                  g_autofree char *text = NULL;

                  msk_request_set_requester (request, msk_policy_get_requester (policy, r));
                  msk_request_set_fcp_governance (request, gov);
                  if (reg < msk_policy_get_n_regions (policy))
                    msk_request_set_region (request, msk_policy_get_region (policy, reg));
                  if (b < msk_policy_get_n_boroughs (policy))
                    msk_request_set_borough (request, msk_policy_get_borough (policy, b));
                  for (guint c = 0; c < n_concerns; c++)
                    {
                      const MskConcern *concern = msk_policy_get_concern (policy, c);

                      msk_request_set_concern (request, concern, (mask >> c) & 1);
                      for (guint k = 0; signs && ((mask >> c) & 1) && k < concern->n_signs; k++)
                        msk_request_set_sign (request, &concern->signs[k], TRUE);
                    }
                  if (mask % 2 == 0)
                    msk_request_set_notes (request, "Line one\nline two\n\n  line three");
                  decision = msk_evaluate (policy, request, &dates[d]);
                  text = msk_decision_to_text (decision, NULL);
                  assert_text_complete (decision, text);
                  checked++;
                }
  g_test_message ("%u requests checked", checked);
}

static void
test_time_stamp (void)
{
  g_autofree char *date = msk_test_resolve_date (goldens[0].date);
  g_autoptr(MskDecision) decision = summary_test_decide (goldens[0].json, date);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 27, 9, 7, 0);
  g_autofree char *text = msk_decision_to_text (decision, when);

  g_assert_true (g_str_has_prefix (text, "MSK MRI decision support — 27/11/2026 09:07\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/summary/text/golden/%s", goldens[i].name);
      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  g_test_add_func ("/summary/text/every-request-fits", test_every_request_fits);
  g_test_add_func ("/summary/text/time-stamp", test_time_stamp);
  return g_test_run ();
}
