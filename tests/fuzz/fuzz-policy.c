/* fuzz-policy.c — libFuzzer target: a policy file, then requests against it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refused file must come back as MSK_ERROR_INVALID_POLICY with one
 * "$..." line per problem, the same problems msk_policy_check_bytes() lists.
 * A file that loads must hold up whatever routes it declares: the engine and
 * both renderers run over requests built from the policy's own items.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  msk_fuzz_init_logging ();
  return 0;
}

static void
check_refusal (GBytes       *bytes,
               const GError *error)
{
  g_autoptr(GPtrArray) problems = msk_policy_check_bytes (bytes);
  g_auto(GStrv) lines = NULL;

  g_assert (error != NULL);
  g_assert (g_error_matches (error, MSK_ERROR, MSK_ERROR_INVALID_POLICY));
  g_assert (g_utf8_validate (error->message, -1, NULL));

  /* The validator and the loader agree, problem for problem. */
  lines = g_strsplit (error->message, "\n", -1);
  g_assert (problems->len > 0);
  g_assert_cmpuint (g_strv_length (lines), ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      g_assert_cmpstr (lines[i], ==, problems->pdata[i]);
      g_assert (lines[i][0] == '$');
    }
}

/* The request's ids go out as JSON and come back through the strict parser:
 * whatever ids the policy accepted must round-trip. */
static void
check_round_trip (MskPolicy        *policy,
                  const MskRequest *request)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MskRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requester");
  json_builder_add_string_value (b, msk_request_get_requester (request)->id);
  json_builder_set_member_name (b, "fcp_governance");
  json_builder_add_boolean_value (b, msk_request_get_fcp_governance (request));
  if (msk_request_get_region (request) != NULL)
    {
      json_builder_set_member_name (b, "region");
      json_builder_add_string_value (b, msk_request_get_region (request)->id);
    }
  if (msk_request_get_borough (request) != NULL)
    {
      json_builder_set_member_name (b, "borough");
      json_builder_add_string_value (b, msk_request_get_borough (request)->id);
    }
  json_builder_set_member_name (b, "concerns");
  json_builder_begin_array (b);
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    if (msk_request_has_concern (request, msk_policy_get_concern (policy, i)))
      json_builder_add_string_value (b, msk_policy_get_concern (policy, i)->id);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);

  back = msk_request_new_from_json (policy, text, len, &error);
  g_assert_no_error (error);
  g_assert (msk_request_get_requester (back) == msk_request_get_requester (request));
  g_assert (msk_request_get_region (back) == msk_request_get_region (request));
  g_assert (msk_request_get_borough (back) == msk_request_get_borough (request));
  g_assert_cmpuint (msk_request_get_concern_mask (back), ==, msk_request_get_concern_mask (request));
  g_assert (msk_request_get_fcp_governance (back) == msk_request_get_fcp_governance (request));
}

static void
exercise (MskPolicy *policy)
{
  guint n_req = msk_policy_get_n_requesters (policy);
  guint n_reg = msk_policy_get_n_regions (policy);
  guint n_bor = msk_policy_get_n_boroughs (policy);
  guint n_con = msk_policy_get_n_concerns (policy);
  GDate days[2];

  g_assert (n_req > 0 && n_reg > 0 && n_bor > 0 && n_con > 0);
  g_assert (msk_policy_get_id (policy) != NULL);
  g_assert (g_date_valid (msk_policy_get_effective (policy)));
  g_assert (g_date_valid (msk_policy_get_review (policy)));

  days[0] = *msk_policy_get_effective (policy);
  days[1] = *msk_policy_get_review (policy);
  g_date_add_days (&days[1], 1);

  /* Concern sets: none, each one alone, all at once; the other fields
   * cycle so a handful of evaluations covers every requester, every region
   * (and none), every borough, both governance answers; each request is
   * decided with and without its borough, on both sides of the review date.
   * Bounded by the policy's 31-item limits. */
  for (guint k = 0; k < n_con + 2 || k < n_req || k <= n_reg || k <= n_bor; k++)
    {
      g_autoptr(MskRequest) request = msk_request_new (policy);
      guint reg = k % (n_reg + 1);
      guint bor = k % (n_bor + 1);

      msk_request_set_requester (request, msk_policy_get_requester (policy, k % n_req));
      msk_request_set_fcp_governance (request, (k / 2) % 2 == 0);
      if (reg < n_reg)
        msk_request_set_region (request, msk_policy_get_region (policy, reg));
      if (bor < n_bor)
        msk_request_set_borough (request, msk_policy_get_borough (policy, bor));
      if (k == n_con + 1)
        for (guint i = 0; i < n_con; i++)
          msk_request_set_concern (request, msk_policy_get_concern (policy, i), TRUE);
      else if (k > 0 && k <= n_con)
        msk_request_set_concern (request, msk_policy_get_concern (policy, k - 1), TRUE);

      msk_fuzz_decide (policy, request, &days[0]);
      msk_fuzz_decide (policy, request, &days[1]);
      check_round_trip (policy, request);
      /* A missing borough adds a warning per route that needs one. */
      msk_request_set_borough (request, NULL);
      msk_fuzz_decide (policy, request, &days[0]);
      msk_fuzz_decide (policy, request, &days[1]);
    }

  /* No requester at all: the app's empty form. */
  {
    g_autoptr(MskRequest) empty = msk_request_new (policy);
    msk_fuzz_decide (policy, empty, &days[0]);
    msk_fuzz_decide (policy, empty, &days[1]);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;

  policy = msk_policy_new_from_bytes (bytes, "fuzz", &error);
  if (policy == NULL)
    {
      check_refusal (bytes, error);
      return 0;
    }
  g_assert_no_error (error);
  exercise (policy);
  return 0;
}
