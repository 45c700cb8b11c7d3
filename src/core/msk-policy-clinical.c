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
  if (route->outcome != NULL && route->urgency != NULL && g_strcmp0 (route->urgency->kind, "routine") != 0 &&
      g_strcmp0 (route->outcome->kind, route->urgency->kind) != 0)
    problem (c, &up, NULL,
             "\"%s\" does not match the route's %s outcome \"%s\" "
             "(invariant: a red flag's urgency and outcome agree)", route->urgency->id, route->outcome->kind,
             route->outcome->id);
  if (route->headline != NULL && route->urgency != NULL && route->urgency->label != NULL &&
      !g_str_has_prefix (route->headline, route->urgency->label))
    {
      MskPath hp = { rp, "headline", 0 };
      problem (c, &hp, NULL,
               "a red-flag route's headline must start with its urgency, \"%s\" "
               "(invariant: a red flag's headline says how urgent it is)", route->urgency->label);
    }
  if (route->n_rationale > 0 || route->evidence)
    {
      MskPath ep = { rp, route->n_rationale > 0 ? "rationale" : "evidence", 0 };
      problem (c, &ep, NULL,
               "a route that fires on a red-flag concern must carry no rationale or evidence against imaging "
               "(invariant: a red flag is never argued against)");
    }
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
  if (esc->headline != NULL && esc->urgency != NULL && esc->urgency->label != NULL &&
      !g_str_has_prefix (esc->headline, esc->urgency->label))
    {
      MskPath hp = { &ep, "headline", 0 };
      problem (c, &hp, NULL,
               "an escalation's headline must start with its urgency, \"%s\" "
               "(invariant: a red flag's headline says how urgent it is)", esc->urgency->label);
    }
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

/* "Refer instead" and "MRI permitted" answer a request with no red flag;
 * beside one they would argue against the pathway. A red flag's pathway is
 * its own, never the routine one. */
static void
check_routine_route (MskCheck       *c,
                     const MskPath  *rp,
                     const MskRoute *route)
{
  MskPolicy *self = c->policy;
  MskPath wp = { rp, "when", 0 };
  MskPath pp = { rp, "pathway", 0 };

  if (!route->no_concerns)
    problem (c, &wp, NULL,
             "a route with a %s outcome must require no red flag (\"no_concerns\": true) "
             "(invariant: a routine answer never stands beside a red flag)", route->outcome->kind);
  for (guint i = 0; i < self->n_routes; i++)
    if (self->routes[i].concerns_any != 0 && route->pathway != NULL && self->routes[i].pathway == route->pathway)
      problem (c, &pp, NULL,
               "the pathway \"%s\" is also the red-flag route \"%s\"'s "
               "(invariant: a red flag never goes down the routine pathway)",
               route->pathway->id, self->routes[i].id);
}

/* What the patient is told must fit how urgent the decision is. */
static void
check_patient_sheet (MskCheck   *c,
                     JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath sheet = { NULL, "patient_sheet", 0 };
  MskPath why_for = { &sheet, "why_for", 0 };
  MskPath concerns = { NULL, "concerns", 0 };

  for (guint i = 0; i < self->n_patient_why_for; i++)
    if (self->patient_why_for[i] != NULL && g_strcmp0 (self->patient_why_for[i]->kind, "refer") != 0)
      {
        MskPath ip = { &why_for, NULL, i };
        problem (c, &ip, NULL,
                 "\"%s\" is not a \"refer\" outcome: only a patient referred instead of scanned is told a scan "
                 "is unlikely to help (invariant: a red flag is never argued against)", self->patient_why_for[i]->id);
      }

  /* A concern that can be an emergency comes with its "get help straight
   * away" box. */
  for (guint i = 0; i < self->n_concerns; i++)
    {
      guint bit = 1u << MIN (self->concerns[i].index, 31u);
      gboolean emergency = FALSE, covered = FALSE;

      for (guint r = 0; r < self->n_routes; r++)
        if (self->routes[r].concerns_any & bit)
          emergency |= (self->routes[r].outcome != NULL && g_strcmp0 (self->routes[r].outcome->kind, "emergency") == 0) ||
                       self->routes[r].escalation != NULL;
      for (guint n = 0; n < self->patient_sheet.n_safety_nets; n++)
        covered |= (self->patient_sheet.safety_nets[n].concerns & bit) != 0;
      if (emergency && !covered && self->concerns[i].id != NULL)
        {
          MskPath cp = { &concerns, NULL, i };
          problem (c, &cp, NULL,
                   "the concern \"%s\" can be an emergency but no patient-sheet safety net is for it "
                   "(invariant: a patient with an emergency red flag is told when to get help)",
                   self->concerns[i].id);
        }
    }
}

/* A telephone number is a fact the policy gives or nobody does: one the
 * source does not hold is refused (UK numbers: 0 or +44, ten digits on). */
static gboolean
find_phone (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guint digits = 0;
      const char *q = p;

      if (!(*p == '0' || (p[0] == '+' && p[1] == '4' && p[2] == '4')) || (p > text && g_ascii_isdigit (p[-1])))
        continue;
      for (; *q != '\0' && (g_ascii_isdigit (*q) || *q == ' ' || *q == '-' || *q == '+' || *q == '(' || *q == ')'); q++)
        digits += g_ascii_isdigit (*q) ? 1 : 0;
      if (digits >= 10)
        return TRUE;
    }
  return FALSE;
}

static void
check_no_phone (MskCheck      *c,
                const MskPath *path,
                JsonNode      *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          MskPath mp = { path, l->data, 0 };

          /* The source may hold numbers; addresses are checked as URLs. */
          if (path == NULL && g_strcmp0 (l->data, "source") == 0)
            continue;
          if (g_strcmp0 (l->data, "url") != 0)
            check_no_phone (c, &mp, json_object_get_member (json_node_get_object (node), l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          MskPath ip = { path, NULL, i };
          check_no_phone (c, &ip, json_array_get_element (arr, i));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           find_phone (json_node_get_string (node)) && !in_source (c->policy, json_node_get_string (node)))
    problem (c, path, node,
             "holds what looks like a telephone number that is not in the policy's text "
             "(invariant: no invented telephone numbers)");
}

/* The stamp on every record must be the document's: its version and dates
 * stand in its text. */
static void
check_metadata_in_source (MskCheck   *c,
                          JsonObject *root)
{
  MskPolicy *self = c->policy;
  MskPath meta = { NULL, "metadata", 0 };
  const struct { const char *member; const GDate *date; } dates[] = {
    { "effective", &self->effective }, { "review", &self->review },
  };

  if (self->source == NULL)
    return;
  if (self->version != NULL)
    {
      MskPath vp = { &meta, "version", 0 };

      if (!in_source (self, self->version))
        problem (c, &vp, NULL, "\"%s\" is not in the policy's text (invariant: the stamp is the document's)",
                 self->version);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (g_date_valid (dates[i].date))
      {
        g_autofree char *uk = msk_format_date_uk (dates[i].date);
        MskPath dp = { &meta, dates[i].member, 0 };

        if (!in_source (self, uk))
          problem (c, &dp, NULL, "%s is not in the policy's text (invariant: the stamp is the document's)", uk);
      }
}

/* How much a route may put on a record: a file can make a decision as long
 * as it likes otherwise, and a 200-page summary is one nobody reads. The
 * numbers leave room over v1.4 (3 rationale items, 4 evidence items, 45
 * words of reason at most). */
#define MAX_ROUTE_RATIONALE  8
#define MAX_REGION_ITEMS     8
#define MAX_WHY_CHARS        300
#define MAX_HEADLINE_WORDS   12

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      n += (!space && !in_word);
      in_word = !space;
    }
  return n;
}

static void
check_sizes (MskCheck *c)
{
  MskPolicy *self = c->policy;
  MskPath routes = { NULL, "routes", 0 };
  MskPath regions = { NULL, "regions", 0 };

  for (guint i = 0; i < self->n_routes; i++)
    {
      const MskRoute *r = &self->routes[i];
      MskPath rp = { &routes, NULL, i };
      MskPath xp = { &rp, "rationale", 0 };
      MskPath wp = { &rp, "why", 0 };
      MskPath hp = { &rp, "headline", 0 };

      if (r->n_rationale > MAX_ROUTE_RATIONALE)
        problem (c, &xp, NULL, "has %u items; a decision quotes at most %d", r->n_rationale, MAX_ROUTE_RATIONALE);
      if (r->why != NULL && g_utf8_strlen (r->why, -1) > MAX_WHY_CHARS)
        problem (c, &wp, NULL, "is longer than %d characters: a reason is read at a glance", MAX_WHY_CHARS);
      if (r->escalation != NULL && r->escalation->why != NULL && g_utf8_strlen (r->escalation->why, -1) > MAX_WHY_CHARS)
        {
          MskPath ep = { &rp, "escalation", 0 };
          MskPath ewp = { &ep, "why", 0 };
          problem (c, &ewp, NULL, "is longer than %d characters: a reason is read at a glance", MAX_WHY_CHARS);
        }
      if (r->headline != NULL && count_words (r->headline) > MAX_HEADLINE_WORDS)
        problem (c, &hp, NULL, "has more than %d words: a headline names the action at a glance", MAX_HEADLINE_WORDS);
    }
  for (guint i = 0; i < self->n_regions; i++)
    {
      MskPath rp = { &regions, NULL, i };

      if (self->regions[i].n_rationale > MAX_REGION_ITEMS || self->regions[i].n_resources > MAX_REGION_ITEMS)
        problem (c, &rp, NULL, "lists more than %d rationale items or resources", MAX_REGION_ITEMS);
    }
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
      else if (route->outcome != NULL &&
               (g_strcmp0 (route->outcome->kind, "refer") == 0 || g_strcmp0 (route->outcome->kind, "permitted") == 0))
        check_routine_route (c, &rp, route);
      if (route->verdict != NULL && g_strcmp0 (route->verdict->kind, "permitted") == 0)
        check_permitted_route (c, &rp, route);
      if (route->escalation != NULL)
        check_escalation (c, &rp, route);
    }
  check_reachable (c, root);
  check_review_interval (c, root);
  check_patient_sheet (c, root);
  check_metadata_in_source (c, root);
  check_sizes (c);
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (node, root);
    check_no_phone (c, NULL, node);
  }
}
