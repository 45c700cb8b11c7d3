/* fuzz-request.c — libFuzzer target: request JSON against the bundled policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input either parses into a request that the engine decides and both
 * renderers print, or is refused with one GError line in the request
 * domain that names the request ("request: ..." or "request.field: ...").
 */
#include "config.h"

#include "fuzz-common.h"

static MskPolicy *policy;
static GDate before_review;
static GDate after_review;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  msk_fuzz_init_logging ();
  policy = msk_policy_new_bundled (&error);
  g_assert_no_error (error);
  g_assert (policy != NULL);

  /* One day inside the policy's life and one past its review: the second
   * adds the review warning, which shares a fixed-size array. */
  before_review = *msk_policy_get_effective (policy);
  after_review = *msk_policy_get_review (policy);
  g_date_add_days (&after_review, 1);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = NULL;

  /* libFuzzer's buffer has no terminating NUL; ASan sees any read past it. */
  request = msk_request_new_from_json (policy, (const char *) data, size, &error);
  if (request == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_error_matches (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST));
      g_assert (g_str_has_prefix (error->message, "request"));
      g_assert (strchr (error->message, '\n') == NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert (msk_request_get_policy (request) == policy);
  g_assert (msk_request_get_requester (request) != NULL);
  g_assert ((msk_request_get_concern_mask (request) >> msk_policy_get_n_concerns (policy)) == 0);
  if (msk_request_get_notes (request) != NULL)
    g_assert (g_utf8_strlen (msk_request_get_notes (request), -1) <= 2000);

  msk_fuzz_decide (policy, request, &before_review);
  msk_fuzz_decide (policy, request, &after_review);
  return 0;
}
