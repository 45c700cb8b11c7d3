/* msk-fhir.c — a decision as an HL7 FHIR R4 GuidanceResponse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uses only msk-decision.h and msk-policy.h: the FHIR form must keep up with
 * the core through its public API, never through its internals.
 */
#include "config.h"

#include <string.h>

#include "msk-fhir.h"

/* FHIR requires ServiceRequest.subject. The app never knows the patient, and
 * a real reference would invite a receiving system to guess one, so the
 * subject is a display-only Reference that says so. */
#define SUBJECT_DISPLAY "patient not identified"

/* The app's own words, so a reader can tell them from the policy's. */
#define PRIORITY_NOTE "Priority is the app's mapping of the decision's urgency (emergency: stat, " \
                      "urgent: urgent, routine: routine); the urgency comes from national guidance, " \
                      "not from the policy."

typedef struct {
  const char *kind;
  const char *priority;
} PriorityMap;

/* FHIR request-priority is routine | urgent | asap | stat. It is keyed by
 * the urgency's kind (file-format vocabulary), never by a policy id; the
 * mapping is this app's, not the policy's, and README.md says so. */
static const PriorityMap priorities[] = {
  { "emergency", "stat" },
  { "urgent",    "urgent" },
  { "routine",   "routine" },
};

const char *
msk_fhir_priority (const MskUrgency *urgency)
{
  g_return_val_if_fail (urgency != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_strcmp0 (urgency->kind, priorities[i].kind) == 0)
      return priorities[i].priority;
  return NULL;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* An object holding only text: a CodeableConcept (no terminology is
 * claimed) or an Annotation, which are the same shape. */
static void
add_text_object (JsonBuilder *b,
                 const char  *text)
{
  json_builder_begin_object (b);
  add_string (b, "text", text);
  json_builder_end_object (b);
}

static void
add_concept (JsonBuilder *b,
             const char  *name,
             const char  *text)
{
  json_builder_set_member_name (b, name);
  add_text_object (b, text);
}

/* A list of one such object: a CodeableConcept list, or a note. */
static void
add_text_list (JsonBuilder *b,
               const char  *name,
               const char  *text)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  add_text_object (b, text);
  json_builder_end_array (b);
}

static void
add_reference (JsonBuilder *b,
               const char  *name,
               const char  *reference,
               const char  *display)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  if (reference != NULL)
    add_string (b, "reference", reference);
  if (display != NULL)
    add_string (b, "display", display);
  json_builder_end_object (b);
}

static char *
module_uri (MskPolicy *policy)
{
  /* A URN the app makes up, not an address to fetch: FHIR canonical form
   * "uri|version". Escaped so a policy id or version can never break the
   * uri type's no-whitespace rule. */
  g_autofree char *id = g_uri_escape_string (msk_policy_get_id (policy), NULL, FALSE);
  g_autofree char *version = g_uri_escape_string (msk_policy_get_version (policy), NULL, FALSE);

  return g_strdup_printf ("urn:nel-msk-mri:policy:%s|%s", id, version);
}

static char *
iso_date (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

/* On a red flag (a verdict of kind via_pathway) there is no MRI request of
 * primary care's to state at all: imaging, if needed, is the pathway's to
 * arrange. A ServiceRequest with doNotPerform would tell a receiving system
 * "no MRI" on the patients who may need one today; the verdict goes in a
 * note instead. */
static gboolean
mri_has_request (const MskVerdict *verdict)
{
  return g_strcmp0 (verdict->kind, "via_pathway") != 0;
}

static void
add_mri_request (JsonBuilder       *b,
                 const MskDecision *decision,
                 const MskVerdict  *verdict)
{
  const MskRegion *region = msk_request_get_region (msk_decision_get_request (decision));
  g_autofree char *what = NULL;

  /* Only "permitted" lets primary care request the scan; "via_pathway" is
   * not a "no imaging": the reason text says the pathway arranges it. */
  json_builder_begin_object (b);
  add_string (b, "resourceType", "ServiceRequest");
  add_string (b, "id", "mri");
  add_string (b, "status", "draft");
  add_string (b, "intent", "proposal");
  json_builder_set_member_name (b, "doNotPerform");
  json_builder_add_boolean_value (b, strcmp (verdict->kind, "permitted") != 0);
  what = region != NULL ? g_strdup_printf ("MRI requested from primary care: %s", region->label)
                        : g_strdup ("MRI requested from primary care");
  add_concept (b, "code", what);
  add_reference (b, "subject", NULL, SUBJECT_DISPLAY);
  add_text_list (b, "reasonCode", verdict->label);
  json_builder_end_object (b);
}

static void
add_pathway_request (JsonBuilder       *b,
                     const MskDecision *decision,
                     guint              i)
{
  const MskAction *a = msk_decision_get_action (decision, i);
  const MskService *service = msk_decision_get_service (decision);
  const char *priority = msk_fhir_priority (a->urgency);
  g_autofree char *id = g_strdup_printf ("action-%u", i + 1);

  json_builder_begin_object (b);
  add_string (b, "resourceType", "ServiceRequest");
  add_string (b, "id", id);
  add_string (b, "status", "draft");
  add_string (b, "intent", "proposal");
  if (priority != NULL)
    add_string (b, "priority", priority);
  add_concept (b, "code", a->pathway->title);
  add_reference (b, "subject", NULL, SUBJECT_DISPLAY);
  if (a->pathway->needs_borough && service != NULL)
    add_concept (b, "performerType", service->service);
  add_text_list (b, "reasonCode", a->why);
  add_text_list (b, "note", a->pathway->text);
  json_builder_end_object (b);
}

static void
add_request_group (JsonBuilder       *b,
                   const MskDecision *decision,
                   const MskVerdict  *verdict)
{
  guint n = msk_decision_get_n_actions (decision);

  json_builder_begin_object (b);
  add_string (b, "resourceType", "RequestGroup");
  add_string (b, "id", "plan");
  add_string (b, "status", "draft");
  add_string (b, "intent", "proposal");
  json_builder_set_member_name (b, "action");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const MskAction *a = msk_decision_get_action (decision, i);
      const char *priority = msk_fhir_priority (a->urgency);
      g_autofree char *ref = g_strdup_printf ("#action-%u", i + 1);

      json_builder_begin_object (b);
      add_string (b, "title", a->pathway->title);
      add_string (b, "description", a->pathway->text);
      if (priority != NULL)
        add_string (b, "priority", priority);
      add_reference (b, "resource", ref, NULL);
      json_builder_end_object (b);
    }
  if (mri_has_request (verdict))
    {
      json_builder_begin_object (b);
      add_string (b, "title", verdict->label);
      add_reference (b, "resource", "#mri", NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_missing (JsonBuilder *b,
             const char  *missing)
{
  json_builder_begin_object (b);
  add_string (b, "resourceType", "OperationOutcome");
  add_string (b, "id", "missing");
  json_builder_set_member_name (b, "issue");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "severity", "information");
  add_string (b, "code", "required");
  add_concept (b, "details", missing);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
msk_fhir_guidance_response (const MskDecision *decision)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  MskPolicy *policy;
  const MskOutcome *outcome;
  const MskVerdict *verdict;
  gboolean incomplete;
  guint n;
  g_autofree char *uri = NULL;
  g_autofree char *date = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (decision != NULL, NULL);

  policy = msk_decision_get_policy (decision);
  outcome = msk_decision_get_outcome (decision);
  verdict = msk_decision_get_verdict (decision);
  /* No verdict means nothing to propose, whatever the reason. */
  incomplete = msk_decision_is_incomplete (decision) || verdict == NULL;
  n = msk_decision_get_n_actions (decision);
  uri = module_uri (policy);
  date = iso_date (msk_decision_get_date (decision));
  stamp = g_strdup_printf ("Policy %s version %s, sha256 %s", msk_policy_get_id (policy),
                           msk_policy_get_version (policy), msk_policy_get_sha256 (policy));

  json_builder_begin_object (b);
  add_string (b, "resourceType", "GuidanceResponse");

  /* FHIR's dom-3: every contained resource is referenced from the
   * container, so the plan and the message are contained only when used. */
  json_builder_set_member_name (b, "contained");
  json_builder_begin_array (b);
  if (incomplete)
    {
      const char *missing = msk_decision_get_missing (decision);
      add_missing (b, missing != NULL ? missing : outcome->label);
    }
  else
    {
      add_request_group (b, decision, verdict);
      if (mri_has_request (verdict))
        add_mri_request (b, decision, verdict);
      for (guint i = 0; i < n; i++)
        add_pathway_request (b, decision, i);
    }
  json_builder_end_array (b);

  add_string (b, "moduleUri", uri);
  add_string (b, "status", incomplete ? "data-required" : "success");
  add_string (b, "occurrenceDateTime", date);

  if (n > 0)
    {
      /* Each route's "why", in the decision's order. */
      json_builder_set_member_name (b, "reasonCode");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          add_text_object (b, msk_decision_get_action (decision, i)->why);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "note");
  json_builder_begin_array (b);
  {
    /* The decision in the words the pane, the copy for notes and the
     * printed summary use: the headline, which names the pathway; the
     * outcome's label was a vaguer version of it. */
    const char *notes[] = { msk_decision_get_headline (decision), verdict != NULL ? verdict->label : NULL,
                            n > 0 ? PRIORITY_NOTE : NULL, stamp };
    for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
      if (notes[i] != NULL)
        add_text_object (b, notes[i]);
    for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
      add_text_object (b, msk_decision_get_warning (decision, i));
  }
  json_builder_end_array (b);

  if (incomplete)
    {
      json_builder_set_member_name (b, "evaluationMessage");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "reference", "#missing");
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  else
    add_reference (b, "result", "#plan", NULL);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
generate (JsonNode *root,
          gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
msk_fhir_to_json (const MskDecision *decision,
                  gboolean           pretty)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (decision != NULL, NULL);
  root = msk_fhir_guidance_response (decision);
  return generate (root, pretty);
}

JsonNode *
msk_fhir_operation_outcome (guint       line,
                            const char *field,
                            const char *reason)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autofree char *diagnostics = NULL;

  g_return_val_if_fail (field != NULL && reason != NULL, NULL);

  diagnostics = line > 0 ? g_strdup_printf ("line %u: %s: %s", line, field, reason)
                         : g_strdup_printf ("%s: %s", field, reason);
  json_builder_begin_object (b);
  add_string (b, "resourceType", "OperationOutcome");
  json_builder_set_member_name (b, "issue");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "severity", "error");
  add_string (b, "code", "invalid");
  add_concept (b, "details", reason);
  add_string (b, "diagnostics", diagnostics);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
