/* test-engine.c — every route and combination of PRODUCT.md's decision table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-decision.h"
#include "msk-test-util.h"

static MskPolicy *policy;

static gboolean
decision_has_resource (MskDecision *d,
                       const char  *id)
{
  for (guint i = 0; i < msk_decision_get_n_resources (d); i++)
    if (strcmp (msk_decision_get_resource (d, i)->id, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
decision_has_rationale (MskDecision *d,
                        const char  *id)
{
  for (guint i = 0; i < msk_decision_get_n_rationale (d); i++)
    if (strcmp (msk_decision_get_rationale (d, i)->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_string_or_null (JsonObject *c,
                       const char *member,
                       const char *actual)
{
  JsonNode *n = json_object_get_member (c, member);

  if (n == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (n))
    g_assert_null (actual);
  else
    g_assert_cmpstr (actual, ==, json_node_get_string (n));
}

/* One subtest per case of tests/data/decisions.json, named after it. */
static void
test_table_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;

    {
      g_autofree char *text = msk_test_to_json (json_object_get_member (c, "request"));
      g_autoptr(GError) error = NULL;
      g_autoptr(MskRequest) request = msk_request_new_from_json (policy, text, strlen (text), &error);
      g_autoptr(MskDecision) d = NULL;
      JsonArray *trace = json_object_get_array_member (c, "trace");
      JsonArray *actions = json_object_get_array_member (c, "actions");
      JsonArray *warnings = json_object_get_array_member (c, "warnings");
      /* A case's date may be relative to the bundled policy ("review+1");
       * with none, a day in the policy's life. */
      g_autofree char *date = msk_test_resolve_date (json_object_has_member (c, "date")
                                                     ? json_object_get_string_member (c, "date") : "effective+375");
      GDate today;

      g_test_message ("case %s", json_object_get_string_member (c, "name"));
      g_assert_no_error (error);
      g_assert_true (msk_parse_iso_date (date, &today));
      d = msk_evaluate (policy, request, &today);

      g_assert_cmpstr (msk_decision_get_outcome (d)->id, ==, json_object_get_string_member (c, "outcome"));
      assert_string_or_null (c, "urgency", msk_decision_get_urgency (d) ? msk_decision_get_urgency (d)->id : NULL);
      assert_string_or_null (c, "mri", msk_decision_get_verdict (d) ? msk_decision_get_verdict (d)->id : NULL);

      g_assert_cmpuint (msk_decision_get_n_actions (d), ==, json_array_get_length (trace));
      for (guint j = 0; j < json_array_get_length (trace); j++)
        {
          const MskAction *a = msk_decision_get_action (d, j);
          g_assert_cmpstr (a->route->id, ==, json_array_get_string_element (trace, j));
          g_assert_cmpstr (a->pathway->id, ==, json_array_get_string_element (actions, j));
        }

      g_assert_cmpuint (msk_decision_get_n_warnings (d), ==, json_array_get_length (warnings));
      for (guint j = 0; j < json_array_get_length (warnings); j++)
        {
          /* "{review}" in a warning stands for the bundled review date as shown. */
          g_autofree char *want = msk_test_resolve_shown_dates (json_array_get_string_element (warnings, j));

          g_assert_nonnull (strstr (msk_decision_get_warning (d, j), want));
        }

      if (json_object_has_member (c, "missing"))
        g_assert_true (g_str_has_prefix (msk_decision_get_missing (d), json_object_get_string_member (c, "missing")));
      if (json_object_has_member (c, "service"))
        g_assert_cmpstr (msk_decision_get_service (d)->borough->id, ==, json_object_get_string_member (c, "service"));
      if (json_object_has_member (c, "rationale"))
        {
          JsonArray *r = json_object_get_array_member (c, "rationale");
          g_assert_cmpuint (msk_decision_get_n_rationale (d), ==, json_array_get_length (r));
          for (guint j = 0; j < json_array_get_length (r); j++)
            g_assert_true (decision_has_rationale (d, json_array_get_string_element (r, j)));
        }
      if (json_object_has_member (c, "resources_include"))
        {
          JsonArray *r = json_object_get_array_member (c, "resources_include");
          for (guint j = 0; j < json_array_get_length (r); j++)
            g_assert_true (decision_has_resource (d, json_array_get_string_element (r, j)));
        }
      if (json_object_has_member (c, "escalated_by"))
        {
          JsonArray *e = json_object_get_array_member (c, "escalated_by");
          g_assert_cmpuint (json_array_get_length (e), ==, msk_decision_get_n_actions (d));
          for (guint j = 0; j < json_array_get_length (e); j++)
            {
              const MskSign *sign = msk_decision_get_action (d, j)->sign;
              JsonNode *want = json_array_get_element (e, j);
              g_assert_cmpstr (sign ? sign->id : NULL, ==, JSON_NODE_HOLDS_NULL (want) ? NULL : json_node_get_string (want));
            }
        }
      if (json_object_has_member (c, "resources_exclude"))
        {
          JsonArray *r = json_object_get_array_member (c, "resources_exclude");
          for (guint j = 0; j < json_array_get_length (r); j++)
            g_assert_false (decision_has_resource (d, json_array_get_string_element (r, j)));
        }
    }
}

/* PRODUCT.md's table, written out independently of the policy file, checked
 * against the engine for every combination of the form's fields. */
typedef struct {
  const char *concern;
  const char *route;
  const char *urgency;   /* without its sign */
  const char *sign;      /* the emergency sign that escalates it, or NULL */
} RedFlag;

static const RedFlag red_flags[] = {
  { "suspected_ces", "ces", "emergency", NULL },
  { "oncology_patient", "oncology", "urgent", "mscc_neuro" },
  { "suspected_cancer", "cancer", "urgent", NULL },
  { "suspected_sarcoma", "sarcoma", "urgent", NULL },
  { "urgent_msk", "urgent_msk", "urgent", "septic_joint" },
};

/* Evidence that argues the low value of imaging: never on a red flag. */
static const char *low_value_resources[] = {
  "nice_ng59", "aomrc_lbp", "aomrc_knee", "aomrc_hip", "aomrc_shoulder", "bmj_unintended",
  "bjsm_best_practice", "systematic_review", "asymptomatic_findings", "girft_spinal", "best_msk_spinal",
};
static const char *low_value_rationale[] = { "little_benefit", "harms", "spinal_expertise", "spinal_advice" };

static void
check_red_flag_decision (MskDecision *d)
{
  for (guint k = 0; k < G_N_ELEMENTS (low_value_resources); k++)
    if (decision_has_resource (d, low_value_resources[k]))
      g_error ("a red-flag decision lists %s", low_value_resources[k]);
  for (guint k = 0; k < G_N_ELEMENTS (low_value_rationale); k++)
    if (decision_has_rationale (d, low_value_rationale[k]))
      g_error ("a red-flag decision quotes %s", low_value_rationale[k]);
  g_assert_cmpstr (msk_decision_get_verdict (d)->kind, ==, "via_pathway");
}

static void
test_every_combination (void)
{
  const char *requesters[] = { "gp", "fcp", "other" };
  const char *regions[] = { NULL, "lumbar_spine", "thoracic_spine", "cervical_spine", "shoulder", "elbow",
                            "hand_wrist", "hip", "knee", "foot_ankle", "other" };
  const char *boroughs[] = { NULL, "barking_dagenham", "city_hackney", "havering", "newham", "redbridge",
                             "tower_hamlets", "waltham_forest" };
  const guint n_flags = G_N_ELEMENTS (red_flags);
  GDate dates[2];
  guint n = 0, n_expected = 0;

  /* The last day of the policy's life and the first day past review. */
  msk_test_bundled_date ("review", 0, &dates[0]);
  msk_test_bundled_date ("review", 1, &dates[1]);

  for (guint rq = 0; rq < G_N_ELEMENTS (requesters); rq++)
  for (guint gov = 0; gov < 2; gov++)
  for (guint rg = 0; rg < G_N_ELEMENTS (regions); rg++)
  for (guint b = 0; b < G_N_ELEMENTS (boroughs); b++)
  for (guint mask = 0; mask < (1u << n_flags); mask++)
  for (guint signs = 0; signs < (1u << n_flags); signs++)
  for (guint dt = 0; dt < 2; dt++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(MskRequest) req = NULL;
      g_autoptr(MskDecision) d = NULL;
      const char *expect[8];
      gboolean escalated[8];
      guint n_expect = 0;
      const char *outcome, *mri, *urgency;
      gboolean no_borough_warning = FALSE, fcp = strcmp (requesters[rq], "fcp") == 0;
      gboolean valid = TRUE;
      guint n_warnings;

      /* A sign stands only under its ticked concern, and only where the table has one. */
      for (guint k = 0; k < n_flags; k++)
        if ((signs & (1u << k)) && (red_flags[k].sign == NULL || !(mask & (1u << k))))
          valid = FALSE;
      if (!valid)
        continue;
      n_expected++;

      g_string_append_printf (json, "{\"requester\": \"%s\", \"fcp_governance\": %s, \"concerns\": [",
                              requesters[rq], gov ? "true" : "false");
      for (guint k = 0; k < n_flags; k++)
        if (mask & (1u << k))
          g_string_append_printf (json, "%s\"%s\"", json->str[json->len - 1] == '[' ? "" : ", ", red_flags[k].concern);
      g_string_append (json, "], \"emergency_signs\": [");
      for (guint k = 0; k < n_flags; k++)
        if (signs & (1u << k))
          g_string_append_printf (json, "%s\"%s\"", json->str[json->len - 1] == '[' ? "" : ", ", red_flags[k].sign);
      g_string_append (json, "]");
      if (regions[rg])
        g_string_append_printf (json, ", \"region\": \"%s\"", regions[rg]);
      if (boroughs[b])
        g_string_append_printf (json, ", \"borough\": \"%s\"", boroughs[b]);
      g_string_append (json, "}");

      req = msk_request_new_from_json (policy, json->str, json->len, NULL);
      g_assert_nonnull (req);
      d = msk_evaluate (policy, req, &dates[dt]);

      /* Emergencies first (CES, then escalated routes, in table order), then
       * the urgent ones in table order. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint k = 0; k < n_flags; k++)
          {
            gboolean up = (signs & (1u << k)) != 0;
            gboolean emergency = up || strcmp (red_flags[k].urgency, "emergency") == 0;

            if ((mask & (1u << k)) && emergency == (pass == 0))
              {
                escalated[n_expect] = up;
                expect[n_expect++] = red_flags[k].route;
              }
          }
      if (mask == 0 && regions[rg] != NULL)
        {
          escalated[n_expect] = FALSE;
          if (fcp && gov)
            expect[n_expect++] = "fcp_governance";
          else
            {
              expect[n_expect++] = "community_msk";
              no_borough_warning = boroughs[b] == NULL;
            }
        }

      if (n_expect == 0)
        outcome = "incomplete", mri = NULL, urgency = NULL;
      else if (mask != 0)
        {
          gboolean first_emergency = escalated[0] || strcmp (expect[0], "ces") == 0;
          outcome = first_emergency ? "emergency_pathway" : "urgent_pathway";
          urgency = first_emergency ? "emergency" : "urgent";
          mri = "via_pathway";
        }
      else if (strcmp (expect[0], "fcp_governance") == 0)
        outcome = "fcp_mri_permitted", mri = "permitted_under_governance", urgency = "routine";
      else
        outcome = "refer_community_msk", mri = "not_recommended", urgency = "routine";

      if (strcmp (msk_decision_get_outcome (d)->id, outcome) != 0)
        g_error ("%s: outcome %s, expected %s", json->str, msk_decision_get_outcome (d)->id, outcome);
      g_assert_cmpstr (msk_decision_get_verdict (d) ? msk_decision_get_verdict (d)->id : NULL, ==, mri);
      g_assert_cmpstr (msk_decision_get_urgency (d) ? msk_decision_get_urgency (d)->id : NULL, ==, urgency);
      g_assert_cmpuint (msk_decision_get_n_actions (d), ==, n_expect);
      for (guint k = 0; k < n_expect; k++)
        {
          const MskAction *a = msk_decision_get_action (d, k);
          if (strcmp (a->route->id, expect[k]) != 0)
            g_error ("%s: action %u is %s, expected %s", json->str, k, a->route->id, expect[k]);
          g_assert_true ((a->sign != NULL) == escalated[k]);
          if (escalated[k])
            g_assert_cmpstr (a->urgency->id, ==, "emergency");
        }

      n_warnings = (dt == 1) + no_borough_warning + (gov && !fcp);
      g_assert_cmpuint (msk_decision_get_n_warnings (d), ==, n_warnings);
      g_assert_true (msk_decision_is_past_review (d) == (dt == 1));

      /* Rationale and evidence follow the outcome (PRODUCT.md). */
      if (mask != 0)
        check_red_flag_decision (d);
      else if (regions[rg] != NULL)
        {
          gboolean spinal = g_str_has_suffix (regions[rg], "_spine");
          gboolean refer = strcmp (expect[0], "community_msk") == 0;
          g_assert_true (decision_has_resource (d, "bjsm_best_practice"));
          g_assert_true (decision_has_resource (d, "asymptomatic_findings"));
          g_assert_true (decision_has_resource (d, "best_msk_spinal") == spinal);
          g_assert_true (decision_has_rationale (d, "spinal_expertise") == spinal);
          g_assert_true (decision_has_rationale (d, "little_benefit") == refer);
          g_assert_true (decision_has_resource (d, "nice_ng59") == (strcmp (regions[rg], "lumbar_spine") == 0));
          g_assert_true (decision_has_resource (d, "aomrc_knee") == (strcmp (regions[rg], "knee") == 0));
        }
      n++;
    }
  /* requesters × governance × regions × boroughs × (concern, sign) sets × dates */
  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpuint (n, ==, 3 * 2 * 11 * 8 * 72 * 2);
}

/* The engine reads only its arguments: the same request gives the same
 * decision, and evaluating leaves the request as it was. */
static void
test_pure (void)
{
  const char *text = "{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": [\"urgent_msk\"]}";
  g_autoptr(MskRequest) req = msk_request_new_from_json (policy, text, strlen (text), NULL);
  g_autoptr(MskDecision) a = NULL;
  g_autoptr(MskDecision) b = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  GDate today;

  g_assert_true (msk_parse_iso_date ("2026-11-27", &today));
  a = msk_evaluate (policy, req, &today);
  msk_request_set_concern (req, msk_policy_find_concern (policy, "urgent_msk"), FALSE);
  b = msk_evaluate (policy, req, &today);
  g_assert_cmpstr (msk_decision_get_outcome (a)->id, ==, "urgent_pathway");
  g_assert_cmpstr (msk_decision_get_outcome (b)->id, ==, "refer_community_msk");
  /* `a` kept its own copy of the request. */
  g_assert_true (msk_request_has_concern (msk_decision_get_request (a), msk_policy_find_concern (policy, "urgent_msk")));

  msk_request_set_concern (req, msk_policy_find_concern (policy, "urgent_msk"), TRUE);
  g_clear_pointer (&b, msk_decision_unref);
  b = msk_evaluate (policy, req, &today);
  ja = msk_decision_to_json (a);
  jb = msk_decision_to_json (b);
  g_assert_cmpstr (ja, ==, jb);
}

/* Two routes that need a borough both fire, past the review date: the
 * borough warning is given once, after the review warning. */
static void
test_warnings_once_each (void)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autoptr(MskPolicy) edited = NULL;
  g_autoptr(MskRequest) req = NULL;
  g_autoptr(MskDecision) d = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;
  char *json;
  GDate later;

  msk_test_edit (root, "pathways/[id=fcp_mri_access]/needs_borough", yes);
  msk_test_edit (root, "routes/[id=community_msk]/only_if_none_fired", NULL);
  json = msk_test_to_json (root);
  text = g_bytes_new_take (json, strlen (json));
  edited = msk_policy_new_from_bytes (text, "edited", &error);
  g_assert_no_error (error);

  {
    const char *r = "{\"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"hip\", \"concerns\": []}";
    req = msk_request_new_from_json (edited, r, strlen (r), &error);
  }
  g_assert_no_error (error);
  msk_test_bundled_date ("review", 411, &later);
  d = msk_evaluate (edited, req, &later);
  g_assert_cmpuint (msk_decision_get_n_actions (d), ==, 2);
  g_assert_cmpuint (msk_decision_get_n_warnings (d), ==, 2);
  g_assert_nonnull (strstr (msk_decision_get_warning (d, 0), "review date"));
  g_assert_nonnull (strstr (msk_decision_get_warning (d, 1), "No borough chosen"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  policy = msk_policy_new_bundled (NULL);
  g_assert_nonnull (policy);

  msk_test_add_fixture_cases ("decisions.json", "/engine/table", test_table_case);
  g_test_add_func ("/engine/every-combination", test_every_combination);
  g_test_add_func ("/engine/pure", test_pure);
  g_test_add_func ("/engine/warnings-once-each", test_warnings_once_each);

  ret = g_test_run ();
  msk_policy_unref (policy);
  return ret;
}
