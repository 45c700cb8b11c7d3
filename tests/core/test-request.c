/* test-request.c — requests are parsed strictly, with one line naming the field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-request.h"
#include "msk-test-util.h"

static MskPolicy *policy;

static void
test_bad_requests (void)
{
  g_autoptr(JsonNode) fixture = msk_test_load_fixture ("bad-requests.json");
  JsonArray *cases = json_object_get_array_member (json_node_get_object (fixture), "cases");

  g_assert_cmpuint (json_array_get_length (cases), >=, 20);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *expect = json_object_get_string_member (c, "error");
      g_autofree char *text = NULL;
      g_autoptr(MskRequest) request = NULL;
      g_autoptr(GError) error = NULL;

      if (json_object_has_member (c, "text"))
        text = g_strdup (json_object_get_string_member (c, "text"));
      else
        text = msk_test_to_json (json_object_get_member (c, "request"));

      g_test_message ("request %s", text);
      request = msk_request_new_from_json (policy, text, strlen (text), &error);
      g_assert_null (request);
      g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST);
      if (strstr (error->message, expect) == NULL)
        g_error ("expected \"%s\" in \"%s\"", expect, error->message);
      /* One line, so a script can show it as it is. */
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_good_request (void)
{
  const char *text = "{ \"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"knee\",\n"
                     "  \"borough\": \"newham\", \"concerns\": [\"suspected_sarcoma\", \"urgent_msk\"], \"notes\": \"free text\" }";
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) r = msk_request_new_from_json (policy, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (msk_request_get_requester (r)->id, ==, "fcp");
  g_assert_true (msk_request_get_fcp_governance (r));
  g_assert_cmpstr (msk_request_get_region (r)->id, ==, "knee");
  g_assert_cmpstr (msk_request_get_borough (r)->id, ==, "newham");
  g_assert_true (msk_request_has_concern (r, msk_policy_find_concern (policy, "suspected_sarcoma")));
  g_assert_true (msk_request_has_concern (r, msk_policy_find_concern (policy, "urgent_msk")));
  g_assert_false (msk_request_has_concern (r, msk_policy_find_concern (policy, "suspected_ces")));
  g_assert_cmpstr (msk_request_get_notes (r), ==, "free text");
}

static void
test_null_optionals (void)
{
  const char *text = "{\"requester\": \"gp\", \"region\": null, \"borough\": null, \"notes\": null, \"concerns\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) r = msk_request_new_from_json (policy, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_null (msk_request_get_region (r));
  g_assert_null (msk_request_get_borough (r));
  g_assert_false (msk_request_get_fcp_governance (r));
}

/* In the form, the governance tick belongs to the FCP role: switching role
 * away and back must not silently restore a permission. */
static void
test_governance_follows_role (void)
{
  g_autoptr(MskRequest) r = msk_request_new (policy);

  msk_request_set_requester (r, msk_policy_find_requester (policy, "gp"));
  msk_request_set_fcp_governance (r, TRUE);
  g_assert_false (msk_request_get_fcp_governance (r));

  msk_request_set_requester (r, msk_policy_find_requester (policy, "fcp"));
  msk_request_set_fcp_governance (r, TRUE);
  g_assert_true (msk_request_get_fcp_governance (r));

  msk_request_set_requester (r, msk_policy_find_requester (policy, "gp"));
  g_assert_false (msk_request_get_fcp_governance (r));
  msk_request_set_requester (r, msk_policy_find_requester (policy, "fcp"));
  g_assert_false (msk_request_get_fcp_governance (r));
}

static void
test_long_notes_refused (void)
{
  g_autoptr(GString) text = g_string_new ("{\"requester\": \"gp\", \"concerns\": [], \"notes\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) r = NULL;

  for (guint i = 0; i < 2001; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"}");
  r = msk_request_new_from_json (policy, text->str, text->len, &error);
  g_assert_null (r);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST);
  g_assert_true (g_str_has_prefix (error->message, "request.notes: longer than 2000 characters"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  policy = msk_policy_new_bundled (NULL);
  g_assert_nonnull (policy);

  g_test_add_func ("/request/bad", test_bad_requests);
  g_test_add_func ("/request/good", test_good_request);
  g_test_add_func ("/request/null-optionals", test_null_optionals);
  g_test_add_func ("/request/governance-follows-role", test_governance_follows_role);
  g_test_add_func ("/request/long-notes-refused", test_long_notes_refused);

  ret = g_test_run ();
  msk_policy_unref (policy);
  return ret;
}
