/* msk-decision-text.c — the decision as plain text for a clinical record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-policy-source.h"
#include "msk-decision-text.h"
#include "msk-text.h"  /* issue #11 */

/* The note as one line: a clinical record's free-text box keeps line
 * breaks poorly, and one line keeps the whole text short. NULL when there
 * is nothing but white space. */
static char *
flatten_note (const char *note)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (note == NULL)
    return NULL;
  words = g_strsplit_set (note, " \t\r\n\v\f", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
msk_decision_to_text (const MskDecision *decision,
                      GDateTime         *when)
{
  MskPolicy *policy;
  const MskRequest *request;
  const MskChoice *requester, *borough;
  const MskRegion *region;
  const MskVerdict *verdict;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) concerns = g_string_new (NULL);
  g_autoptr(GString) signs = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (decision != NULL, NULL);

  policy = msk_decision_get_policy (decision);
  request = msk_decision_get_request (decision);
  requester = msk_request_get_requester (request);
  borough = msk_request_get_borough (request);
  region = msk_request_get_region (request);
  verdict = msk_decision_get_verdict (decision);
  notes = flatten_note (msk_request_get_notes (request));

  if (when != NULL)
    date = g_date_time_format (when, "%d/%m/%Y %H:%M");
  else
    date = msk_format_date_uk (msk_decision_get_date (decision));

  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      const MskConcern *c = msk_policy_get_concern (policy, i);
      if (msk_request_has_concern (request, c))
        g_string_append_printf (concerns, "%s%s", concerns->len ? "; " : "", c->label);
    }
  for (guint i = 0; i < msk_policy_get_n_signs (policy); i++)
    {
      const MskSign *sign = msk_policy_get_sign (policy, i);
      if (msk_request_has_sign (request, sign))
        g_string_append_printf (signs, "%s%s", signs->len ? "; " : "", sign->label);
    }

  g_string_append_printf (s, _("MSK MRI decision support — %s"), date);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Requester: %s. Borough: %s. Region: %s."),
                          requester ? requester->label : _("not given"),
                          borough ? borough->label : _("not given"),
                          region ? region->label : _("not given"));
  g_string_append_c (s, '\n');
  if (requester != NULL && msk_policy_governance_applies (policy, requester))
    {
      g_string_append_printf (s, "%s: %s\n", msk_policy_get_governance_label (policy),
                              msk_request_get_fcp_governance (request) ? _("yes") : _("no"));
    }
  g_string_append_printf (s, _("Red-flag concerns: %s"), concerns->len ? concerns->str : _("none"));
  g_string_append_c (s, '\n');
  if (signs->len > 0)
    {
      g_string_append_printf (s, _("Emergency signs: %s"), signs->str);
      g_string_append_c (s, '\n');
    }

  /* The outcome once, as the pane shows it: the headline names the first
   * route's action, and the outcome's own label would only say it again
   * in other words. The verdict on MRI in primary care is another fact. */
  g_string_append_printf (s, _("Decision: %s"), msk_decision_get_headline (decision));
  g_string_append_c (s, '\n');
  if (verdict != NULL)
    g_string_append_printf (s, "%s\n", verdict->label);
  if (msk_decision_get_missing (decision) != NULL)
    g_string_append_printf (s, "%s\n", msk_decision_get_missing (decision));

  /* Every action with its urgency, the policy's words and the reason it
   * fired: a reader of the record in a year must see all of them. */
  for (guint i = 0; i < msk_decision_get_n_actions (decision); i++)
    {
      const MskAction *a = msk_decision_get_action (decision, i);
      g_autofree char *urgency = msk_action_describe_urgency (a);

      g_string_append_printf (s, "%u. %s\n", i + 1, a->pathway->title);
      g_string_append_printf (s, _("   Urgency: %s"), urgency);
      g_string_append_c (s, '\n');
      /* Translators: the policy's own words, quoted. */
      g_string_append_printf (s, _("   Policy: “%s”"), a->pathway->text);
      g_string_append_c (s, '\n');
      if (a->pathway->in_short != NULL)
        {
          /* Translators: the app's own summary, never presented as the policy's words. */
          g_string_append_printf (s, _("   In short (this app's words): %s"), a->pathway->in_short);
          g_string_append_c (s, '\n');
        }
      g_string_append_printf (s, _("   Why: %s"), a->why);
      g_string_append_c (s, '\n');
      if (a->pathway->resource != NULL && a->pathway->resource->url != NULL)
        {
          const MskResource *res = a->pathway->resource;

          g_string_append_printf (s, _("   See: %s — %s%s"), res->title, res->url,
                                  res->url_added ? _(" (link added by this app — not in the policy)") : "");
          g_string_append_c (s, '\n');
        }
      if (a->pathway->needs_borough && msk_decision_get_service (decision) != NULL)
        {
          const MskService *svc = msk_decision_get_service (decision);
          g_string_append_printf (s, _("   %s, %s: %s"), svc->service, svc->borough->label, svc->referral);
          g_string_append_c (s, '\n');
        }
    }

  if (msk_decision_get_n_rationale (decision) > 0)
    {
      g_string_append (s, _("Policy rationale (quoted):"));
      g_string_append_c (s, '\n');
      for (guint i = 0; i < msk_decision_get_n_rationale (decision); i++)
        g_string_append_printf (s, "- “%s”\n", msk_decision_get_rationale (decision, i)->text);
    }

  for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
    {
      g_string_append_printf (s, _("Warning: %s"), msk_decision_get_warning (decision, i));
      g_string_append_c (s, '\n');
    }

  if (notes != NULL)
    {
      g_string_append_printf (s, _("Clinical note: %s"), notes);
      g_string_append_c (s, '\n');
    }

  {
    g_autofree char *stamp = msk_policy_format_stamp (policy);
    g_string_append_printf (s, _("Policy: %s."), stamp);
  }
  /* A policy other than the bundled one is named on every record. */
  {
    g_autofree char *source = msk_policy_describe_source (policy);
    if (source != NULL)
      {
        g_string_append_c (s, '\n');
        g_string_append_printf (s, _("Note: %s."), source);
      }
  }
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("%s %s. %s"), PACKAGE_NAME, PACKAGE_VERSION, msk_policy_get_disclaimer (policy));
  g_string_append_c (s, '\n');

  return msk_text_sanitize (s->str, MSK_TEXT_DEFAULT);  /* issue #11 */
}
