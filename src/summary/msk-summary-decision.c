/* msk-summary-decision.c — the one-page decision summary for the notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-policy-source.h"
#include "msk-summary-layout-private.h"

static char *
format_when (const MskDecision *decision,
             GDateTime         *when)
{
  if (when != NULL)
    return g_date_time_format (when, "%d/%m/%Y %H:%M");
  return msk_format_date_uk (msk_decision_get_date (decision));
}

/* One row of a label/value table: the label, a tab to the value's column,
 * the value. */
static void
add_field (MskSummary *self,
           MskRich    *r,
           const char *label,
           const char *value)
{
  _msk_rich_add (self, r, MSK_STYLE_STRONG, label);
  g_string_append_c (r->text, '\t');
  _msk_rich_add (self, r, MSK_STYLE_BODY, value);
}

/* The request, beside the box for the patient label. */
static void
add_request (MskSummary *self,
             const char *date,
             gboolean    timed,
             double      hang)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskRequest *request = msk_decision_get_request (decision);
  const MskChoice *requester = msk_request_get_requester (request);
  const MskChoice *borough = msk_request_get_borough (request);
  const MskRegion *region = msk_request_get_region (request);
  gboolean any_concern = FALSE;
  MskRich r;

  _msk_rich_init (&r);
  add_field (self, &r, timed ? _("Date and time") : _("Date"), date);
  g_string_append_c (r.text, '\n');
  add_field (self, &r, _("Requester"), requester != NULL ? requester->label : _("Not given"));
  if (requester != NULL && msk_policy_governance_applies (policy, requester))
    {
      g_string_append (r.text, "\n\t");
      _msk_rich_addf (self, &r, MSK_STYLE_SMALL, "%s: %s", msk_policy_get_governance_label (policy),
                      msk_request_get_fcp_governance (request) ? _("yes") : _("no"));
    }
  g_string_append_c (r.text, '\n');
  add_field (self, &r, _("Borough"), borough != NULL ? borough->label : _("Not given"));
  g_string_append_c (r.text, '\n');
  add_field (self, &r, _("Body region"), region != NULL ? region->label : _("Not given"));
  g_string_append_c (r.text, '\n');
  _msk_rich_add (self, &r, MSK_STYLE_STRONG, _("Red-flag concerns"));
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      const MskConcern *c = msk_policy_get_concern (policy, i);

      if (!msk_request_has_concern (request, c))
        continue;
      /* Compact: one after another, not one a line. */
      g_string_append (r.text, !any_concern ? "\t" : self->compact ? "; " : "\n\t");
      _msk_rich_add (self, &r, MSK_STYLE_BODY, c->label);
      any_concern = TRUE;
    }
  if (!any_concern)
    {
      g_string_append_c (r.text, '\t');
      _msk_rich_add (self, &r, MSK_STYLE_BODY, _("None ticked"));
    }
  /* The signs ticked under a concern, as the copy for the notes names
   * them: they make it an emergency (GP review: the printed header named
   * the concern only). Not in the compact layout, which only the busiest
   * requests need to keep to one page: there the reason of each action a
   * sign escalated names it, under What to do and Why. */
  for (guint i = 0, n = 0; !self->compact && i < msk_policy_get_n_signs (policy); i++)
    {
      const MskSign *sign = msk_policy_get_sign (policy, i);

      if (!msk_request_has_sign (request, sign))
        continue;
      if (n++ == 0)
        {
          g_string_append_c (r.text, '\n');
          _msk_rich_add (self, &r, MSK_STYLE_STRONG, _("Emergency signs"));
          g_string_append_c (r.text, '\t');
        }
      else
        g_string_append (r.text, "\n\t");
      _msk_rich_add (self, &r, MSK_STYLE_BODY, sign->label);
    }
  _msk_summary_add_details (self, self->body_size, hang, &r);
}

/* The outcome, boxed so it is the first thing the eye finds, and any
 * warning in a shaded box under it. */
static void
add_outcome (MskSummary *self)
{
  const MskDecision *decision = self->decision;
  const MskUrgency *urgency = msk_decision_get_urgency (decision);
  const MskVerdict *verdict = msk_decision_get_verdict (decision);
  MskRich r, body;

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_CAPTION, _("Outcome"));
  g_string_append_c (r.text, '\n');
  _msk_rich_add (self, &r, MSK_STYLE_LARGE, msk_decision_get_headline (decision));
  /* The headline is the outcome in words; the outcome's own label under it
   * said the same again, or a vaguer version of it (as the copy for notes
   * did: d9a88ce). The verdict on MRI is a different fact and stays. */
  _msk_rich_init (&body);
  if (urgency != NULL)
    {
      g_autofree char *how = msk_action_describe_urgency (msk_decision_get_action (decision, 0));

      add_field (self, &body, _("Urgency"), how);
    }
  if (verdict != NULL)
    {
      if (body.text->len > 0)
        g_string_append_c (body.text, '\n');
      _msk_rich_add (self, &body, MSK_STYLE_BODY, verdict->label);
    }
  if (msk_decision_get_missing (decision) != NULL)
    {
      if (body.text->len > 0)
        g_string_append_c (body.text, '\n');
      _msk_rich_add (self, &body, MSK_STYLE_BODY, msk_decision_get_missing (decision));
    }
  _msk_summary_add_box (self, self->body_size, 1.5, FALSE, &r, &body, 22 * MSK_MM, NULL);

  if (msk_decision_get_n_warnings (decision) > 0)
    {
      _msk_rich_init (&r);
      _msk_rich_add (self, &r, MSK_STYLE_STRONG, _("Warning"));
      _msk_rich_init (&body);
      for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
        {
          if (i > 0)
            g_string_append_c (body.text, '\n');
          _msk_rich_add (self, &body, MSK_STYLE_BODY, msk_decision_get_warning (decision, i));
        }
      _msk_summary_add_box (self, self->body_size * 0.6, 2.5, TRUE, &r, &body, 0, NULL);
    }
}

/* Each action as a numbered item: its pathway, urgency, the policy's words,
 * the service for the borough, and the document the policy names. */
static void
add_actions (MskSummary *self,
             double      number)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskService *service = msk_decision_get_service (decision);
  guint n_actions = msk_decision_get_n_actions (decision);
  MskRich r;

  if (n_actions > 0)
    _msk_summary_add_heading (self, _("What to do"));
  for (guint i = 0; i < n_actions; i++)
    {
      const MskAction *a = msk_decision_get_action (decision, i);
      const MskResource *res = a->pathway->resource;
      guint same = i;

      /* Compact: a pathway already listed (two red flags, one pathway)
       * is named with its urgency, and points up to its words and link. */
      for (guint j = 0; self->compact && j < i; j++)
        if (msk_decision_get_action (decision, j)->pathway == a->pathway)
          {
            same = j;
            break;
          }

      _msk_rich_init (&r);
      _msk_rich_addf (self, &r, MSK_STYLE_STRONG, "%u.\t", i + 1);
      _msk_rich_add (self, &r, MSK_STYLE_STRONG, a->pathway->title);
      g_string_append (r.text, "\n\t");
      {
        g_autofree char *how = msk_action_describe_urgency (a);
        _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, _("Urgency: %s"), how);
      }
      if (same != i)
        {
          g_string_append (r.text, "\n\t");
          /* Translators: %u is the number of an earlier action with the same pathway */
          _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, _("The policy's words and link: as for %u."), same + 1);
          _msk_summary_add_text (self, MSK_BLOCK_PLAIN, self->body_size * 0.6, 0, number, &r);
          continue;
        }
      g_string_append (r.text, "\n\t");
      /* Translators: the policy's own words, quoted. */
      _msk_rich_addf (self, &r, MSK_STYLE_BODY, _("Policy: “%s”"), a->pathway->text);
      if (a->pathway->in_short != NULL && !self->compact)
        {
          g_string_append (r.text, "\n\t");
          _msk_rich_addf (self, &r, MSK_STYLE_BODY, _("In short (this app's words): %s"), a->pathway->in_short);
        }
      if (a->pathway->needs_borough && service != NULL)
        {
          g_string_append (r.text, "\n\t");
          _msk_rich_addf (self, &r, MSK_STYLE_STRONG, "%s, %s: ", service->service, service->borough->label);
          _msk_rich_add (self, &r, MSK_STYLE_BODY, service->referral);
          if (!service->details_known && msk_policy_get_services_note (policy) != NULL)
            {
              g_string_append (r.text, "\n\t");
              _msk_rich_add (self, &r, MSK_STYLE_CAPTION, msk_policy_get_services_note (policy));
            }
        }
      if (res != NULL)
        {
          g_string_append (r.text, "\n\t");
          /* Translators: points to the document the policy names for a pathway. */
          _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, _("See: %s"), res->title);
          if (res->url != NULL)
            _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, " — %s", res->url);
          if (res->url_added)
            _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, " (%s)", _("link added by this app — not in the policy"));
        }
      _msk_summary_add_text (self, MSK_BLOCK_PLAIN, self->body_size * (i == 0 ? 0.4 : 0.6), 0, number, &r);
    }
}

/* Why: each action's reason, then the policy's rationale in its words. */
static void
add_why (MskSummary *self,
         double      number)
{
  const MskDecision *decision = self->decision;
  guint n_actions = msk_decision_get_n_actions (decision);
  MskRich r;

  if (n_actions == 0)
    return;
  _msk_summary_add_heading (self, _("Why"));
  for (guint i = 0; i < n_actions; i++)
    _msk_summary_add_bullet (self, self->body_size * 0.3, number, msk_decision_get_action (decision, i)->why);
  for (guint i = 0; i < msk_decision_get_n_rationale (decision); i++)
    {
      const MskRationale *ra = msk_decision_get_rationale (decision, i);

      _msk_rich_init (&r);
      _msk_rich_add (self, &r, MSK_STYLE_BODY, "•\t");
      _msk_rich_addf (self, &r, MSK_STYLE_BODY, _("Policy: “%s”"), ra->text);
      if (ra->resource != NULL && ra->resource->url != NULL)
        {
          g_string_append (r.text, "\n\t");
          _msk_rich_add (self, &r, MSK_STYLE_CAPTION, ra->resource->url);
          if (ra->resource->url_added)
            _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, " (%s)", _("link added by this app — not in the policy"));
        }
      _msk_summary_add_text (self, MSK_BLOCK_PLAIN, self->body_size * 0.3, 0, number, &r);
    }
}

static void
build_decision (MskSummary *self,
                GDateTime  *when)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const char *notes = msk_request_get_notes (msk_decision_get_request (decision));
  g_autofree char *date = format_when (decision, when);
  double number = 7 * MSK_MM;
  MskRich r;

  self->title = g_strdup (_("MSK MRI decision summary"));
  /* Translators: header of the second and later pages; %s is the date. */
  self->running = g_strdup_printf (_("MSK MRI decision summary, %s (continued)"), date);
  /* Translators: footer of the summary: the app and its version, the
   * policy id and version, and the date of the decision. */
  self->footer = g_strdup_printf (_("%s %s · policy %s %s · %s"), PACKAGE_NAME, PACKAGE_VERSION,
                                  msk_policy_get_id (policy), msk_policy_get_version (policy), date);

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_TITLE, self->title);
  g_string_append_c (r.text, '\n');
  _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, "%s · %s", msk_policy_get_title (policy),
                  msk_policy_get_organisation (policy));
  _msk_summary_add_text (self, MSK_BLOCK_KEEP, 0, 0, 0, &r);
  _msk_summary_add_rule (self, self->body_size * 0.6);

  add_request (self, date, when != NULL, 34 * MSK_MM);
  add_outcome (self);
  add_actions (self, number);
  add_why (self, number);

  if (notes != NULL && *notes != '\0')
    {
      _msk_summary_add_heading (self, _("Clinical note"));
      _msk_summary_add_paragraph (self, self->body_size * 0.4, notes);
    }

  /* The stamp that makes the record auditable, then the disclaimer. */
  _msk_summary_add_rule (self, self->body_size * 1.2);
  _msk_rich_init (&r);
  {
    g_autofree char *stamp = msk_policy_format_stamp (policy);
    _msk_rich_addf (self, &r, MSK_STYLE_SMALL, _("Policy: %s. %s %s."), stamp, PACKAGE_NAME, PACKAGE_VERSION);
  }
  {
    /* A policy other than the bundled one is named on every record. */
    g_autofree char *source = msk_policy_describe_source (policy);
    if (source != NULL)
      {
        g_string_append_c (r.text, '\n');
        _msk_rich_addf (self, &r, MSK_STYLE_SMALL, _("Note: %s."), source);
      }
  }
  g_string_append_c (r.text, '\n');
  _msk_rich_add (self, &r, MSK_STYLE_STRONG, msk_policy_get_disclaimer (policy));
  _msk_summary_add_text (self, MSK_BLOCK_KEEP, self->body_size * 0.4, 0, 0, &r);
}

/* The summary is meant to be one page for the notes. A busy decision
 * (every red flag, a spinal region, a warning) may not fit at 10 pt; a
 * slightly smaller size, then narrower margins (still wider than any
 * printer's), usually do. Past that (every red flag of a policy with one
 * more, past its review, on Letter), the app's paraphrases of the pathways
 * go, the policy's own words and every reason staying, from 9 pt down
 * again. If not even that fits (a long clinical note), the first style it
 * is, on more pages. The summary steps down only as far as still reads
 * comfortably; every step after the old ones, so a summary that fitted
 * before is laid out as before. */
static const MskSummaryFit decision_fits[] = {
  { 10, 18 }, { 9.5, 18 }, { 9, 18 }, { 9, 12 }, { 8.5, 12 }, { 8, 12 }, { 8, 10 },
  { 9, 12, TRUE }, { 8.5, 12, TRUE }, { 8, 10, TRUE },
};

const MskSummaryDocument _msk_summary_decision = {
  build_decision, decision_fits, G_N_ELEMENTS (decision_fits), 0,
};
