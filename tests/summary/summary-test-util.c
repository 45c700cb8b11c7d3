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
