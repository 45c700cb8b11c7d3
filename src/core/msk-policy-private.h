/* msk-policy-private.h — the policy's storage, shared by the core's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-policy.h"

G_BEGIN_DECLS

/* The policy built into the program, in the core's resources. */
#define MSK_BUNDLED_RESOURCE "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json"

struct _MskPolicy {
  gatomicrefcount    ref;
  JsonNode          *root;     /* every string below points into this tree */
  char              *origin;
  char              *sha256;
  gboolean           bundled;  /* its bytes are the bundled policy's */

  const char        *id;
  const char        *title;
  const char        *organisation;
  const char        *status;
  const char        *version;
  const char        *author;
  const char       **approvers;
  GDate              effective;
  GDate              review;
  const char        *disclaimer;
  const char        *prompts_heading;
  const char        *prompts_note;
  const char        *governance_label;
  guint              governance_mask;
  const char        *services_note;
  const MskOutcome  *incomplete;
  const char        *missing_region;
  const char        *warn_past_review;
  const char        *warn_no_borough;
  const char        *warn_not_yet_effective;
  const char        *warn_governance_ignored;
  char              *past_review_text;  /* warn_past_review with the date filled in */
  char              *not_yet_effective_text;

  MskResource       *resources;    guint n_resources;
  MskChoice         *requesters;   guint n_requesters;
  MskChoice         *boroughs;     guint n_boroughs;
  MskRegion         *regions;      guint n_regions;
  MskConcern        *concerns;     guint n_concerns;
  MskUrgency        *urgencies;    guint n_urgencies;
  MskOutcome        *outcomes;     guint n_outcomes;
  MskVerdict        *verdicts;     guint n_verdicts;
  MskPathway        *pathways;     guint n_pathways;
  MskRationale      *rationale;    guint n_rationale;
  MskRoute          *routes;       guint n_routes;
  MskSection        *sections;     guint n_sections;
  MskService        *services;     guint n_services;
  const MskSign    **signs;        guint n_signs;  /* every concern's signs, in order */
  char             **source;       /* the policy document, one normalised paragraph each */
  const MskResource **general_resources; guint n_general_resources;
  MskPatientSheet    patient_sheet;
  const char       **patient_next;  /* indexed like outcomes */
  const MskOutcome **patient_why_for; guint n_patient_why_for;
};

/* Items are looked up by id during loading and request parsing; the lists
 * hold a handful to a few dozen entries, where a linear scan beats hashing. */
#define DEFINE_FIND(fn, Type, array, count)                             \
  static inline const Type *                                            \
  fn (MskPolicy *self, const char *id)                                  \
  {                                                                     \
    for (guint i = 0; id != NULL && i < self->count; i++)               \
      if (self->array[i].id != NULL && strcmp (self->array[i].id, id) == 0) \
        return &self->array[i];                                         \
    return NULL;                                                        \
  }

DEFINE_FIND (find_resource, MskResource, resources, n_resources)
DEFINE_FIND (find_choice_requester, MskChoice, requesters, n_requesters)
DEFINE_FIND (find_choice_borough, MskChoice, boroughs, n_boroughs)
DEFINE_FIND (find_region, MskRegion, regions, n_regions)
DEFINE_FIND (find_concern, MskConcern, concerns, n_concerns)
DEFINE_FIND (find_pathway, MskPathway, pathways, n_pathways)
DEFINE_FIND (find_urgency, MskUrgency, urgencies, n_urgencies)
DEFINE_FIND (find_outcome, MskOutcome, outcomes, n_outcomes)
DEFINE_FIND (find_verdict, MskVerdict, verdicts, n_verdicts)
DEFINE_FIND (find_rationale, MskRationale, rationale, n_rationale)

/* Whether these bytes are the bundled policy's, and its SHA-256 as made
 * when it was built in (msk-policy-source.c). */
gboolean _msk_policy_bytes_are_bundled (GBytes *bytes);
char    *_msk_policy_bundled_sha256    (void);

static inline const MskSign *
find_sign (MskPolicy  *self,
           const char *id)
{
  for (guint i = 0; id != NULL && i < self->n_signs; i++)
    if (self->signs[i]->id != NULL && strcmp (self->signs[i]->id, id) == 0)
      return self->signs[i];
  return NULL;
}

G_END_DECLS
