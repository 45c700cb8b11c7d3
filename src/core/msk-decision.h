/* msk-decision.h — what the policy says to do for one request, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-request.h"

G_BEGIN_DECLS

typedef struct _MskDecision MskDecision;

/* One step of the decision: a route that fired, with the pathway to follow,
 * after any emergency sign has escalated it (then `sign` is the sign, and
 * urgency, outcome, headline, why and basis are the escalation's). */
typedef struct {
  const MskRoute        *route;
  const MskPathway      *pathway;
  const MskUrgency      *urgency;
  const MskOutcome      *outcome;
  const char            *headline;
  const char            *why;
  const MskUrgencyBasis *basis;
  const MskSign         *sign;   /* nullable */
} MskAction;

GType               msk_decision_get_type         (void) G_GNUC_CONST;
#define MSK_TYPE_DECISION (msk_decision_get_type ())

/* Pure: reads the policy, the request and today's date, nothing else. Every
 * matching route is reported, most urgent first after escalation (policy
 * order within one urgency); the first sets the outcome. */
MskDecision        *msk_evaluate                  (MskPolicy         *policy,
                                                   const MskRequest  *request,
                                                   const GDate       *today);

MskDecision        *msk_decision_ref              (MskDecision       *self);
void                msk_decision_unref            (MskDecision       *self);

MskPolicy          *msk_decision_get_policy       (const MskDecision *self);
/* A copy of the request the decision was made for. */
const MskRequest   *msk_decision_get_request      (const MskDecision *self);
const GDate        *msk_decision_get_date         (const MskDecision *self);
const MskOutcome   *msk_decision_get_outcome      (const MskDecision *self);
/* What to do, in a few words: the first action's headline, or the outcome's
 * label when the decision is incomplete. */
const char         *msk_decision_get_headline     (const MskDecision *self);
/* The urgency of the first action; NULL when the outcome is incomplete. */
const MskUrgency   *msk_decision_get_urgency      (const MskDecision *self);
/* NULL when the outcome is incomplete. */
const MskVerdict   *msk_decision_get_verdict      (const MskDecision *self);
gboolean            msk_decision_is_incomplete    (const MskDecision *self);
/* What the user still has to give, for an incomplete decision; else NULL. */
const char         *msk_decision_get_missing      (const MskDecision *self);

guint               msk_decision_get_n_actions    (const MskDecision *self);
const MskAction    *msk_decision_get_action       (const MskDecision *self,
                                                   guint              i);
/* The community service for the chosen borough when an action needs one. */
const MskService   *msk_decision_get_service      (const MskDecision *self);

guint               msk_decision_get_n_resources  (const MskDecision *self);
const MskResource  *msk_decision_get_resource     (const MskDecision *self,
                                                   guint              i);
guint               msk_decision_get_n_rationale  (const MskDecision *self);
const MskRationale *msk_decision_get_rationale    (const MskDecision *self,
                                                   guint              i);
guint               msk_decision_get_n_warnings   (const MskDecision *self);
const char         *msk_decision_get_warning      (const MskDecision *self,
                                                   guint              i);
gboolean            msk_decision_is_past_review   (const MskDecision *self);
/* The patient sheet's safety-net boxes that fit this decision; none for an
 * incomplete one. */
guint               msk_decision_get_n_safety_nets (const MskDecision *self);
const MskSafetyNet *msk_decision_get_safety_net   (const MskDecision *self,
                                                   guint              i);
/* "Urgent — how soon (urgency from national guidance: sources)": the one
 * wording of an action's urgency and where it comes from, for every output. */
char               *msk_action_describe_urgency   (const MskAction   *action);

/* The decision JSON of PRODUCT.md, pretty-printed, ending in a newline. */
char               *msk_decision_to_json          (const MskDecision *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskDecision, msk_decision_unref)

G_END_DECLS
