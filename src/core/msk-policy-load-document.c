/* msk-policy-load-document.c — what a policy file holds besides its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader's second half (msk-policy-load.c reads the items): the id
 * contract every file must keep, the index of emergency signs, the policy
 * document's own text, and the patient sheet. Called from load_everything()
 * in that order of need; each records its problems as the item loaders do.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-core-resources.h"
#include "msk-policy-check-private.h"
#include "msk-policy-load-private.h"
#include "msk-policy-private.h"

#define CONTRACT_RESOURCE "/org/nel/MskMriAdvisor/contract.json"

/* The contract ships inside the program and never changes while it runs:
 * parse it once, not on every policy load. */
static JsonObject *
contract_ids (void)
{
  static JsonNode *contract;

  if (g_once_init_enter (&contract))
    {
      /* Looked up through the resource handle: referring to it keeps the
       * static library's resource object in the link. */
      g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), CONTRACT_RESOURCE, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      /* If either fails the build is broken; the tests load it every run. */
      g_assert (bytes != NULL);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        g_assert_not_reached ();
      g_once_init_leave (&contract, json_node_ref (json_parser_get_root (parser)));
    }
  return json_node_get_object (contract);
}

void
_msk_policy_check_contract (Check      *c,
                JsonObject *root)
{
  JsonObject *contract = contract_ids ();
  static const struct {
    const char *list;
    const char *what;
    gconstpointer (*finder) (MskPolicy *, const char *);
  } lists[] = {
    { "requesters", "requester", (gconstpointer (*) (MskPolicy *, const char *)) find_choice_requester },
    { "regions", "region", (gconstpointer (*) (MskPolicy *, const char *)) find_region },
    { "boroughs", "borough", (gconstpointer (*) (MskPolicy *, const char *)) find_choice_borough },
    { "concerns", "concern", (gconstpointer (*) (MskPolicy *, const char *)) find_concern },
    { "outcomes", "outcome", (gconstpointer (*) (MskPolicy *, const char *)) find_outcome },
    { "pathways", "pathway", (gconstpointer (*) (MskPolicy *, const char *)) find_pathway },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonArray *ids = json_object_get_array_member (contract, lists[i].list);
      Path path = { NULL, lists[i].list, 0 };

      /* Skip a list the file failed to give at all: that is already reported. */
      if (json_object_get_member (root, lists[i].list) == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (ids); j++)
        {
          const char *id = json_array_get_string_element (ids, j);
          if (lists[i].finder (c->policy, id) == NULL)
            problem (c, &path, json_object_get_member (root, lists[i].list),
                     "the %s \"%s\" is part of the app's public contract and must be defined", lists[i].what, id);
        }
    }
}

/* Emergency signs live under their concern in the file; the request and
 * the routes index them policy-wide, one bit each. */
void
_msk_policy_index_signs (Check      *c,
             JsonObject *root)
{
  MskPolicy *self = c->policy;
  guint n = 0;

  for (guint i = 0; i < self->n_concerns; i++)
    n += self->concerns[i].n_signs;
  self->signs = g_new0 (const MskSign *, n + 1);
  for (guint i = 0; i < self->n_concerns; i++)
    for (guint j = 0; j < self->concerns[i].n_signs; j++)
      {
        MskSign *sign = (MskSign *) &self->concerns[i].signs[j];

        sign->index = self->n_signs;
        for (guint k = 0; sign->id != NULL && k < self->n_signs; k++)
          if (strcmp (self->signs[k]->id, sign->id) == 0)
            {
              Path cp = { NULL, "concerns", 0 };
              Path ep = { &cp, NULL, i };
              Path sp = { &ep, "signs", 0 };
              Path xp = { &sp, NULL, j };
              Path ip = { &xp, "id", 0 };
              problem (c, &ip, NULL, "duplicate emergency sign id \"%s\"", sign->id);
              sign->id = NULL;
              break;
            }
        if (sign->id != NULL)
          self->signs[self->n_signs++] = sign;
      }
  if (self->n_signs > 31)
    {
      Path cp = { NULL, "concerns", 0 };
      problem (c, &cp, json_object_get_member (root, "concerns"), "at most 31 emergency signs are supported");
    }
}

/* The policy document as received: what "the policy's words" are checked
 * against. Markdown emphasis and link syntax are not words, and line breaks
 * and runs of spaces are layout. */
static char *
normalise_source_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '*' && p[1] == '*')
        {
          p++;
          continue;
        }
      if (p[0] == ']' && p[1] == '(')
        {
          const char *close = strchr (p, ')');
          if (close != NULL)
            {
              p = close;
              continue;
            }
        }
      if (p[0] == '[')
        continue;
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

void
_msk_policy_load_source (Check      *c,
             JsonObject *root)
{
  static const char * const known[] = { "note", "paragraphs", NULL };
  Path path = { NULL, "source", 0 };
  JsonObject *obj = want_object (c, &path, json_object_get_member (root, "source"));
  g_autofree const char **paragraphs = NULL;
  guint n = 0;

  if (obj == NULL)
    return;
  check_members (c, &path, obj, known);
  want_string (c, &path, obj, "note", FALSE);
  paragraphs = want_string_list (c, &path, obj, "paragraphs", TRUE);
  if (paragraphs == NULL)
    return;
  n = g_strv_length ((char **) paragraphs);
  c->policy->source = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    c->policy->source[i] = normalise_source_text (paragraphs[i]);
}

static void
load_safety_net (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index)
{
  static const char * const known[] = { "id", "for_concerns", "for_regions", "intro", "signs", "source", NULL };
  MskSafetyNet *net = item;
  g_autofree gconstpointer *concerns = NULL;
  g_autofree gconstpointer *regions = NULL;
  guint n_concerns, n_regions;

  check_members (c, path, obj, known);
  net->id = want_id (c, path, obj);
  net->intro = want_string (c, path, obj, "intro", TRUE);
  net->signs = want_string_list (c, path, obj, "signs", TRUE);
  /* Patient advice is national guidance in plain words: it names where from. */
  net->source = want_string (c, path, obj, "source", TRUE);
  concerns = RESOLVE_LIST (c, path, obj, "for_concerns", find_concern, "concern", FALSE, &n_concerns);
  regions = RESOLVE_LIST (c, path, obj, "for_regions", find_region, "region", FALSE, &n_regions);
  net->concerns = list_to_mask (concerns, n_concerns, G_STRUCT_OFFSET (MskConcern, index));
  net->regions = list_to_mask (regions, n_regions, G_STRUCT_OFFSET (MskRegion, index));
  if (n_concerns == 0 && n_regions == 0)
    problem (c, path, obj, "must name at least one concern in \"for_concerns\" or region in \"for_regions\"");
}

void
_msk_policy_load_patient_sheet (Check      *c,
                    JsonObject *root)
{
  static const char * const known[] = { "title", "intro", "next_heading", "next", "why_heading", "why", "why_for",
                                        "urgent_heading", "safety_nets", NULL };
  MskPolicy *self = c->policy;
  Path path = { NULL, "patient_sheet", 0 };
  Path np = { &path, "next", 0 };
  JsonObject *obj = want_object (c, &path, json_object_get_member (root, "patient_sheet"));
  JsonObject *next;
  MskPatientSheet *ps = &self->patient_sheet;

  if (obj == NULL)
    return;
  check_members (c, &path, obj, known);
  ps->title = want_string (c, &path, obj, "title", TRUE);
  ps->intro = want_string (c, &path, obj, "intro", TRUE);
  ps->next_heading = want_string (c, &path, obj, "next_heading", TRUE);
  ps->why_heading = want_string (c, &path, obj, "why_heading", TRUE);
  ps->why = want_string_list (c, &path, obj, "why", TRUE);
  self->patient_why_for = (const MskOutcome **) RESOLVE_LIST (c, &path, obj, "why_for", find_outcome,
                                                             "outcome", TRUE, &self->n_patient_why_for);
  ps->urgent_heading = want_string (c, &path, obj, "urgent_heading", TRUE);
  ps->safety_nets = load_items (c, &path, obj, "safety_nets", sizeof (MskSafetyNet),
                                G_STRUCT_OFFSET (MskSafetyNet, id), load_safety_net, &ps->n_safety_nets);

  next = want_object (c, &np, json_object_get_member (obj, "next"));
  if (next == NULL)
    return;
  self->patient_next = g_new0 (const char *, self->n_outcomes + 1);
  for (guint i = 0; i < self->n_outcomes; i++)
    if (self->outcomes[i].id != NULL)
      self->patient_next[i] = want_string (c, &np, next, self->outcomes[i].id, TRUE);
  {
    g_autoptr(GList) members = json_object_get_members (next);
    for (GList *l = members; l != NULL; l = l->next)
      if (find_outcome (self, l->data) == NULL)
        {
          Path mp = { &np, l->data, 0 };
          problem (c, &mp, json_object_get_member (next, l->data), "unknown outcome \"%s\"", (const char *) l->data);
        }
  }
}
