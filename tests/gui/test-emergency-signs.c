/* test-emergency-signs.c — the form's emergency signs, as a clinician meets them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sign is a check box under its concern, shown only while the concern is
 * ticked; ticking it makes the decision an emergency; unticking the concern
 * clears it, so ticking the concern again starts from nothing.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "msk-concern-row.h"
#include "msk-decision-pane.h"
#include "msk-decision.h"
#include "msk-request-form.h"
#include "msk-test-util.h"

static MskPolicy *policy;

/* Every descendant of `root` that `match` accepts, depth first. */
static void
collect (GtkWidget  *root,
         gboolean  (*match) (GtkWidget *widget, gconstpointer data),
         gconstpointer data,
         GPtrArray  *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (match (c, data))
        g_ptr_array_add (out, c);
      collect (c, match, data, out);
    }
}

static gboolean
is_row_for (GtkWidget     *widget,
            gconstpointer  concern)
{
  return MSK_IS_CONCERN_ROW (widget) && msk_concern_row_get_concern (MSK_CONCERN_ROW (widget)) == concern;
}

static gboolean
is_sign_check (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_has_css_class (widget, "emergency-sign");
}

static MskConcernRow *
row_for (MskRequestForm   *form,
         const MskConcern *concern)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (form), is_row_for, concern, rows);
  if (rows->len != 1)
    g_error ("%u rows for %s", rows->len, concern->id);
  return rows->pdata[0];
}

/* The check buttons of a row's signs, in order. */
static GPtrArray *
sign_checks (MskConcernRow *row)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (row), is_sign_check, NULL, out);
  return out;
}

static gboolean
shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static MskDecision *
decide (MskRequestForm *form)
{
  g_autoptr(MskRequest) request = msk_request_form_get_request (form);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  return msk_evaluate (policy, request, &today);
}

static void
test_signs_follow_their_concern (void)
{
  GtkWidget *window = gtk_window_new ();
  MskRequestForm *form = MSK_REQUEST_FORM (msk_request_form_new ());
  guint n_rows = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (form));
  msk_request_form_set_policy (form, policy);
  gtk_window_present (GTK_WINDOW (window));

  for (guint c = 0; c < msk_policy_get_n_concerns (policy); c++)
    {
      const MskConcern *concern = msk_policy_get_concern (policy, c);
      MskConcernRow *row = row_for (form, concern);
      g_autoptr(GPtrArray) checks = sign_checks (row);

      g_assert_cmpuint (checks->len, ==, concern->n_signs);
      for (guint s = 0; s < checks->len; s++)
        {
          GtkWidget *check = checks->pdata[s];
          const MskSign *sign = &concern->signs[s];

          /* Hidden until the concern is ticked. */
          g_assert_false (shown (check));
          msk_concern_row_set_active (row, TRUE);
          g_assert_true (shown (check));
          g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, sign->label);

          {
            g_autoptr(MskDecision) before = decide (form);
            g_autoptr(MskDecision) after = NULL;

            g_assert_cmpstr (msk_decision_get_outcome (before)->kind, !=, "emergency");
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
            after = decide (form);
            g_assert_cmpstr (msk_decision_get_outcome (after)->kind, ==, "emergency");
            g_assert_true (msk_decision_get_action (after, 0)->sign == sign);
            g_assert_true (msk_request_has_sign (msk_decision_get_request (after), sign));
          }

          /* Unticking the concern clears and hides the sign... */
          msk_concern_row_set_active (row, FALSE);
          g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
          g_assert_false (shown (check));
          /* ...so ticking it again starts from nothing. */
          msk_concern_row_set_active (row, TRUE);
          g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
          {
            g_autoptr(MskDecision) again = decide (form);
            g_assert_cmpstr (msk_decision_get_outcome (again)->kind, !=, "emergency");
          }
          msk_concern_row_set_active (row, FALSE);
          n_rows++;
        }
    }
  /* The bundled policy has signs to test: a test over none proves nothing. */
  g_assert_cmpuint (n_rows, ==, msk_policy_get_n_signs (policy));
  g_assert_cmpuint (n_rows, >, 0);

  /* A new patient: every sign is clear. */
  {
    const MskSign *sign = msk_policy_get_sign (policy, 0);
    MskConcernRow *row = row_for (form, sign->concern);
    g_autoptr(GPtrArray) checks = sign_checks (row);
    g_autoptr(MskDecision) fresh = NULL;

    msk_concern_row_set_active (row, TRUE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (checks->pdata[0]), TRUE);
    msk_request_form_clear (form);
    /* The form may rebuild its rows for a new patient: look again. */
    {
      g_autoptr(GPtrArray) again = sign_checks (row_for (form, sign->concern));

      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (again->pdata[0])));
      g_assert_false (shown (again->pdata[0]));
    }
    fresh = decide (form);
    g_assert_cmpuint (msk_request_get_sign_mask (msk_decision_get_request (fresh)), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new policy version, as data only: the form offers its new concern, and
 * ticking it sends the decision down the new route. */
static void
test_form_follows_a_new_policy (void)
{
  g_autoptr(GBytes) bytes = msk_test_extended_policy_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) extended = msk_policy_new_from_bytes (bytes, "extended", &error);
  GtkWidget *window = gtk_window_new ();
  MskRequestForm *form = MSK_REQUEST_FORM (msk_request_form_new ());
  const MskConcern *concern;
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(MskDecision) decision = NULL;
  GDate today;

  g_assert_no_error (error);
  concern = msk_policy_find_concern (extended, MSK_TEST_NEW_CONCERN);
  g_assert_nonnull (concern);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (form));
  msk_request_form_set_policy (form, extended);
  gtk_window_present (GTK_WINDOW (window));

  msk_concern_row_set_active (row_for (form, concern), TRUE);
  request = msk_request_form_get_request (form);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  decision = msk_evaluate (extended, request, &today);
  g_assert_cmpuint (msk_decision_get_n_actions (decision), ==, 1);
  g_assert_cmpstr (msk_decision_get_action (decision, 0)->route->id, ==, MSK_TEST_NEW_ROUTE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every label's text under `widget`, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_button_get_label (GTK_BUTTON (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
pane_text_for (const char *json)
{
  g_autoptr(MskRequest) request = msk_request_new_from_json (policy, json, strlen (json), NULL);
  g_autoptr(MskDecision) decision = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pane = msk_decision_pane_new ();
  GString *out = g_string_new (NULL);
  GDate today;

  g_assert_nonnull (request);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  decision = msk_evaluate (policy, request, &today);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  msk_decision_pane_set_decision (MSK_DECISION_PANE (pane), decision);
  gtk_window_present (GTK_WINDOW (window));
  collect_text (pane, out);
  gtk_window_destroy (GTK_WINDOW (window));
  return g_string_free (out, FALSE);
}

/* What the pane says on the patients who matter most (issue 9): a CES
 * emergency names its pathway, says where its urgency comes from and never
 * argues against imaging; a referral quotes the policy and marks the app's
 * words; a link the app chose says so. */
static void
test_pane_words (void)
{
  g_autofree char *ces = pane_text_for ("{\"requester\": \"gp\", \"region\": \"lumbar_spine\", "
                                        "\"borough\": \"tower_hamlets\", \"concerns\": [\"suspected_ces\"]}");
  g_autofree char *refer = pane_text_for ("{\"requester\": \"gp\", \"region\": \"lumbar_spine\", "
                                          "\"borough\": \"tower_hamlets\", \"concerns\": []}");
  const MskRoute *ces_route = NULL;

  for (guint i = 0; i < msk_policy_get_n_routes (policy); i++)
    if (msk_policy_get_route (policy, i)->concerns_any == (1u << msk_policy_find_concern (policy, "suspected_ces")->index))
      ces_route = msk_policy_get_route (policy, i);
  g_assert_nonnull (ces_route);

  g_assert_nonnull (strstr (ces, ces_route->headline));
  g_assert_nonnull (strstr (ces, "urgency from national guidance"));
  g_assert_nonnull (strstr (ces, "Link added by this app — not in the policy"));
  for (guint i = 0; i < msk_policy_get_n_rationale (policy); i++)
    g_assert_null (strstr (ces, msk_policy_get_rationale (policy, i)->text));
  g_assert_null (strstr (ces, "not recommended"));

  g_assert_nonnull (strstr (refer, "Policy: “"));
  g_assert_nonnull (strstr (refer, "In short (this app's words)"));
  g_assert_nonnull (strstr (refer, "urgency graded by this app"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  policy = msk_policy_new_bundled (NULL);
  g_assert_nonnull (policy);

  g_test_add_func ("/gui/emergency-signs/follow-their-concern", test_signs_follow_their_concern);
  g_test_add_func ("/gui/emergency-signs/form-follows-a-new-policy", test_form_follows_a_new_policy);
  g_test_add_func ("/gui/pane/words-on-the-patients-who-matter", test_pane_words);

  ret = g_test_run ();
  msk_policy_unref (policy);
  return ret;
}
