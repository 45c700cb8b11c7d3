/* test-fhir.c — what a receiving system reads in the FHIR form of a decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema check (test-fhir-schema.sh) says the resources are valid FHIR
 * R4; this says they carry the decision: the MRI marked do-not-perform
 * unless permitted, the pathway's urgency as priority, each route's reason,
 * the policy named, no patient and no codes.
 */
#include "config.h"

#include <string.h>

#include "msk-fhir.h"

static MskPolicy *policy;

static JsonObject *
find_contained (JsonObject *gr,
                const char *id)
{
  JsonArray *contained = json_object_get_array_member (gr, "contained");

  for (guint i = 0; i < json_array_get_length (contained); i++)
    {
      JsonObject *o = json_array_get_object_element (contained, i);
      if (strcmp (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_error ("no contained resource \"%s\"", id);
  return NULL;
}

static JsonNode *
fhir_for (const char *request_json,
          const char *date,
          MskDecision **decision_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = msk_request_new_from_json (policy, request_json, strlen (request_json), &error);
  g_autoptr(MskDecision) decision = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GDate today;

  g_assert_no_error (error);
  g_assert_true (msk_parse_iso_date (date, &today));
  decision = msk_evaluate (policy, request, &today);
  /* The text form is what a script gets; read it back as they would. */
  text = msk_fhir_to_json (decision, TRUE);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  if (decision_out != NULL)
    *decision_out = g_steal_pointer (&decision);
  return json_node_ref (json_parser_get_root (parser));
}

/* Walks every object: no terminology codes, no identifiers, no patient. */
static void
assert_anonymous_and_uncoded (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      g_assert_false (json_object_has_member (o, "coding"));
      g_assert_false (json_object_has_member (o, "identifier"));
      g_assert_false (json_object_has_member (o, "system"));
      if (json_object_has_member (o, "subject"))
        {
          JsonObject *s = json_object_get_object_member (o, "subject");
          g_assert_false (json_object_has_member (s, "reference"));
          g_assert_cmpstr (json_object_get_string_member (s, "display"), ==, "patient not identified");
        }
      for (GList *l = members; l != NULL; l = l->next)
        assert_anonymous_and_uncoded (json_object_get_member (o, l->data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        assert_anonymous_and_uncoded (json_array_get_element (a, i));
    }
}

static gboolean
reason_present (JsonObject *o,
                const char *text)
{
  JsonArray *a = json_object_get_array_member (o, "reasonCode");

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (a, i), "text"), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_red_flag (void)
{
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(JsonNode) root = fhir_for ("{\"requester\":\"gp\",\"concerns\":[\"suspected_ces\",\"suspected_sarcoma\"],"
                                       "\"region\":\"lumbar_spine\",\"notes\":\"Zebra-7731\"}", "2026-06-01", &decision);
  JsonObject *gr = json_node_get_object (root);
  JsonArray *contained = json_object_get_array_member (gr, "contained");
  gboolean has_mri = FALSE;
  JsonObject *first = find_contained (gr, "action-1");
  JsonObject *second = find_contained (gr, "action-2");
  JsonObject *plan = find_contained (gr, "plan");
  g_autofree char *uri = g_strdup_printf ("urn:nel-msk-mri:policy:%s|%s", msk_policy_get_id (policy),
                                          msk_policy_get_version (policy));
  const MskAction *a1 = msk_decision_get_action (decision, 0);
  const MskAction *a2 = msk_decision_get_action (decision, 1);

  g_assert_cmpstr (json_object_get_string_member (gr, "resourceType"), ==, "GuidanceResponse");
  g_assert_cmpstr (json_object_get_string_member (gr, "status"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (gr, "moduleUri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (gr, "occurrenceDateTime"), ==, "2026-06-01");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gr, "result"), "reference"), ==, "#plan");
  /* Every route's "why" is there for the reader. */
  g_assert_true (reason_present (gr, a1->why));
  g_assert_true (reason_present (gr, a2->why));
  g_assert_true (reason_present (first, a1->why));

  /* An emergency goes out as stat, an urgent pathway as urgent. */
  g_assert_cmpstr (json_object_get_string_member (first, "priority"), ==, "stat");
  g_assert_cmpstr (json_object_get_string_member (second, "priority"), ==, "urgent");
  g_assert_cmpstr (json_object_get_string_member (first, "intent"), ==, "proposal");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "code"), "text"), ==,
                   a1->pathway->title);
  /* On a red flag imaging is the pathway's to arrange: no MRI request of
   * primary care's, and so no "doNotPerform" a receiving system could read
   * as "no MRI"; the verdict is a note. */
  for (guint i = 0; i < json_array_get_length (contained); i++)
    has_mri |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (contained, i), "id"), "mri") == 0;
  g_assert_false (has_mri);
  g_assert_cmpstr (msk_decision_get_verdict (decision)->kind, ==, "via_pathway");
  {
    g_autofree char *text = json_to_string (root, FALSE);
    g_assert_null (strstr (text, "doNotPerform"));
    g_assert_nonnull (strstr (text, msk_decision_get_verdict (decision)->label));
  }
  /* The first note is the decision as the record states it elsewhere: the
   * headline, which names the pathway. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (root), "note"), 0), "text"),
                   ==, msk_decision_get_headline (decision));

  /* The plan points to each request, most urgent first. */
  {
    JsonArray *actions = json_object_get_array_member (plan, "action");
    g_assert_cmpuint (json_array_get_length (actions), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (actions, 0), "resource"), "reference"), ==, "#action-1");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actions, 0), "priority"), ==, "stat");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (actions, 1), "resource"), "reference"), ==, "#action-2");
  }
  assert_anonymous_and_uncoded (root);
  {
    g_autofree char *text = json_to_string (root, FALSE);
    g_assert_null (strstr (text, "Zebra"));
  }
}

/* An emergency sign raises its pathway to stat, with the escalated reason. */
static void
test_escalated (void)
{
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(JsonNode) root = fhir_for ("{\"requester\":\"gp\",\"concerns\":[\"oncology_patient\"],"
                                       "\"emergency_signs\":[\"mscc_neuro\"],\"region\":\"thoracic_spine\"}",
                                       "2026-06-01", &decision);
  JsonObject *gr = json_node_get_object (root);
  const MskAction *a = msk_decision_get_action (decision, 0);

  g_assert_nonnull (a->sign);
  g_assert_cmpstr (json_object_get_string_member (find_contained (gr, "action-1"), "priority"), ==, "stat");
  g_assert_true (reason_present (gr, a->why));
  assert_anonymous_and_uncoded (root);
}

static void
test_refer_and_permitted (void)
{
  g_autoptr(JsonNode) refer = fhir_for ("{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\",\"borough\":\"newham\"}",
                                        "2026-06-01", NULL);
  g_autoptr(JsonNode) fcp = fhir_for ("{\"requester\":\"fcp\",\"fcp_governance\":true,\"concerns\":[],\"region\":\"knee\"}",
                                      "2026-06-01", NULL);
  JsonObject *r = json_node_get_object (refer);
  JsonObject *f = json_node_get_object (fcp);

  g_assert_true (json_object_get_boolean_member (find_contained (r, "mri"), "doNotPerform"));
  g_assert_cmpstr (json_object_get_string_member (find_contained (r, "action-1"), "priority"), ==, "routine");
  /* Only the permitted verdict lets the receiving system order the scan. */
  g_assert_false (json_object_get_boolean_member (find_contained (f, "mri"), "doNotPerform"));
  assert_anonymous_and_uncoded (refer);
  assert_anonymous_and_uncoded (fcp);
}

static void
test_incomplete (void)
{
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(JsonNode) root = fhir_for ("{\"requester\":\"gp\",\"concerns\":[]}", "2026-06-01", &decision);
  JsonObject *gr = json_node_get_object (root);
  JsonObject *missing = find_contained (gr, "missing");

  g_assert_cmpstr (json_object_get_string_member (gr, "status"), ==, "data-required");
  g_assert_false (json_object_has_member (gr, "result"));
  g_assert_cmpstr (json_object_get_string_member (missing, "resourceType"), ==, "OperationOutcome");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (json_object_get_array_member (missing, "issue"), 0), "details"), "text"),
                   ==, msk_decision_get_missing (decision));
}

static void
test_past_review_warning (void)
{
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(JsonNode) root = fhir_for ("{\"requester\":\"gp\",\"concerns\":[],\"region\":\"hip\"}", "2028-01-01", &decision);
  JsonArray *notes = json_object_get_array_member (json_node_get_object (root), "note");
  gboolean found = FALSE;

  g_assert_cmpuint (msk_decision_get_n_warnings (decision), >, 0);
  for (guint i = 0; i < json_array_get_length (notes); i++)
    found |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (notes, i), "text"),
                        msk_decision_get_warning (decision, 0)) == 0;
  g_assert_true (found);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  policy = msk_policy_new_bundled (&error);
  g_assert_no_error (error);

  g_test_add_func ("/fhir/red-flag", test_red_flag);
  g_test_add_func ("/fhir/refer-and-permitted", test_refer_and_permitted);
  g_test_add_func ("/fhir/escalated", test_escalated);
  g_test_add_func ("/fhir/incomplete", test_incomplete);
  g_test_add_func ("/fhir/past-review-warning", test_past_review_warning);
  ret = g_test_run ();
  msk_policy_unref (policy);
  return ret;
}
