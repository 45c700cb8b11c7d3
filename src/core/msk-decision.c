/* msk-decision.c — the engine: a request and a date in, a decision out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * msk_evaluate() reads only its arguments. The routes, their conditions and
 * their order come from the policy file; this file knows no policy ids.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-decision.h"
#include "msk-policy-private.h"

struct _MskDecision {
  gatomicrefcount     ref;
  MskPolicy          *policy;
  MskRequest         *request;
  GDate               date;
  const MskOutcome   *outcome;
  const char         *missing;
  const MskService   *service;
  gboolean            past_review;

  /* Sized from the policy's counts in one allocation: a decision never
   * holds more actions than routes, nor more resources than the policy has. */
  MskAction          *actions;    guint n_actions;
  const MskResource **resources;  guint n_resources;
  const MskRationale **rationale; guint n_rationale;
  const MskSafetyNet **safety_nets; guint n_safety_nets;
  const char         *warnings[3]; guint n_warnings;  /* policy dates, no borough, governance */
};

G_DEFINE_BOXED_TYPE (MskDecision, msk_decision, msk_decision_ref, msk_decision_unref)

static gboolean
route_matches (const MskRoute   *route,
               const MskRequest *request,
               gboolean          fired_before)
{
  guint concerns = msk_request_get_concern_mask (request);
  const MskChoice *requester = msk_request_get_requester (request);
  /* PRODUCT.md: the governance tick counts only for a requester it applies to. */
  gboolean governance = msk_request_get_fcp_governance (request) && requester != NULL &&
                        msk_policy_governance_applies (msk_request_get_policy (request), requester);

  if (route->only_if_none_fired && fired_before)
    return FALSE;
  if (route->concerns_any != 0 && (concerns & route->concerns_any) == 0)
    return FALSE;
  if (route->no_concerns && concerns != 0)
    return FALSE;
  if (route->region_chosen && msk_request_get_region (request) == NULL)
    return FALSE;
  if (route->requester_in != 0 &&
      (requester == NULL || (route->requester_in & (1u << requester->index)) == 0))
    return FALSE;
  if (route->fcp_governance >= 0 && governance != (route->fcp_governance == 1))
    return FALSE;
  return TRUE;
}

static void
add_resource (MskDecision       *self,
              const MskResource *resource)
{
  if (resource == NULL)
    return;
  for (guint i = 0; i < self->n_resources; i++)
    if (self->resources[i] == resource)
      return;
  self->resources[self->n_resources++] = resource;
}

static void
add_rationale (MskDecision        *self,
               const MskRationale *rationale)
{
  for (guint i = 0; i < self->n_rationale; i++)
    if (self->rationale[i] == rationale)
      return;
  self->rationale[self->n_rationale++] = rationale;
}

/* The action a route gives, raised by an emergency sign the request ticks. */
static MskAction
make_action (const MskRoute   *route,
             const MskRequest *request,
             MskPolicy        *policy)
{
  const MskEscalation *esc = route->escalation;
  guint signs = msk_request_get_sign_mask (request) & (esc != NULL ? esc->signs_any : 0);
  MskAction a = { route, route->pathway, route->urgency, route->outcome,
                  route->headline, route->why, &route->basis, NULL };

  if (signs == 0)
    return a;
  for (guint i = 0; i < policy->n_signs && a.sign == NULL; i++)
    if (signs & (1u << i))
      a.sign = policy->signs[i];
  a.urgency = esc->urgency;
  a.outcome = esc->outcome;
  a.headline = esc->headline;
  a.why = esc->why;
  a.basis = &esc->basis;
  return a;
}

MskDecision *
msk_evaluate (MskPolicy        *policy,
              const MskRequest *request,
              const GDate      *today)
{
  MskDecision *self;
  const MskRegion *region;
  gboolean needs_borough = FALSE;
  gboolean evidence = FALSE;
  gsize size;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (msk_request_get_policy (request) == policy, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  size = sizeof (MskDecision)
       + sizeof (MskAction) * policy->n_routes
       + sizeof (gpointer) * policy->n_resources
       + sizeof (gpointer) * policy->n_rationale
       + sizeof (gpointer) * msk_policy_get_patient_sheet (policy)->n_safety_nets;
  self = g_malloc0 (size);
  self->actions = (MskAction *) (self + 1);
  self->resources = (const MskResource **) (self->actions + policy->n_routes);
  self->rationale = (const MskRationale **) (self->resources + policy->n_resources);
  self->safety_nets = (const MskSafetyNet **) (self->rationale + policy->n_rationale);

  g_atomic_ref_count_init (&self->ref);
  self->policy = msk_policy_ref (policy);
  self->request = msk_request_copy (request);
  self->date = *today;
  region = msk_request_get_region (request);

  for (guint i = 0; i < policy->n_routes; i++)
    {
      const MskRoute *route = &policy->routes[i];

      if (!route_matches (route, request, self->n_actions > 0))
        continue;
      self->actions[self->n_actions] = make_action (route, request, policy);
      add_resource (self, route->pathway->resource);
      for (guint j = 0; j < self->actions[self->n_actions].basis->n_sources; j++)
        add_resource (self, self->actions[self->n_actions].basis->sources[j]);
      self->n_actions++;
      for (guint j = 0; j < route->n_rationale; j++)
        add_rationale (self, route->rationale[j]);
      evidence |= route->evidence;
      if (route->pathway->needs_borough)
        {
          self->service = msk_policy_find_service (policy, msk_request_get_borough (request));
          needs_borough |= (self->service == NULL);
        }
    }

  /* Most urgent first, after escalation: an escalated route sorts with the
   * emergencies. Stable, so routes of one urgency keep the policy's order. */
  for (guint i = 1; i < self->n_actions; i++)
    for (guint j = i; j > 0 && self->actions[j].urgency->rank < self->actions[j - 1].urgency->rank; j--)
      {
        MskAction tmp = self->actions[j];
        self->actions[j] = self->actions[j - 1];
        self->actions[j - 1] = tmp;
      }

  if (self->n_actions > 0)
    self->outcome = self->actions[0].outcome;
  else
    {
      self->outcome = policy->incomplete;
      self->missing = policy->missing_region;
    }

  /* The region's rationale and evidence argue the low value of imaging: only
   * on a route that does (PRODUCT.md), never on a red flag. */
  if (region != NULL && evidence)
    {
      for (guint i = 0; i < region->n_rationale; i++)
        add_rationale (self, region->rationale[i]);
      for (guint i = 0; i < region->n_resources; i++)
        add_resource (self, region->resources[i]);
      for (guint i = 0; i < policy->n_general_resources; i++)
        add_resource (self, policy->general_resources[i]);
    }

  /* The patient's "get help straight away" boxes that fit this request: a
   * knee patient is not told cauda equina signs, an oncology patient is
   * told cord compression signs. Never for an incomplete decision. */
  for (guint i = 0; self->n_actions > 0 && i < policy->patient_sheet.n_safety_nets; i++)
    {
      const MskSafetyNet *net = &policy->patient_sheet.safety_nets[i];

      if ((net->concerns & msk_request_get_concern_mask (request)) != 0 ||
          (region != NULL && region->index < 31 && (net->regions & (1u << region->index)) != 0))
        self->safety_nets[self->n_safety_nets++] = net;
    }

  /* The review warning comes first: it qualifies everything else. */
  self->past_review = g_date_compare (today, &policy->review) > 0;
  if (self->past_review)
    self->warnings[self->n_warnings++] = policy->past_review_text;
  else if (g_date_compare (today, &policy->effective) < 0)
    self->warnings[self->n_warnings++] = policy->not_yet_effective_text;
  if (needs_borough)
    self->warnings[self->n_warnings++] = policy->warn_no_borough;
  if (msk_request_get_fcp_governance (request) &&
      (msk_request_get_requester (request) == NULL ||
       !msk_policy_governance_applies (policy, msk_request_get_requester (request))))
    self->warnings[self->n_warnings++] = policy->warn_governance_ignored;

  return self;
}

MskDecision *
msk_decision_ref (MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
msk_decision_unref (MskDecision *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  msk_request_free (self->request);
  msk_policy_unref (self->policy);
  g_free (self);
}

MskPolicy *
msk_decision_get_policy (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->policy;
}

const MskRequest *
msk_decision_get_request (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->request;
}

const GDate *
msk_decision_get_date (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->date;
}

const MskOutcome *
msk_decision_get_outcome (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->outcome;
}

const MskUrgency *
msk_decision_get_urgency (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->n_actions > 0 ? self->actions[0].urgency : NULL;
}

const char *
msk_decision_get_headline (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->n_actions > 0 ? self->actions[0].headline : self->outcome->label;
}

const MskVerdict *
msk_decision_get_verdict (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->n_actions > 0 ? self->actions[0].route->verdict : NULL;
}

gboolean
msk_decision_is_incomplete (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_actions == 0;
}

const char *
msk_decision_get_missing (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->missing;
}

guint
msk_decision_get_n_actions (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_actions;
}

const MskAction *
msk_decision_get_action (const MskDecision *self,
                         guint              i)
{
  g_return_val_if_fail (self != NULL && i < self->n_actions, NULL);
  return &self->actions[i];
}

const MskService *
msk_decision_get_service (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->service;
}

guint
msk_decision_get_n_resources (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_resources;
}

const MskResource *
msk_decision_get_resource (const MskDecision *self,
                           guint              i)
{
  g_return_val_if_fail (self != NULL && i < self->n_resources, NULL);
  return self->resources[i];
}

guint
msk_decision_get_n_rationale (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rationale;
}

const MskRationale *
msk_decision_get_rationale (const MskDecision *self,
                            guint              i)
{
  g_return_val_if_fail (self != NULL && i < self->n_rationale, NULL);
  return self->rationale[i];
}

guint
msk_decision_get_n_warnings (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_warnings;
}

const char *
msk_decision_get_warning (const MskDecision *self,
                          guint              i)
{
  g_return_val_if_fail (self != NULL && i < self->n_warnings, NULL);
  return self->warnings[i];
}

guint
msk_decision_get_n_safety_nets (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_safety_nets;
}

const MskSafetyNet *
msk_decision_get_safety_net (const MskDecision *self,
                             guint              i)
{
  g_return_val_if_fail (self != NULL && i < self->n_safety_nets, NULL);
  return self->safety_nets[i];
}

char *
msk_action_describe_urgency (const MskAction *action)
{
  g_autoptr(GString) sources = g_string_new (NULL);

  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < action->basis->n_sources; i++)
    g_string_append_printf (sources, "%s%s", i > 0 ? "; " : "", action->basis->sources[i]->title);
  if (sources->len > 0)
    /* Translators: urgency, how soon, then who says so. The policy sets no
     * urgency: it always comes from national guidance or from this app. */
    return g_strdup_printf (_("%s — %s (urgency from national guidance: %s)"),
                            action->urgency->label, action->basis->note, sources->str);
  return g_strdup_printf (_("%s — %s (urgency graded by this app, not by the policy)"),
                          action->urgency->label, action->basis->note);
}

gboolean
msk_decision_is_past_review (const MskDecision *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->past_review;
}

