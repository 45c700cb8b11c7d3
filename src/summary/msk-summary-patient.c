/* msk-summary-patient.c — the plain-English sheet for the patient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its text comes from the policy's patient_sheet section; this file only
 * chooses which parts of it fit the decision.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-summary-layout-private.h"

static void
build_patient (MskSummary *self,
               GDateTime  *when)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);
  const char *next = msk_policy_get_patient_next (policy, msk_decision_get_outcome (decision));
  g_autofree char *date = msk_format_date_uk (msk_decision_get_date (decision));
  double bullet = 8 * MSK_MM;
  MskRich r, body, foot;

  self->title = g_strdup (sheet->title);
  self->running = g_strdup_printf (_("%s (continued)"), sheet->title);
  /* Translators: footer of the patient sheet: the policy id and version,
   * and the date the sheet was given. */
  self->footer = g_strdup_printf (_("%s %s · given on %s"), msk_policy_get_id (policy),
                                  msk_policy_get_version (policy), date);

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_TITLE, sheet->title);
  _msk_summary_add_text (self, MSK_BLOCK_KEEP, 0, 0, 0, &r);
  _msk_summary_add_paragraph (self, self->body_size * 0.8, sheet->intro);

  if (next != NULL)
    {
      _msk_summary_add_heading (self, sheet->next_heading);
      _msk_summary_add_paragraph (self, self->body_size * 0.4, next);
    }

  /* The policy names the outcomes the "why" paragraphs fit: told to someone on
   * an urgent pathway, or whose practitioner may order the scan, they would
   * mislead. */
  if (msk_policy_patient_why_applies (policy, msk_decision_get_outcome (decision)) &&
      sheet->why != NULL && sheet->why[0] != NULL)
    {
      _msk_summary_add_heading (self, sheet->why_heading);
      for (guint i = 0; sheet->why[i] != NULL; i++)
        _msk_summary_add_bullet (self, self->body_size * 0.4, bullet, sheet->why[i]);
    }

  /* The safety nets that fit this decision, boxed, each with its source:
   * cauda equina signs for a back, cord compression signs for a patient
   * under oncology care, hot-joint signs for an urgent MSK problem. */
  for (guint n = 0; n < msk_decision_get_n_safety_nets (decision); n++)
    {
      const MskSafetyNet *net = msk_decision_get_safety_net (decision, n);

      _msk_rich_init (&r);
      _msk_rich_add (self, &r, MSK_STYLE_HEADING, sheet->urgent_heading);
      g_string_append_c (r.text, '\n');
      _msk_rich_add (self, &r, MSK_STYLE_BODY, net->intro);
      _msk_rich_init (&body);
      for (guint i = 0; net->signs[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (body.text, '\n');
          _msk_rich_add (self, &body, MSK_STYLE_BODY, "•\t");
          _msk_rich_add (self, &body, MSK_STYLE_BODY, net->signs[i]);
        }
      _msk_rich_init (&foot);
      _msk_rich_add (self, &foot, MSK_STYLE_CAPTION, net->source);
      _msk_summary_add_box (self, self->body_size * 1.4, 3.0, FALSE, &r, &body, bullet, &foot);
    }
}

/* The patient sheet is read by someone unwell, for reading without
 * glasses: large type, but one page, with every safety net the decision
 * calls for and never fewer (a patient under oncology care with back pain
 * and a hot joint gets the cord compression, cauda equina and hot-joint
 * boxes; a policy's next emergency red flag adds a fourth). Down to 11 pt
 * at the usual margins first; then the margins go to 12 mm (still wider
 * than any printer's unprintable edge, as on the decision summary), which
 * on Letter is what the fourth box needs; then two half-point steps, and
 * no further than 10 pt: body text a patient reads stays above 9 pt, and
 * the point between is kept in hand. Every step below 11 pt comes after
 * the old ones, so a sheet that fitted before is laid out as before. If
 * none fits, the smallest it is. */
static const MskSummaryFit patient_fits[] = {
  { 14, 18 }, { 13, 18 }, { 12, 18 }, { 11, 18 }, { 11, 12 }, { 10.5, 12 }, { 10, 12 },
};

const MskSummaryDocument _msk_summary_patient_sheet = {
  build_patient, patient_fits, G_N_ELEMENTS (patient_fits), G_N_ELEMENTS (patient_fits) - 1,
};
