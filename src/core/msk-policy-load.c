/* msk-policy-load.c — reads a policy file into its items, checking as it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the JSON tree both checks it and builds the item arrays, so
 * the rules for what a valid policy is live in exactly one place. Item
 * strings point into the parsed JSON tree, which the policy keeps alive, so
 * nothing is copied. A failing file is read a second time with line
 * tracking, so only failures pay for line numbers.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-core-resources.h"
#include "msk-json-guard-private.h"
#include "msk-policy-check-private.h"
#include "msk-policy-lint-private.h"
#include "msk-policy-load-private.h"
#include "msk-policy-private.h"

/* ---- item loaders, in the order the file is read ---- */

static void
load_resource (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "title", "kind", "note", "url", "url_from_policy", NULL };
  static const char * const kinds[] = { "pathway", "portal", "advice", "evidence", "guidance", NULL };
  MskResource *r = item;
  Path kp = { path, "kind", 0 };

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->title = want_string (c, path, obj, "title", TRUE);
  r->kind = want_string (c, path, obj, "kind", TRUE);
  r->note = want_string (c, path, obj, "note", FALSE);
  r->url = want_url (c, path, obj);
  if (r->kind != NULL && !g_strv_contains (kinds, r->kind))
    problem (c, &kp, json_object_get_member (obj, "kind"), "unknown kind \"%s\" (one of pathway, portal, advice, evidence, guidance)", r->kind);
  /* The policy's own links are placeholders: an address on a resource the
   * policy lists is this app's unless the file says the policy gave it. */
  r->url_added = r->url != NULL && g_strcmp0 (r->kind, "guidance") != 0 &&
                 !want_bool (c, path, obj, "url_from_policy", FALSE);
}

static void
load_choice (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "help", NULL };
  MskChoice *ch = item;

  check_members (c, path, obj, known);
  ch->index = index;
  ch->id = want_id (c, path, obj);
  ch->label = want_string (c, path, obj, "label", TRUE);
  ch->help = want_string (c, path, obj, "help", FALSE);
}

static void
load_region (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "resources", "rationale", NULL };
  MskRegion *r = item;

  check_members (c, path, obj, known);
  r->index = index;
  r->id = want_id (c, path, obj);
  r->label = want_string (c, path, obj, "label", TRUE);
  r->resources = (const MskResource **) RESOLVE_LIST (c, path, obj, "resources", find_resource,
                                                     "resource", FALSE, &r->n_resources);
  r->rationale = (const MskRationale **) RESOLVE_LIST (c, path, obj, "rationale", find_rationale,
                                                      "rationale", FALSE, &r->n_rationale);
}

static void
load_concern (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "label", "help", "prompts", "signs", NULL };
  static const char * const prompt_known[] = { "text", "source", "secondary", NULL };
  static const char * const sign_known[] = { "id", "label", "description", "source", NULL };
  MskConcern *con = item;
  Path pp = { path, "prompts", 0 };
  Path sp = { path, "signs", 0 };
  JsonArray *arr;

  check_members (c, path, obj, known);
  con->index = index;
  con->id = want_id (c, path, obj);
  con->label = want_string (c, path, obj, "label", TRUE);
  con->help = want_string (c, path, obj, "help", FALSE);

  arr = want_array (c, &sp, json_object_get_member (obj, "signs"), FALSE);
  if (arr != NULL && !too_long (c, &sp, arr))
    {
      con->n_signs = json_array_get_length (arr);
      con->signs = g_new0 (MskSign, con->n_signs + 1);
      for (guint i = 0; i < con->n_signs; i++)
        {
          Path ip = { &sp, NULL, i };
          JsonObject *so = want_object (c, &ip, json_array_get_element (arr, i));
          MskSign *sign = (MskSign *) &con->signs[i];

          sign->concern = con;
          if (so == NULL)
            continue;
          check_members (c, &ip, so, sign_known);
          sign->id = want_id (c, &ip, so);
          sign->label = want_string (c, &ip, so, "label", TRUE);
          sign->description = want_string (c, &ip, so, "description", TRUE);
          /* An emergency sign escalates the decision: it must say who says so. */
          sign->source = RESOLVE (c, &ip, so, "source", find_resource, "resource", TRUE);
        }
    }

  arr = want_array (c, &pp, json_object_get_member (obj, "prompts"), FALSE);
  if (arr == NULL || too_long (c, &pp, arr))
    return;
  con->n_prompts = json_array_get_length (arr);
  con->prompts = g_new0 (MskPrompt, con->n_prompts + 1);
  for (guint i = 0; i < con->n_prompts; i++)
    {
      Path ip = { &pp, NULL, i };
      JsonObject *po = want_object (c, &ip, json_array_get_element (arr, i));
      MskPrompt *p = (MskPrompt *) &con->prompts[i];

      if (po == NULL)
        continue;
      check_members (c, &ip, po, prompt_known);
      p->text = want_string (c, &ip, po, "text", TRUE);
      p->source = RESOLVE (c, &ip, po, "source", find_resource, "resource", FALSE);
      p->secondary = want_bool (c, &ip, po, "secondary", FALSE);
      /* A prompt is national guidance shown beside the policy: without its
       * source a reader could take it for the policy's words, or for ours. */
      if (json_object_get_member (po, "source") == NULL)
        {
          Path srcp = { &ip, "source", 0 };
          problem (c, &srcp, po, "missing: every prompt must name its source");
        }
    }
}

static void
load_urgency (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "kind", "label", "rank", "icon", NULL };
  static const char * const kinds[] = { "emergency", "urgent", "routine", NULL };
  MskUrgency *u = item;
  JsonNode *rank = json_object_get_member (obj, "rank");
  Path rp = { path, "rank", 0 };

  check_members (c, path, obj, known);
  u->id = want_id (c, path, obj);
  u->kind = want_kind (c, path, obj, kinds);
  u->label = want_string (c, path, obj, "label", TRUE);
  u->icon = want_string (c, path, obj, "icon", TRUE);
  if (rank == NULL || !JSON_NODE_HOLDS_VALUE (rank) || json_node_get_value_type (rank) != G_TYPE_INT64 ||
      json_node_get_int (rank) < 0 || json_node_get_int (rank) > 100)
    problem (c, &rp, rank ? (gconstpointer) rank : obj, "must be a whole number from 0 (most urgent) to 100");
  else
    u->rank = (int) json_node_get_int (rank);
}

static void
load_labelled (Check *c, const Path *path, JsonObject *obj, const char * const *kinds, gpointer item)
{
  static const char * const known[] = { "id", "kind", "label", NULL };
  /* MskOutcome and MskVerdict share this layout. */
  MskOutcome *o = item;

  check_members (c, path, obj, known);
  o->id = want_id (c, path, obj);
  o->kind = want_kind (c, path, obj, kinds);
  o->label = want_string (c, path, obj, "label", TRUE);
}

static void
load_outcome (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const kinds[] = { "emergency", "urgent", "refer", "permitted", "incomplete", NULL };
  load_labelled (c, path, obj, kinds, item);
}

static void
load_verdict (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const kinds[] = { "not_recommended", "permitted", "via_pathway", NULL };
  load_labelled (c, path, obj, kinds, item);
}

static void
load_pathway (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "title", "text", "in_short", "resource", "needs_borough", NULL };
  MskPathway *p = item;

  check_members (c, path, obj, known);
  p->id = want_id (c, path, obj);
  p->title = want_string (c, path, obj, "title", TRUE);
  p->text = want_string (c, path, obj, "text", TRUE);
  p->in_short = want_string (c, path, obj, "in_short", FALSE);
  p->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
  p->needs_borough = want_bool (c, path, obj, "needs_borough", FALSE);
}

static void
load_rationale (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "text", "resource", NULL };
  MskRationale *r = item;

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->text = want_string (c, path, obj, "text", TRUE);
  r->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
}

static void
load_basis (Check *c, const Path *up, JsonObject *obj, MskUrgencyBasis *basis)
{
  static const char * const known[] = { "note", "sources", NULL };
  Path path = { up, "urgency_basis", 0 };
  JsonObject *b = want_object (c, &path, json_object_get_member (obj, "urgency_basis"));

  if (b == NULL)
    return;
  check_members (c, &path, b, known);
  basis->note = want_string (c, &path, b, "note", TRUE);
  basis->sources = (const MskResource **) RESOLVE_LIST (c, &path, b, "sources", find_resource,
                                                       "resource", FALSE, &basis->n_sources);
}

static const MskEscalation *
load_escalation (Check *c, const Path *up, JsonObject *obj)
{
  static const char * const known[] = { "signs_any", "outcome", "urgency", "headline", "urgency_basis", "why", NULL };
  Path path = { up, "escalation", 0 };
  JsonNode *node = json_object_get_member (obj, "escalation");
  JsonObject *e;
  MskEscalation *esc;
  g_autofree gconstpointer *signs = NULL;
  guint n;

  if (node == NULL || (e = want_object (c, &path, node)) == NULL)
    return NULL;
  esc = g_new0 (MskEscalation, 1);
  check_members (c, &path, e, known);
  signs = RESOLVE_LIST (c, &path, e, "signs_any", find_sign, "emergency sign", TRUE, &n);
  if (signs != NULL && n == 0)
    {
      Path sp = { &path, "signs_any", 0 };
      problem (c, &sp, json_object_get_member (e, "signs_any"), "must name at least one emergency sign");
    }
  esc->signs_any = list_to_mask (signs, n, G_STRUCT_OFFSET (MskSign, index));
  esc->outcome = RESOLVE (c, &path, e, "outcome", find_outcome, "outcome", TRUE);
  esc->urgency = RESOLVE (c, &path, e, "urgency", find_urgency, "urgency", TRUE);
  esc->headline = want_string (c, &path, e, "headline", TRUE);
  esc->why = want_string (c, &path, e, "why", TRUE);
  load_basis (c, &path, e, &esc->basis);
  return esc;
}

static void
load_route (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "when", "only_if_none_fired", "pathway", "outcome", "urgency",
                                        "mri_in_primary_care", "rationale", "evidence", "headline",
                                        "urgency_basis", "escalation", "why", NULL };
  static const char * const when_known[] = { "concerns_any", "no_concerns", "region_chosen", "requester_in",
                                             "fcp_governance", NULL };
  MskRoute *r = item;
  Path wp = { path, "when", 0 };
  JsonObject *when;
  g_autofree gconstpointer *concerns = NULL;
  g_autofree gconstpointer *requesters = NULL;
  guint n;

  check_members (c, path, obj, known);
  r->id = want_id (c, path, obj);
  r->why = want_string (c, path, obj, "why", TRUE);
  r->headline = want_string (c, path, obj, "headline", TRUE);
  r->evidence = want_bool (c, path, obj, "evidence", FALSE);
  load_basis (c, path, obj, &r->basis);
  r->escalation = load_escalation (c, path, obj);
  r->only_if_none_fired = want_bool (c, path, obj, "only_if_none_fired", FALSE);
  r->pathway = RESOLVE (c, path, obj, "pathway", find_pathway, "pathway", TRUE);
  r->outcome = RESOLVE (c, path, obj, "outcome", find_outcome, "outcome", TRUE);
  r->urgency = RESOLVE (c, path, obj, "urgency", find_urgency, "urgency", TRUE);
  r->verdict = RESOLVE (c, path, obj, "mri_in_primary_care", find_verdict, "MRI verdict", TRUE);
  r->rationale = (const MskRationale **) RESOLVE_LIST (c, path, obj, "rationale", find_rationale,
                                                      "rationale", FALSE, &r->n_rationale);
  r->fcp_governance = -1;

  when = want_object (c, &wp, json_object_get_member (obj, "when"));
  if (when == NULL)
    return;
  check_members (c, &wp, when, when_known);
  if (json_object_get_size (when) == 0)
    problem (c, &wp, when, "must hold at least one condition; a route that always fires hides every route after it");

  concerns = RESOLVE_LIST (c, &wp, when, "concerns_any", find_concern, "concern", FALSE, &n);
  /* An empty list, not one whose ids were all unknown: those are named
   * already, and "name at least one" would read as if none were given. */
  if (concerns != NULL && n == 0 && JSON_NODE_HOLDS_ARRAY (json_object_get_member (when, "concerns_any")) &&
      json_array_get_length (json_node_get_array (json_object_get_member (when, "concerns_any"))) == 0)
    {
      Path cp = { &wp, "concerns_any", 0 };
      problem (c, &cp, json_object_get_member (when, "concerns_any"), "must name at least one concern");
    }
  r->concerns_any = list_to_mask (concerns, n, G_STRUCT_OFFSET (MskConcern, index));
  requesters = RESOLVE_LIST (c, &wp, when, "requester_in", find_choice_requester, "requester", FALSE, &n);
  r->requester_in = list_to_mask (requesters, n, G_STRUCT_OFFSET (MskChoice, index));
  r->no_concerns = want_bool (c, &wp, when, "no_concerns", FALSE);
  r->region_chosen = want_bool (c, &wp, when, "region_chosen", FALSE);
  if (json_object_get_member (when, "fcp_governance") != NULL)
    r->fcp_governance = want_bool (c, &wp, when, "fcp_governance", FALSE) ? 1 : 0;

  if (r->concerns_any != 0 && r->no_concerns)
    problem (c, &wp, when, "\"concerns_any\" and \"no_concerns\" cannot both hold: the route could never fire");
}

static void
load_service (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "borough", "service", "referral", "resource", "details_known", NULL };
  MskService *s = item;

  check_members (c, path, obj, known);
  s->borough = RESOLVE (c, path, obj, "borough", find_choice_borough, "borough", TRUE);
  s->service = want_string (c, path, obj, "service", TRUE);
  s->referral = want_string (c, path, obj, "referral", TRUE);
  s->resource = RESOLVE (c, path, obj, "resource", find_resource, "resource", FALSE);
  s->details_known = want_bool (c, path, obj, "details_known", FALSE);
}

static void
load_section (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "heading", "paragraphs", "resources", "services_table",
                                        "concern_prompts", "metadata", "app_words", NULL };
  static const char * const para_known[] = { "text", "resources", NULL };
  MskSection *s = item;
  Path pp = { path, "paragraphs", 0 };
  JsonArray *arr;

  check_members (c, path, obj, known);
  s->id = want_id (c, path, obj);
  s->heading = want_string (c, path, obj, "heading", TRUE);
  s->services_table = want_bool (c, path, obj, "services_table", FALSE);
  s->concern_prompts = want_bool (c, path, obj, "concern_prompts", FALSE);
  s->metadata = want_bool (c, path, obj, "metadata", FALSE);
  s->app_words = want_bool (c, path, obj, "app_words", FALSE);
  s->resources = (const MskResource **) RESOLVE_LIST (c, path, obj, "resources", find_resource,
                                                     "resource", FALSE, &s->n_resources);

  arr = want_array (c, &pp, json_object_get_member (obj, "paragraphs"), TRUE);
  if (arr == NULL || too_long (c, &pp, arr))
    return;
  s->n_paragraphs = json_array_get_length (arr);
  s->paragraphs = g_new0 (MskParagraph, s->n_paragraphs + 1);
  for (guint i = 0; i < s->n_paragraphs; i++)
    {
      Path ip = { &pp, NULL, i };
      JsonObject *po = want_object (c, &ip, json_array_get_element (arr, i));
      MskParagraph *p = (MskParagraph *) &s->paragraphs[i];

      if (po == NULL)
        continue;
      check_members (c, &ip, po, para_known);
      p->text = want_string (c, &ip, po, "text", TRUE);
      p->resources = (const MskResource **) RESOLVE_LIST (c, &ip, po, "resources", find_resource,
                                                         "resource", FALSE, &p->n_resources);
    }
}

static void
load_everything (Check      *c,
                 JsonObject *root)
{
  static const char * const known[] = {
    "format", "metadata", "requesters", "fcp_governance", "boroughs", "regions",
    "general_resources", "concerns", "prompts_heading", "prompts_note", "urgencies", "outcomes",
    "mri_verdicts", "pathways", "routes", "incomplete", "warnings", "rationale", "community_services",
    "resources", "document", "patient_sheet", "source", "disclaimer", NULL
  };
  static const char * const meta_known[] = { "id", "title", "organisation", "status", "version", "effective",
                                             "review", "author", "approvers", NULL };
  MskPolicy *self = c->policy;
  Path fp = { NULL, "format", 0 };
  Path mp = { NULL, "metadata", 0 };
  Path gp = { NULL, "fcp_governance", 0 };
  Path ip = { NULL, "incomplete", 0 };
  Path wp = { NULL, "warnings", 0 };
  Path sp = { NULL, "community_services", 0 };
  JsonNode *format = json_object_get_member (root, "format");
  JsonObject *meta, *gov, *inc, *warn, *services;
  guint n;

  check_members (c, NULL, root, known);

  if (format == NULL)
    problem (c, &fp, root, "missing (this app reads format 1)");
  else if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64 ||
           json_node_get_int (format) != 1)
    problem (c, &fp, format, "this app reads format 1 only");

  meta = want_object (c, &mp, json_object_get_member (root, "metadata"));
  if (meta != NULL)
    {
      check_members (c, &mp, meta, meta_known);
      self->id = want_id (c, &mp, meta);
      self->title = want_string (c, &mp, meta, "title", TRUE);
      self->organisation = want_string (c, &mp, meta, "organisation", TRUE);
      self->status = want_string (c, &mp, meta, "status", FALSE);
      self->version = want_string (c, &mp, meta, "version", TRUE);
      self->author = want_string (c, &mp, meta, "author", TRUE);
      self->approvers = want_string_list (c, &mp, meta, "approvers", TRUE);
      want_date (c, &mp, meta, "effective", &self->effective);
      want_date (c, &mp, meta, "review", &self->review);
      if (g_date_valid (&self->effective) && g_date_valid (&self->review) &&
          g_date_compare (&self->review, &self->effective) <= 0)
        {
          Path rp = { &mp, "review", 0 };
          problem (c, &rp, json_object_get_member (meta, "review"), "the review date must come after the effective date");
        }
    }

  /* Resources first: everything else refers to them. */
  self->resources = load_items (c, NULL, root, "resources", sizeof (MskResource),
                                G_STRUCT_OFFSET (MskResource, id), load_resource, &self->n_resources);
  self->requesters = load_items (c, NULL, root, "requesters", sizeof (MskChoice),
                                 G_STRUCT_OFFSET (MskChoice, id), load_choice, &self->n_requesters);
  self->boroughs = load_items (c, NULL, root, "boroughs", sizeof (MskChoice),
                               G_STRUCT_OFFSET (MskChoice, id), load_choice, &self->n_boroughs);
  self->rationale = load_items (c, NULL, root, "rationale", sizeof (MskRationale),
                                G_STRUCT_OFFSET (MskRationale, id), load_rationale, &self->n_rationale);
  self->regions = load_items (c, NULL, root, "regions", sizeof (MskRegion),
                              G_STRUCT_OFFSET (MskRegion, id), load_region, &self->n_regions);
  self->concerns = load_items (c, NULL, root, "concerns", sizeof (MskConcern),
                               G_STRUCT_OFFSET (MskConcern, id), load_concern, &self->n_concerns);
  _msk_policy_index_signs (c, root);
  self->urgencies = load_items (c, NULL, root, "urgencies", sizeof (MskUrgency),
                                G_STRUCT_OFFSET (MskUrgency, id), load_urgency, &self->n_urgencies);
  self->outcomes = load_items (c, NULL, root, "outcomes", sizeof (MskOutcome),
                               G_STRUCT_OFFSET (MskOutcome, id), load_outcome, &self->n_outcomes);
  self->verdicts = load_items (c, NULL, root, "mri_verdicts", sizeof (MskVerdict),
                               G_STRUCT_OFFSET (MskVerdict, id), load_verdict, &self->n_verdicts);
  self->pathways = load_items (c, NULL, root, "pathways", sizeof (MskPathway),
                               G_STRUCT_OFFSET (MskPathway, id), load_pathway, &self->n_pathways);
  self->routes = load_items (c, NULL, root, "routes", sizeof (MskRoute),
                             G_STRUCT_OFFSET (MskRoute, id), load_route, &self->n_routes);
  self->sections = load_items (c, NULL, root, "document", sizeof (MskSection),
                               G_STRUCT_OFFSET (MskSection, id), load_section, &self->n_sections);

  /* Masks are one bit an item. */
  if (self->n_concerns > 31)
    {
      Path cp = { NULL, "concerns", 0 };
      problem (c, &cp, json_object_get_member (root, "concerns"), "at most 31 concerns are supported");
    }
  if (self->n_requesters > 31)
    {
      Path rp = { NULL, "requesters", 0 };
      problem (c, &rp, json_object_get_member (root, "requesters"), "at most 31 requesters are supported");
    }

  /* Routes are listed most urgent first; the first to fire sets the outcome. */
  for (guint i = 1; i < self->n_routes; i++)
    if (self->routes[i].urgency != NULL && self->routes[i - 1].urgency != NULL &&
        self->routes[i].urgency->rank < self->routes[i - 1].urgency->rank)
      {
        Path rp = { NULL, "routes", 0 };
        Path ep = { &rp, NULL, i };
        Path up = { &ep, "urgency", 0 };
        problem (c, &up, NULL, "\"%s\" is more urgent than the route before it: list routes most urgent first",
                 self->routes[i].urgency->id);
      }

  self->general_resources = (const MskResource **) RESOLVE_LIST (c, NULL, root, "general_resources", find_resource,
                                                                "resource", TRUE, &self->n_general_resources);
  self->prompts_heading = want_string (c, NULL, root, "prompts_heading", TRUE);
  self->prompts_note = want_string (c, NULL, root, "prompts_note", TRUE);
  self->disclaimer = want_string (c, NULL, root, "disclaimer", TRUE);

  gov = want_object (c, &gp, json_object_get_member (root, "fcp_governance"));
  if (gov != NULL)
    {
      static const char * const gov_known[] = { "label", "applies_to", NULL };
      g_autofree gconstpointer *applies = NULL;

      check_members (c, &gp, gov, gov_known);
      self->governance_label = want_string (c, &gp, gov, "label", TRUE);
      applies = RESOLVE_LIST (c, &gp, gov, "applies_to", find_choice_requester, "requester", TRUE, &n);
      self->governance_mask = list_to_mask (applies, n, G_STRUCT_OFFSET (MskChoice, index));
    }

  inc = want_object (c, &ip, json_object_get_member (root, "incomplete"));
  if (inc != NULL)
    {
      static const char * const inc_known[] = { "outcome", "missing_region", NULL };
      check_members (c, &ip, inc, inc_known);
      self->incomplete = RESOLVE (c, &ip, inc, "outcome", find_outcome, "outcome", TRUE);
      self->missing_region = want_string (c, &ip, inc, "missing_region", TRUE);
    }

  warn = want_object (c, &wp, json_object_get_member (root, "warnings"));
  if (warn != NULL)
    {
      static const char * const warn_known[] = { "past_review", "no_borough", "not_yet_effective",
                                                 "governance_ignored", NULL };
      check_members (c, &wp, warn, warn_known);
      self->warn_past_review = want_string (c, &wp, warn, "past_review", TRUE);
      self->warn_no_borough = want_string (c, &wp, warn, "no_borough", TRUE);
      self->warn_not_yet_effective = want_string (c, &wp, warn, "not_yet_effective", TRUE);
      self->warn_governance_ignored = want_string (c, &wp, warn, "governance_ignored", TRUE);
    }

  services = want_object (c, &sp, json_object_get_member (root, "community_services"));
  if (services != NULL)
    {
      static const char * const svc_known[] = { "note", "services", NULL };
      check_members (c, &sp, services, svc_known);
      self->services_note = want_string (c, &sp, services, "note", TRUE);
      self->services = load_items (c, &sp, services, "services", sizeof (MskService),
                                   G_MAXSIZE, load_service, &self->n_services);
      for (guint i = 0; i < self->n_boroughs; i++)
        {
          guint count = 0;
          for (guint j = 0; j < self->n_services; j++)
            count += (self->services[j].borough == &self->boroughs[i]);
          if (count != 1 && self->boroughs[i].id != NULL)
            {
              Path lp = { &sp, "services", 0 };
              problem (c, &lp, json_object_get_member (services, "services"),
                       "the borough \"%s\" has %u entries; every borough needs exactly one", self->boroughs[i].id, count);
            }
        }
    }

  _msk_policy_load_patient_sheet (c, root);
  _msk_policy_check_contract (c, root);
  _msk_policy_load_source (c, root);
  _msk_policy_check_verbatim (c, root);
  _msk_policy_check_invariants (c, root);
}

/* Parses, checks and builds. With `lines` the problems carry line numbers. */
static MskPolicy *
build (JsonNode   *root,
       GHashTable *lines,
       GPtrArray  *problems)
{
  MskPolicy *self = g_new0 (MskPolicy, 1);
  Check c = { problems, lines, self };

  g_atomic_ref_count_init (&self->ref);
  self->root = json_node_ref (root);
  g_date_clear (&self->effective, 1);
  g_date_clear (&self->review, 1);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    problem (&c, NULL, NULL, "the file must hold one JSON object, not %s", node_type_name (root));
  else
    load_everything (&c, json_node_get_object (root));
  _msk_policy_lint (root, lines, problems);  /* issue #11: every string checked */

  return self;
}

GPtrArray *
_msk_policy_load_bytes (GBytes     *bytes,
                        MskPolicy **policy_out)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) lines = NULL;
  MskPolicy *self;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  *policy_out = NULL;
  _msk_skip_bom (&data, &len);
  if (!_msk_json_guard_check (data, len, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, &error))
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return problems;
    }
  if (!json_parser_load_from_data (parser, data, len, &error))
    {
      g_autofree char *safe = _msk_printable (error->message);
      g_ptr_array_add (problems, g_strdup_printf ("$: not valid JSON: %s", safe));
      return problems;
    }
  /* The guard refuses empty text, so this is belt and braces: build() must
   * never be handed no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_ptr_array_add (problems, g_strdup ("$: the file holds no JSON value"));
      return problems;
    }

  self = build (json_parser_get_root (parser), NULL, problems);
  if (problems->len == 0)
    {
      *policy_out = self;
      return problems;
    }
  msk_policy_unref (self);

  /* Only a failing file pays for line numbers: parse again with the
   * parser's signals on and check again, reporting with lines this time. */
  g_ptr_array_set_size (problems, 0);
  g_clear_object (&parser);
  parser = parse_tracking_lines (data, len, &lines);
  g_assert (parser != NULL);
  self = build (json_parser_get_root (parser), lines, problems);
  msk_policy_unref (self);
  return problems;
}
