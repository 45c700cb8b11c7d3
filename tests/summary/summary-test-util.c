/* summary-test-util.c — shared by the summary tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-summary.h"
#include "summary-test-util.h"

MskPolicy *
summary_test_policy (void)
{
  g_autoptr(GError) error = NULL;
  MskPolicy *policy = msk_policy_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

MskDecision *
summary_test_decide (const char *request_json,
                     const char *date)
{
  g_autoptr(MskPolicy) policy = summary_test_policy ();
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_assert_true (msk_parse_iso_date (date, &today));
  request = msk_request_new_from_json (policy, request_json, strlen (request_json), &error);
  g_assert_no_error (error);
  return msk_evaluate (policy, request, &today);
}

static char *
run_tool (const char *variable,
          const char *path,
          gboolean    layout)
{
  const char *tool = g_getenv (variable);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo) not found");
      return NULL;
    }
  {
    const char *argv[] = { tool, layout ? "-layout" : path, layout ? path : NULL,
                           layout ? "-" : NULL, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

char *
summary_test_squash (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          space = s->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

char *
summary_test_pdf_text (const char *path)
{
  g_autofree char *raw = run_tool ("PDFTOTEXT", path, TRUE);

  return raw != NULL ? summary_test_squash (raw) : NULL;
}

char *
summary_test_pdf_info (const char *path)
{
  return run_tool ("PDFINFO", path, FALSE);
}

guint
summary_test_pdf_pages (const char *path)
{
  g_autofree char *info = summary_test_pdf_info (path);
  const char *line;

  if (info == NULL)
    return 0;
  line = strstr (info, "\nPages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:") + strspn (line + strlen ("\nPages:"), " "),
                                   NULL, 10);
}

gboolean
summary_test_contains (const char *haystack,
                       const char *needle)
{
  g_autofree char *h = summary_test_squash (haystack);
  g_autofree char *n = summary_test_squash (needle);

  return strstr (h, n) != NULL;
}

void
summary_test_assert_one_page (const MskDecision *decision,
                              const char        *region,
                              guint              concerns)
{
  const double papers[][2] = {
    { MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT },
    { MSK_SUMMARY_LETTER_WIDTH, MSK_SUMMARY_LETTER_HEIGHT },
  };

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (int kind = MSK_SUMMARY_DECISION; kind <= MSK_SUMMARY_PATIENT_SHEET; kind++)
      {
        g_autoptr(MskSummary) s = msk_summary_new (decision, kind, NULL, papers[p][0], papers[p][1]);

        if (msk_summary_get_n_pages (s) != 1)
          g_error ("%s, concerns %#x, paper %u, kind %d: %u pages", region, concerns, p, kind,
                   msk_summary_get_n_pages (s));
      }
}

/* Which safety nets a region brings, as a mask over the policy's nets. */
static guint
region_nets (MskPolicy       *policy,
             const MskRegion *region)
{
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);
  guint nets = 0;

  g_assert_cmpuint (sheet->n_safety_nets, <, 32);
  for (guint i = 0; i < sheet->n_safety_nets; i++)
    if (region->index < 31 && (sheet->safety_nets[i].regions & (1u << region->index)) != 0)
      nets |= 1u << i;
  return nets;
}

/* With a concern ticked, a region's resources and rationale never print (a
 * red flag is never argued against), so two regions that bring the same
 * safety nets lay out alike but for their labels: the one with the longest
 * label stands for the others. */
static gboolean
stands_for_its_kind (MskPolicy       *policy,
                     const MskRegion *region)
{
  guint nets = region_nets (policy, region);
  glong len = g_utf8_strlen (region->label, -1);

  for (guint i = 0; i < msk_policy_get_n_regions (policy); i++)
    {
      const MskRegion *other = msk_policy_get_region (policy, i);
      glong other_len = g_utf8_strlen (other->label, -1);

      if (other != region && region_nets (policy, other) == nets &&
          (other_len > len || (other_len == len && other->index < region->index)))
        return FALSE;
    }
  return TRUE;
}

guint
summary_test_foreach_request (MskPolicy              *policy,
                              const GDate            *today,
                              SummaryTestRequestFunc  func,
                              gpointer                data)
{
  guint n = msk_policy_get_n_concerns (policy);
  guint decided = 0;

  g_assert_cmpuint (n, <, 31);
  for (guint reg = 0; reg < msk_policy_get_n_regions (policy); reg++)
    for (guint mask = 0; mask < (1u << n); mask++)
      {
        gboolean has_signs = FALSE;

        if (mask != 0 && !stands_for_its_kind (policy, msk_policy_get_region (policy, reg)))
          break;

        for (guint c = 0; c < n; c++)
          has_signs |= ((mask >> c) & 1) && msk_policy_get_concern (policy, c)->n_signs > 0;
        for (guint signs = 0; signs <= (guint) has_signs; signs++)
          {
            const MskRegion *region = msk_policy_get_region (policy, reg);
            g_autoptr(MskRequest) request = msk_request_new (policy);
            g_autoptr(MskDecision) decision = NULL;

            msk_request_set_requester (request, msk_policy_find_requester (policy, "fcp"));
            msk_request_set_fcp_governance (request, TRUE);
            msk_request_set_region (request, region);
            msk_request_set_borough (request, msk_policy_find_borough (policy, "barking_dagenham"));
            for (guint c = 0; c < n; c++)
              {
                const MskConcern *concern = msk_policy_get_concern (policy, c);

                msk_request_set_concern (request, concern, (mask >> c) & 1);
                for (guint k = 0; signs && ((mask >> c) & 1) && k < concern->n_signs; k++)
                  msk_request_set_sign (request, &concern->signs[k], TRUE);
              }
            decision = msk_evaluate (policy, request, today);
            func (decision, region, mask, signs, data);
            decided++;
          }
      }
  return decided;
}

void
summary_test_check_one_page (const MskDecision *decision,
                             const MskRegion   *region,
                             guint              concerns,
                             gboolean           signs,
                             gpointer           data)
{
  /* Bit 31 of the mask a failure names: the emergency signs were ticked. */
  summary_test_assert_one_page (decision, region->id, concerns | (signs ? 1u << 31 : 0));
}
