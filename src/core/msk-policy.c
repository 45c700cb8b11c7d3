/* msk-policy.c — the policy: where it comes from, how long it lives, what it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and checking a file is msk-policy-load.c (its shape) and
 * msk-policy-clinical.c (its meaning), on the building blocks of
 * msk-policy-check.c. This file is the public face: constructors, the
 * lifecycle and the read-only accessors.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-core-resources.h"
#include "msk-io.h"
#include "msk-policy-check-private.h"
#include "msk-policy-private.h"

G_DEFINE_QUARK (msk-error-quark, msk_error)
G_DEFINE_BOXED_TYPE (MskPolicy, msk_policy, msk_policy_ref, msk_policy_unref)


gboolean
msk_parse_iso_date (const char *text,
                    GDate      *out)
{
  guint y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
msk_format_date_uk (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date),
                          g_date_get_month (date), g_date_get_year (date));
}

/* ---- lifecycle ---- */

static void
policy_free_items (MskPolicy *self)
{
  for (guint i = 0; i < self->n_regions && self->regions; i++)
    {
      g_free ((gpointer) self->regions[i].resources);
      g_free ((gpointer) self->regions[i].rationale);
    }
  for (guint i = 0; i < self->n_concerns && self->concerns; i++)
    {
      g_free ((gpointer) self->concerns[i].prompts);
      g_free ((gpointer) self->concerns[i].signs);
    }
  for (guint i = 0; i < self->n_routes && self->routes; i++)
    {
      const MskEscalation *esc = self->routes[i].escalation;

      g_free ((gpointer) self->routes[i].rationale);
      g_free ((gpointer) self->routes[i].basis.sources);
      if (esc != NULL)
        g_free ((gpointer) esc->basis.sources);
      g_free ((gpointer) esc);
    }
  for (guint i = 0; i < self->patient_sheet.n_safety_nets && self->patient_sheet.safety_nets; i++)
    g_free ((gpointer) self->patient_sheet.safety_nets[i].signs);
  g_free ((gpointer) self->patient_sheet.safety_nets);
  g_free (self->signs);
  g_strfreev (self->source);
  for (guint i = 0; i < self->n_sections && self->sections; i++)
    {
      for (guint j = 0; j < self->sections[i].n_paragraphs && self->sections[i].paragraphs; j++)
        g_free ((gpointer) self->sections[i].paragraphs[j].resources);
      g_free ((gpointer) self->sections[i].paragraphs);
      g_free ((gpointer) self->sections[i].resources);
    }
  g_free (self->resources);
  g_free (self->requesters);
  g_free (self->boroughs);
  g_free (self->regions);
  g_free (self->concerns);
  g_free (self->urgencies);
  g_free (self->outcomes);
  g_free (self->verdicts);
  g_free (self->pathways);
  g_free (self->rationale);
  g_free (self->routes);
  g_free (self->sections);
  g_free (self->services);
  g_free (self->general_resources);
  g_free (self->approvers);
  g_free (self->patient_sheet.why);
  g_free (self->patient_next);
  g_free (self->patient_why_for);
}

MskPolicy *
msk_policy_ref (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
msk_policy_unref (MskPolicy *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  policy_free_items (self);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->origin);
  g_free (self->sha256);
  g_free (self->past_review_text);
  g_free (self->not_yet_effective_text);
  g_free (self);
}

GPtrArray *
msk_policy_check_bytes (GBytes *bytes)
{
  MskPolicy *policy = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (bytes != NULL, NULL);

  problems = _msk_policy_load_bytes (bytes, &policy);
  g_clear_pointer (&policy, msk_policy_unref);
  return problems;
}

static char *
fill_date (const char  *text,
           const char  *placeholder,
           const GDate *date)
{
  g_autofree char *uk = msk_format_date_uk (date);
  GString *s = g_string_new (text);

  g_string_replace (s, placeholder, uk, 0);
  return g_string_free (s, FALSE);
}

MskPolicy *
msk_policy_new_from_bytes (GBytes      *bytes,
                           const char  *origin,
                           GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  MskPolicy *self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = _msk_policy_load_bytes (bytes, &self);
  if (self == NULL)
    {
      g_autoptr(GString) msg = g_string_new (NULL);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (msg, "%s%s", i ? "\n" : "", (const char *) problems->pdata[i]);
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_POLICY, msg->str);
      return NULL;
    }

  self->origin = g_strdup (origin ? origin : "(memory)");
  self->bundled = _msk_policy_bytes_are_bundled (bytes);
  if (self->bundled)
    self->sha256 = _msk_policy_bundled_sha256 ();
  if (self->sha256 == NULL)
    self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  /* The warnings name dates the user reads; format them once, not per decision. */
  self->past_review_text = fill_date (self->warn_past_review, "{review}", &self->review);
  self->not_yet_effective_text = fill_date (self->warn_not_yet_effective, "{effective}", &self->effective);
  return self;
}

MskPolicy *
msk_policy_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *abs = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = msk_read_limited (path, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, error);
  if (bytes == NULL)
    return NULL;
  file = g_file_new_for_commandline_arg (path);
  abs = g_file_get_path (file);
  return msk_policy_new_from_bytes (bytes, abs ? abs : path, error);
}

MskPolicy *
msk_policy_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), MSK_BUNDLED_RESOURCE, 0, error);

  if (bytes == NULL)
    return NULL;
  return msk_policy_new_from_bytes (bytes, "bundled", error);
}

/* ---- accessors ---- */

#define GETTER(name, type, field)                       \
  type                                                  \
  msk_policy_get_##name (MskPolicy *self)               \
  {                                                     \
    g_return_val_if_fail (self != NULL, 0);             \
    return self->field;                                 \
  }

GETTER (origin, const char *, origin)
GETTER (sha256, const char *, sha256)
GETTER (id, const char *, id)
GETTER (title, const char *, title)
GETTER (organisation, const char *, organisation)
GETTER (status, const char *, status)
GETTER (version, const char *, version)
GETTER (author, const char *, author)
GETTER (disclaimer, const char *, disclaimer)
GETTER (prompts_heading, const char *, prompts_heading)
GETTER (prompts_note, const char *, prompts_note)
GETTER (governance_label, const char *, governance_label)
GETTER (services_note, const char *, services_note)
GETTER (n_requesters, guint, n_requesters)
GETTER (n_boroughs, guint, n_boroughs)
GETTER (n_regions, guint, n_regions)
GETTER (n_concerns, guint, n_concerns)
GETTER (n_pathways, guint, n_pathways)
GETTER (n_routes, guint, n_routes)
GETTER (n_resources, guint, n_resources)
GETTER (n_rationale, guint, n_rationale)
GETTER (n_sections, guint, n_sections)
GETTER (n_services, guint, n_services)
GETTER (n_outcomes, guint, n_outcomes)
GETTER (n_general_resources, guint, n_general_resources)
GETTER (n_signs, guint, n_signs)

#define ITEM(name, type, array, count)                          \
  const type *                                                  \
  msk_policy_get_##name (MskPolicy *self, guint i)              \
  {                                                             \
    g_return_val_if_fail (self != NULL, NULL);                  \
    g_return_val_if_fail (i < self->count, NULL);               \
    return &self->array[i];                                     \
  }

ITEM (requester, MskChoice, requesters, n_requesters)
ITEM (borough, MskChoice, boroughs, n_boroughs)
ITEM (region, MskRegion, regions, n_regions)
ITEM (concern, MskConcern, concerns, n_concerns)
ITEM (pathway, MskPathway, pathways, n_pathways)
ITEM (route, MskRoute, routes, n_routes)
ITEM (resource, MskResource, resources, n_resources)
ITEM (rationale, MskRationale, rationale, n_rationale)
ITEM (section, MskSection, sections, n_sections)
ITEM (service, MskService, services, n_services)
ITEM (outcome, MskOutcome, outcomes, n_outcomes)

const MskResource *
msk_policy_get_general_resource (MskPolicy *self,
                                 guint      i)
{
  g_return_val_if_fail (self != NULL && i < self->n_general_resources, NULL);
  return self->general_resources[i];
}

const MskSign *
msk_policy_get_sign (MskPolicy *self,
                     guint      i)
{
  g_return_val_if_fail (self != NULL && i < self->n_signs, NULL);
  return self->signs[i];
}

const GDate *
msk_policy_get_effective (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->effective;
}

const GDate *
msk_policy_get_review (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->review;
}

const char * const *
msk_policy_get_approvers (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->approvers;
}

gboolean
msk_policy_governance_applies (MskPolicy       *self,
                               const MskChoice *requester)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return requester != NULL && (self->governance_mask & (1u << requester->index)) != 0;
}

const MskPatientSheet *
msk_policy_get_patient_sheet (MskPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->patient_sheet;
}

gboolean
msk_policy_patient_why_applies (MskPolicy        *self,
                                const MskOutcome *outcome)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; outcome != NULL && i < self->n_patient_why_for; i++)
    if (self->patient_why_for[i] == outcome)
      return TRUE;
  return FALSE;
}

const char *
msk_policy_get_patient_next (MskPolicy        *self,
                             const MskOutcome *outcome)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (outcome == NULL)
    return NULL;
  for (guint i = 0; i < self->n_outcomes; i++)
    if (&self->outcomes[i] == outcome)
      return self->patient_next[i];
  return NULL;
}

/* The public look-ups: the same linear finders, behind the API's checks. */
#define PUBLIC_FIND(name, Type, finder)                 \
  const Type *                                          \
  msk_policy_find_##name (MskPolicy *self,              \
                          const char *id)               \
  {                                                     \
    g_return_val_if_fail (self != NULL, NULL);          \
    return finder (self, id);                           \
  }

PUBLIC_FIND (requester, MskChoice, find_choice_requester)
PUBLIC_FIND (borough, MskChoice, find_choice_borough)
PUBLIC_FIND (region, MskRegion, find_region)
PUBLIC_FIND (concern, MskConcern, find_concern)
PUBLIC_FIND (sign, MskSign, find_sign)
PUBLIC_FIND (outcome, MskOutcome, find_outcome)

const MskService *
msk_policy_find_service (MskPolicy       *self,
                         const MskChoice *borough)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; borough != NULL && i < self->n_services; i++)
    if (self->services[i].borough == borough)
      return &self->services[i];
  return NULL;
}

char *
msk_policy_format_stamp (MskPolicy *self)
{
  g_autofree char *effective = NULL;
  g_autofree char *review = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  effective = msk_format_date_uk (&self->effective);
  review = msk_format_date_uk (&self->review);
  /* Translators: the policy's title and version, its two dates, then the
   * first 12 hex digits of the SHA-256 of the policy file. */
  return g_strdup_printf (_("%s, version %s, effective %s, review %s; policy file fingerprint (SHA-256) %.12s"),
                          self->title, self->version, effective, review, self->sha256);
}
