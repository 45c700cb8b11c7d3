/* test-policy-change.c — a new policy version as data only: nothing else changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The promise to the ICS is "a new policy version is a new JSON file, not a
 * rebuild". This takes the bundled policy, adds a concern that can be an
 * emergency (with its sign, a pathway, a route the sign escalates and a
 * patient-sheet safety net) as a maintainer would
 * (tests/core/msk-test-util.c), and checks what a user would notice: the
 * file validates, the engine sends every ticked concern to its route in
 * urgency order, the copy for the notes carries every action, and every
 * summary and patient sheet still fits one page on A4 and Letter with
 * nothing left off. Everything here is counted from the loaded policy.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "msk-decision-text.h"
#include "msk-io.h"
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

/* The new concern can be an emergency, as a real red flag can: its sign
 * escalates its route to the emergency outcome, and either way the patient
 * sheet gets its safety net. */
static void
test_new_concern_is_emergency_capable (void)
{
  const MskConcern *concern = msk_policy_find_concern (policy, MSK_TEST_NEW_CONCERN);
  GDate today;

  g_assert_nonnull (concern);
  g_assert_cmpuint (concern->n_signs, ==, 1);
  g_assert_cmpstr (concern->signs[0].id, ==, MSK_TEST_NEW_SIGN);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  for (guint sign = 0; sign < 2; sign++)
    {
      g_autoptr(MskRequest) request = msk_request_new (policy);
      g_autoptr(MskDecision) d = NULL;
      gboolean netted = FALSE;

      msk_request_set_requester (request, msk_policy_find_requester (policy, "gp"));
      msk_request_set_region (request, msk_policy_find_region (policy, "knee"));
      msk_request_set_concern (request, concern, TRUE);
      msk_request_set_sign (request, &concern->signs[0], sign);
      d = msk_evaluate (policy, request, &today);

      g_assert_cmpstr (msk_decision_get_action (d, 0)->route->id, ==, MSK_TEST_NEW_ROUTE);
      g_assert_cmpstr (msk_decision_get_outcome (d)->kind, ==, sign ? "emergency" : "urgent");
      for (guint i = 0; i < msk_decision_get_n_safety_nets (d); i++)
        netted |= g_strcmp0 (msk_decision_get_safety_net (d, i)->id, MSK_TEST_NEW_SAFETY_NET) == 0;
      g_assert_true (netted);
    }
}

/* The copy for the notes carries every action, and both documents fit one
 * page on A4 and Letter. */
static void
check_text_and_pages (const MskDecision *decision,
                      const MskRegion   *region,
                      guint              concerns,
                      gboolean           signs,
                      gpointer           data)
{
  g_autofree char *text = msk_decision_to_text (decision, NULL);

  for (guint a = 0; a < msk_decision_get_n_actions (decision); a++)
    {
      g_assert_nonnull (strstr (text, msk_decision_get_action (decision, a)->pathway->text));
      g_assert_nonnull (strstr (text, msk_decision_get_action (decision, a)->why));
    }
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 4000);

  summary_test_check_one_page (decision, region, concerns, signs, NULL);
}

static GDate *
past_review (void)
{
  /* Past review: the warning takes room too. */
  return g_date_new_dmy (1, 1, 2030);
}

static void
test_text_and_pages (void)
{
  g_autoptr(GDate) late = past_review ();
  guint n = msk_policy_get_n_concerns (policy);
  guint decided = summary_test_foreach_request (policy, late, check_text_and_pages, NULL);

  /* Every region alone, then every combination of concerns, with and
   * without the emergency signs, on a spine and a limb at least. */
  g_assert_cmpuint (decided, >, msk_policy_get_n_regions (policy) + 2 * ((1u << n) - 1));
}

typedef struct {
  char  *dir;
  guint  checked;
} Printed;

/* The busiest requests, printed: every concern ticked, with and without the
 * emergency signs, on a region of each kind. Nothing is dropped to fit the page: the
 * summary holds every action's pathway and reason, the patient sheet every
 * safety net the decision calls for, each whole with its source. */
static void
check_nothing_dropped (const MskDecision *decision,
                       const MskRegion   *region,
                       guint              concerns,
                       gboolean           signs,
                       gpointer           data)
{
  Printed *printed = data;
  const double papers[][2] = {
    { MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT },
    { MSK_SUMMARY_LETTER_WIDTH, MSK_SUMMARY_LETTER_HEIGHT },
  };

  if (concerns != (1u << msk_policy_get_n_concerns (policy)) - 1)
    return;
  g_assert_cmpuint (msk_decision_get_n_safety_nets (decision), >=, 1);
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (int kind = MSK_SUMMARY_DECISION; kind <= MSK_SUMMARY_PATIENT_SHEET; kind++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) pdf = msk_summary_to_pdf (decision, kind, NULL, papers[p][0], papers[p][1], &error);
        g_autofree char *name = g_strdup_printf ("%s-%d-%u-%u.pdf", region->id, signs, p, kind);
        g_autofree char *path = g_build_filename (printed->dir, name, NULL);
        g_autofree char *text = NULL;
        guint pages;

        g_assert_no_error (error);
        msk_write_file_atomic (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, &error);
        g_assert_no_error (error);
        text = summary_test_pdf_text (path);
        pages = summary_test_pdf_pages (path);
        g_unlink (path);
        if (text == NULL)
          return;  /* no poppler-utils: skipped */
        g_assert_cmpuint (pages, ==, 1);
        if (kind == MSK_SUMMARY_DECISION)
          for (guint a = 0; a < msk_decision_get_n_actions (decision); a++)
            {
              const MskAction *action = msk_decision_get_action (decision, a);

              g_assert_true (summary_test_contains (text, action->pathway->title));
              g_assert_true (summary_test_contains (text, action->why));
            }
        else
          for (guint i = 0; i < msk_decision_get_n_safety_nets (decision); i++)
            {
              const MskSafetyNet *net = msk_decision_get_safety_net (decision, i);

              g_assert_true (summary_test_contains (text, net->intro));
              for (guint k = 0; net->signs[k] != NULL; k++)
                g_assert_true (summary_test_contains (text, net->signs[k]));
              g_assert_true (summary_test_contains (text, net->source));
            }
        printed->checked++;
      }
}

static void
test_nothing_dropped (void)
{
  g_autoptr(GDate) late = past_review ();
  g_autoptr(GError) error = NULL;
  Printed printed = { g_dir_make_tmp ("msk-policy-change-XXXXXX", &error), 0 };

  g_assert_no_error (error);
  summary_test_foreach_request (policy, late, check_nothing_dropped, &printed);
  g_rmdir (printed.dir);
  g_free (printed.dir);
  /* Each document on each paper, with and without the signs, for a spine
   * and a limb at least; none when poppler-utils is missing (skipped). */
  if (g_strcmp0 (g_getenv ("PDFTOTEXT"), "") != 0 && g_getenv ("PDFTOTEXT") != NULL)
    g_assert_cmpuint (printed.checked, >=, 2 * 2 * 2 * 2);
}

/* Only the sheets with the new safety net on them: the others are laid out
 * as for the extended policy, which text-and-one-page has checked. */
static void
check_one_page_with_new_net (const MskDecision *decision,
                             const MskRegion   *region,
                             guint              concerns,
                             gboolean           signs,
                             gpointer           data)
{
  for (guint i = 0; i < msk_decision_get_n_safety_nets (decision); i++)
    if (g_strcmp0 (msk_decision_get_safety_net (decision, i)->id, MSK_TEST_NEW_SAFETY_NET) == 0)
      {
        summary_test_check_one_page (decision, region, concerns, signs, NULL);
        (*(guint *) data)++;
      }
}

/* A maintainer's safety net may be longer than the test's: with eight signs
 * to its box, more than any box of the bundled policy holds, every sheet
 * still fits one page, on Letter with all four boxes in smaller type. */
static void
test_longer_safety_net (void)
{
  g_autoptr(GBytes) bytes = msk_test_extended_policy_bytes ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) signs = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) longer = NULL;
  g_autoptr(GDate) late = past_review ();
  g_autofree char *json = NULL;
  g_autoptr(GBytes) edited = NULL;
  const MskSafetyNet *net = NULL;
  guint checked = 0;

  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *sign = g_strdup_printf ("Sign %u of the new red flag, written out in full for the patient "
                                               "to read", i);
      json_array_add_string_element (signs, sign);
    }
  json_node_set_array (node, signs);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  msk_test_edit (json_parser_get_root (parser), "patient_sheet/safety_nets/[id=" MSK_TEST_NEW_SAFETY_NET "]/signs",
                 node);
  json = msk_test_to_json (json_parser_get_root (parser));
  edited = g_bytes_new (json, strlen (json));
  longer = msk_policy_new_from_bytes (edited, "longer", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < msk_policy_get_patient_sheet (longer)->n_safety_nets; i++)
    if (g_strcmp0 (msk_policy_get_patient_sheet (longer)->safety_nets[i].id, MSK_TEST_NEW_SAFETY_NET) == 0)
      net = &msk_policy_get_patient_sheet (longer)->safety_nets[i];
  g_assert_nonnull (net);
  g_assert_cmpuint (g_strv_length ((char **) net->signs), ==, 8);

  summary_test_foreach_request (longer, late, check_one_page_with_new_net, &checked);
  g_assert_cmpuint (checked, >, 0);
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
  g_test_add_func ("/policy-change/new-concern-can-be-an-emergency", test_new_concern_is_emergency_capable);
  g_test_add_func ("/policy-change/text-and-one-page", test_text_and_pages);
  g_test_add_func ("/policy-change/nothing-dropped-to-fit", test_nothing_dropped);
  g_test_add_func ("/policy-change/longer-safety-net-fits", test_longer_safety_net);
  g_test_add_func ("/policy-change/command-line", test_command_line);

  status = g_test_run ();
  g_unlink (policy_path);
  g_free (policy_path);
  msk_policy_unref (policy);
  return status;
}
