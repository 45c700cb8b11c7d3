/* msk-decision-json.c — the decision as the JSON of docs/PRODUCT.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One home per output: the engine (msk-decision.c) decides, this file says
 * it as JSON, msk-decision-text.c as text, msk-fhir.c as FHIR, and
 * src/summary/ as PDF.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "msk-decision.h"
#include "msk-text.h"  /* issue #11 */

static char *
iso_date (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

char *
msk_decision_to_json (const MskDecision *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *review = NULL;
  g_autofree char *today = NULL;
  MskPolicy *p;
  const MskVerdict *verdict;
  const MskUrgency *urgency;
  char *out;

  g_return_val_if_fail (self != NULL, NULL);

  p = msk_decision_get_policy (self);
  effective = iso_date (msk_policy_get_effective (p));
  review = iso_date (msk_policy_get_review (p));
  today = iso_date (msk_decision_get_date (self));
  verdict = msk_decision_get_verdict (self);
  urgency = msk_decision_get_urgency (self);

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "policy");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");         json_builder_add_string_value (b, msk_policy_get_id (p));
  json_builder_set_member_name (b, "version");    json_builder_add_string_value (b, msk_policy_get_version (p));
  json_builder_set_member_name (b, "effective");  json_builder_add_string_value (b, effective);
  json_builder_set_member_name (b, "review");     json_builder_add_string_value (b, review);
  json_builder_set_member_name (b, "sha256");     json_builder_add_string_value (b, msk_policy_get_sha256 (p));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, today);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, msk_decision_get_outcome (self)->id);
  json_builder_set_member_name (b, "outcome_label");
  json_builder_add_string_value (b, msk_decision_get_outcome (self)->label);
  json_builder_set_member_name (b, "headline");
  json_builder_add_string_value (b, msk_decision_get_headline (self));
  json_builder_set_member_name (b, "urgency");
  if (urgency != NULL)
    json_builder_add_string_value (b, urgency->id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "mri_in_primary_care");
  if (verdict != NULL)
    json_builder_add_string_value (b, verdict->id);
  else
    json_builder_add_null_value (b);
  if (msk_decision_get_missing (self) != NULL)
    {
      json_builder_set_member_name (b, "missing");
      json_builder_add_string_value (b, msk_decision_get_missing (self));
    }

  json_builder_set_member_name (b, "actions");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_actions (self); i++)
    {
      const MskAction *a = msk_decision_get_action (self, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pathway"); json_builder_add_string_value (b, a->pathway->id);
      json_builder_set_member_name (b, "urgency"); json_builder_add_string_value (b, a->urgency->id);
      json_builder_set_member_name (b, "title");   json_builder_add_string_value (b, a->pathway->title);
      json_builder_set_member_name (b, "text");    json_builder_add_string_value (b, a->pathway->text);
      if (a->sign != NULL)
        {
          json_builder_set_member_name (b, "escalated_by");
          json_builder_add_string_value (b, a->sign->id);
        }
      json_builder_set_member_name (b, "urgency_basis");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, a->basis->note);
      json_builder_set_member_name (b, "sources");
      json_builder_begin_array (b);
      for (guint j = 0; j < a->basis->n_sources; j++)
        json_builder_add_string_value (b, a->basis->sources[j]->id);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (msk_decision_get_service (self) != NULL)
    {
      json_builder_set_member_name (b, "community_service");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "borough");       json_builder_add_string_value (b, msk_decision_get_service (self)->borough->id);
      json_builder_set_member_name (b, "service");       json_builder_add_string_value (b, msk_decision_get_service (self)->service);
      json_builder_set_member_name (b, "referral");      json_builder_add_string_value (b, msk_decision_get_service (self)->referral);
      json_builder_set_member_name (b, "details_known"); json_builder_add_boolean_value (b, msk_decision_get_service (self)->details_known);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "resources");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_resources (self); i++)
    json_builder_add_string_value (b, msk_decision_get_resource (self, i)->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rationale");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_rationale (self); i++)
    json_builder_add_string_value (b, msk_decision_get_rationale (self, i)->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "trace");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_actions (self); i++)
    json_builder_add_string_value (b, msk_decision_get_action (self, i)->route->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "why");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_actions (self); i++)
    json_builder_add_string_value (b, msk_decision_get_action (self, i)->why);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_decision_get_n_warnings (self); i++)
    json_builder_add_string_value (b, msk_decision_get_warning (self, i));
  json_builder_end_array (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  {
    g_autofree char *text = json_generator_to_data (gen, NULL);
    g_autofree char *safe = msk_text_escape_json (text);  /* issue #11 */
    out = g_strconcat (safe, "\n", NULL);
  }
  return out;
}
