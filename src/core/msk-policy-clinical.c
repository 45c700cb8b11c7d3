/* msk-policy-clinical.c — what a policy file may not say, however it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader checks a file's shape. These checks read its meaning, so that a
 * file that is well formed but clinically inverted (a red flag that permits
 * MRI, a concern no route answers, a review date a century away) is refused
 * with a message naming the rule it breaks. They rest on the file format's
 * kinds (an outcome's, a verdict's, an urgency's), never on policy ids.
 */
#include "config.h"

#include <string.h>

#include "msk-policy-check-private.h"
#include "msk-policy-private.h"

/* The longest a policy may go between its effective and review dates. NHS
 * bodies review clinical policies every two to three years; five leaves
 * room while refusing a file that switches the review warning off for good. */
#define MAX_REVIEW_YEARS 5

/* ---- the policy's own words ---- */

static gboolean
in_source (MskPolicy  *self,
           const char *text)
{
  g_autofree char *words = NULL;
  GString *s;
  gboolean space = FALSE;

  if (text == NULL || self->source == NULL)
    return TRUE;  /* missing text or source is reported where it is read */

  /* White space is layout, in the file and in the source alike. */
  s = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = s->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_c (s, *p);
    }
  words = g_string_free (s, FALSE);

  for (guint i = 0; self->source[i] != NULL; i++)
    if (strstr (self->source[i], words) != NULL)
      return TRUE;
  return FALSE;
}

static void
want_verbatim (MskCheck      *c,
               const MskPath *item,
               const char    *member,
               const char    *text)
{
  MskPath path = { item, member, 0 };

  if (!in_source (c->policy, text))
    problem (c, &path, NULL,
             "is presented as the policy's words but is not word for word in the policy's text ($.source.paragraphs); "
             "quote the policy exactly, or move the app's own wording to a field shown as the app's");
}

void
_msk_policy_check_verbatim (MskCheck   *c,
                            JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath meta = { NULL, "metadata", 0 };
  MskPath pathways = { NULL, "pathways", 0 };
  MskPath rationale = { NULL, "rationale", 0 };
  MskPath resources = { NULL, "resources", 0 };
  MskPath document = { NULL, "document", 0 };

  want_verbatim (c, &meta, "title", self->title);
  for (guint i = 0; i < self->n_pathways; i++)
    {
      MskPath ip = { &pathways, NULL, i };
      want_verbatim (c, &ip, "text", self->pathways[i].text);
    }
  for (guint i = 0; i < self->n_rationale; i++)
    {
      MskPath ip = { &rationale, NULL, i };
      want_verbatim (c, &ip, "text", self->rationale[i].text);
    }
  /* National guidance the app adds is labelled as such; every other
   * resource is one the policy lists, under the policy's own title. */
  for (guint i = 0; i < self->n_resources; i++)
    if (g_strcmp0 (self->resources[i].kind, "guidance") != 0)
      {
        MskPath ip = { &resources, NULL, i };
        want_verbatim (c, &ip, "title", self->resources[i].title);
      }
  for (guint i = 0; i < self->n_sections; i++)
    {
      MskPath sp = { &document, NULL, i };
      MskPath pp = { &sp, "paragraphs", 0 };

      if (self->sections[i].app_words)
        continue;
      for (guint j = 0; j < self->sections[i].n_paragraphs; j++)
        {
          MskPath ip = { &pp, NULL, j };
          want_verbatim (c, &ip, "text", self->sections[i].paragraphs[j].text);
        }
    }
}

/* ---- clinical invariants ---- */

/* A route that fires on this concern whatever else the form says. */
static gboolean
answers_alone (const MskRoute *route,
               guint           concern_bit)
{
  return (route->concerns_any & concern_bit) != 0 &&
         route->requester_in == 0 && !route->region_chosen &&
         route->fcp_governance < 0 && !route->only_if_none_fired;
}

static void
check_red_flag_route (MskCheck       *c,
                      const MskPath  *rp,
                      const MskRoute *route)
{
  MskPath op = { rp, "outcome", 0 };
  MskPath up = { rp, "urgency", 0 };
  MskPath vp = { rp, "mri_in_primary_care", 0 };

  if (route->outcome != NULL &&
      g_strcmp0 (route->outcome->kind, "emergency") != 0 && g_strcmp0 (route->outcome->kind, "urgent") != 0)
    problem (c, &op, NULL,
             "a route that fires on a red-flag concern must have an emergency or urgent outcome, not \"%s\" "
             "(invariant: a red flag is never answered as routine)", route->outcome->id);
  if (route->urgency != NULL && g_strcmp0 (route->urgency->kind, "routine") == 0)
    problem (c, &up, NULL,
             "a route that fires on a red-flag concern cannot be routine (\"%s\") "
             "(invariant: a red flag is never answered as routine)", route->urgency->id);
  if (route->verdict != NULL && g_strcmp0 (route->verdict->kind, "permitted") == 0)
    problem (c, &vp, NULL,
             "a route that fires on a red-flag concern must never permit MRI in primary care (\"%s\") "
             "(invariant: a red flag never permits MRI)", route->verdict->id);
  else if (route->verdict != NULL && g_strcmp0 (route->verdict->kind, "via_pathway") != 0)
    problem (c, &vp, NULL,
             "a route that fires on a red-flag concern must leave imaging to its pathway (a verdict of kind via_pathway), "
             "not \"%s\" (invariant: a red flag never reads as \"no imaging\")", route->verdict->id);
}

static void
check_permitted_route (MskCheck       *c,
                       const MskPath  *rp,
                       const MskRoute *route)
{
  MskPolicy *self = c->policy;
  MskPath vp = { rp, "mri_in_primary_care", 0 };
  gboolean governed = route->no_concerns && route->requester_in != 0 && route->fcp_governance == 1 &&
                      (route->requester_in & ~self->governance_mask) == 0;

  if (!governed)
    problem (c, &vp, NULL,
             "MRI may be permitted only on a route that requires no red flag, a requester the governance applies to "
             "(\"requester_in\") and the governance tick (\"fcp_governance\": true) "
             "(invariant: MRI is permitted only under governance)");
}

static void
check_escalation (MskCheck       *c,
                  const MskPath  *rp,
                  const MskRoute *route)
{
  const MskEscalation *esc = route->escalation;
  MskPath ep = { rp, "escalation", 0 };
  MskPath op = { &ep, "outcome", 0 };
  MskPath up = { &ep, "urgency", 0 };

  if (route->concerns_any == 0)
    problem (c, &ep, NULL, "only a route that fires on a concern can be escalated by that concern's emergency signs");
  if (esc->outcome != NULL && g_strcmp0 (esc->outcome->kind, "emergency") != 0)
    problem (c, &op, NULL, "an emergency sign must escalate to an emergency outcome, not \"%s\" "
             "(invariant: an emergency sign is answered as an emergency)", esc->outcome->id);
  if (esc->urgency != NULL && g_strcmp0 (esc->urgency->kind, "emergency") != 0)
    problem (c, &up, NULL, "an emergency sign must escalate to an emergency urgency, not \"%s\" "
             "(invariant: an emergency sign is answered as an emergency)", esc->urgency->id);
  if (esc->urgency != NULL && route->urgency != NULL && esc->urgency->rank >= route->urgency->rank)
    problem (c, &up, NULL, "\"%s\" is not more urgent than the route's own \"%s\" "
             "(invariant: escalation only raises urgency, so the urgency order holds after it)",
             esc->urgency->id, route->urgency->id);
}

static void
check_reachable (MskCheck   *c,
                 JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath concerns = { NULL, "concerns", 0 };

  for (guint i = 0; i < self->n_concerns; i++)
    {
      const MskConcern *concern = &self->concerns[i];
      guint bit = 1u << MIN (concern->index, 31u);
      MskPath cp = { &concerns, NULL, i };
      MskPath sp = { &cp, "signs", 0 };
      gboolean answered = FALSE;

      if (concern->id == NULL || concern->index >= 31)
        continue;
      for (guint r = 0; r < self->n_routes; r++)
        answered |= answers_alone (&self->routes[r], bit);
      if (!answered)
        problem (c, &cp, NULL,
                 "no route fires on the concern \"%s\" alone: ticked, it would get no pathway "
                 "(invariant: every concern reaches a route)", concern->id);

      for (guint j = 0; j < concern->n_signs; j++)
        {
          const MskSign *sign = &concern->signs[j];
          MskPath xp = { &sp, NULL, j };
          gboolean escalated = FALSE;

          if (sign->id == NULL || sign->index >= 31)
            continue;
          for (guint r = 0; r < self->n_routes; r++)
            escalated |= answers_alone (&self->routes[r], bit) && self->routes[r].escalation != NULL &&
                         (self->routes[r].escalation->signs_any & (1u << sign->index)) != 0;
          if (!escalated)
            problem (c, &xp, NULL,
                     "no route on the concern \"%s\" is escalated by the emergency sign \"%s\": ticked, it would "
                     "change nothing (invariant: every emergency sign reaches a route)", concern->id, sign->id);
        }
    }
}

static void
check_review_interval (MskCheck   *c,
                       JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath meta = { NULL, "metadata", 0 };
  MskPath rp = { &meta, "review", 0 };
  GDate latest;

  if (!g_date_valid (&self->effective) || !g_date_valid (&self->review))
    return;
  latest = self->effective;
  if (g_date_get_year (&latest) > G_MAXUINT16 - 1 - MAX_REVIEW_YEARS)
    return;  /* a date that far out is already an invalid date */
  g_date_add_years (&latest, MAX_REVIEW_YEARS);
  if (g_date_compare (&self->review, &latest) > 0)
    problem (c, &rp, NULL,
             "the review date must be at most %d years after the effective date "
             "(invariant: a policy is reviewed, so its past-review warning can fire)", MAX_REVIEW_YEARS);
}

void
_msk_policy_check_invariants (MskCheck   *c,
                              JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath routes = { NULL, "routes", 0 };

  for (guint i = 0; i < self->n_routes; i++)
    {
      const MskRoute *route = &self->routes[i];
      MskPath rp = { &routes, NULL, i };

      if (route->concerns_any != 0)
        check_red_flag_route (c, &rp, route);
      if (route->verdict != NULL && g_strcmp0 (route->verdict->kind, "permitted") == 0)
        check_permitted_route (c, &rp, route);
      if (route->escalation != NULL)
        check_escalation (c, &rp, route);
    }
  check_reachable (c, root);
  check_review_interval (c, root);
}
