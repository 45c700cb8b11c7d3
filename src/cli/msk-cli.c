/* msk-cli.c — the command line: evaluate, validate, print; no display needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs before GTK is touched, so scripts and tests work with no display and
 * no D-Bus. Exit status: 0 success, 1 an I/O error, 2 invalid input.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "msk-batch.h"
#include "msk-cli.h"
#include "msk-decision.h"
#include "msk-fhir.h"
#include "msk-io.h"
#include "msk-policy-source.h"
#include "msk-decision-text.h"
#include "msk-text.h"

#define EXIT_IO      1
#define EXIT_INVALID 2

void
msk_cli_setup (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The three programs are one to the user: every message says this name. */
  g_set_prgname ("msk-mri-advisor");
}

void
msk_launch_free (MskLaunch *launch)
{
  if (launch == NULL)
    return;
  g_free (launch->policy_path);
  g_free (launch);
}

static int
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  g_autofree char *safe = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote arguments and files; one line, nothing a terminal acts on. */
  safe = msk_text_escape_line (msg);
  fprintf (stderr, "%s: %s\n", g_get_prgname (), safe);
  return status;
}

static int
status_for (const GError *error)
{
  if (error->domain == MSK_ERROR &&
      (error->code == MSK_ERROR_INVALID_REQUEST || error->code == MSK_ERROR_INVALID_POLICY ||
       error->code == MSK_ERROR_INVALID_ARGUMENT))
    return EXIT_INVALID;
  return EXIT_IO;
}

static int
validate_policy (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *review = NULL;
  g_autofree char *shown = msk_text_escape_line (path);
  g_autofree char *id = NULL;
  g_autofree char *version = NULL;

  bytes = msk_read_limited (path, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, &error);
  if (bytes == NULL)
    {
      if (status_for (error) == EXIT_INVALID)
        fprintf (stderr, _("%s: 1 problem\n%s\n"), shown, error->message);
      else
        fprintf (stderr, "%s: %s\n", g_get_prgname (), error->message);
      return status_for (error);
    }

  /* One load both checks and builds: its error holds every problem, one a
   * line, so the file is parsed and validated once. */
  policy = msk_policy_new_from_bytes (bytes, path, &error);
  if (policy == NULL)
    {
      guint n = 1;

      for (const char *p = error->message; *p != '\0'; p++)
        n += (*p == '\n');
      fprintf (stderr, ngettext ("%s: %u problem\n", "%s: %u problems\n", n), shown, n);
      fprintf (stderr, "%s\n", error->message);
      return status_for (error);
    }

  effective = msk_format_date_uk (msk_policy_get_effective (policy));
  review = msk_format_date_uk (msk_policy_get_review (policy));
  /* The validator refuses control and bidi characters in every string;
   * escaping here is for the path, and for a validator that misses one. */
  id = msk_text_escape_line (msk_policy_get_id (policy));
  version = msk_text_escape_line (msk_policy_get_version (policy));
  printf (_("%s: valid\n"), shown);
  printf (_("Policy %s, version %s, effective %s, review %s\n"), id, version, effective, review);
  printf (_("%u routes, %u pathways, %u resources, %u concerns, %u regions, %u boroughs, %u sections\n"),
          msk_policy_get_n_routes (policy), msk_policy_get_n_pathways (policy),
          msk_policy_get_n_resources (policy), msk_policy_get_n_concerns (policy),
          msk_policy_get_n_regions (policy), msk_policy_get_n_boroughs (policy),
          msk_policy_get_n_sections (policy));
  printf ("sha256 %s\n", msk_policy_get_sha256 (policy));
  return 0;
}

/* The set paths among a, b and c, as a NULL-terminated array of borrowed
 * strings; `self` only says whose list it is. */
static GPtrArray *
paths_other_than (const char *self,
                  const char *a,
                  const char *b,
                  const char *c)
{
  GPtrArray *out = g_ptr_array_new ();
  const char *all[] = { a, b, c };

  /* "-" is standard input: whatever file it is must not be written over
   * either, so it is compared through the descriptor. */
  for (guint i = 0; self != NULL && i < G_N_ELEMENTS (all); i++)
    if (all[i] != NULL)
      g_ptr_array_add (out, (gpointer) (strcmp (all[i], "-") == 0 ? "/proc/self/fd/0" : all[i]));
  g_ptr_array_add (out, NULL);
  return out;
}

/* Adds the file the policy in force came from (a system-wide file the
 * command line did not name) to the paths an output must not be. */
static void
add_policy_origin (GPtrArray *others,
                   MskPolicy *policy)
{
  const char *origin = msk_policy_get_origin (policy);

  if (others == NULL || origin == NULL || !g_path_is_absolute (origin))
    return;
  g_ptr_array_insert (others, (gint) others->len - 1, (gpointer) origin);
}

/* Renders and writes one PDF; `others` are the paths it must not be. */
static int
write_pdf (MskCliRenderPdf     render,
           const char         *flag,
           const char         *path,
           const MskDecision  *decision,
           gboolean            patient_sheet,
           GDateTime          *now,
           const char * const *others)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gsize len;
  const guint8 *data;

  pdf = render (decision, patient_sheet, now, &error);
  if (pdf == NULL)
    return fail (EXIT_IO, "%s: %s", flag, error->message);
  data = g_bytes_get_data (pdf, &len);
  if (!msk_write_file_atomic (path, data, len, others, &error))
    return fail (status_for (error), "%s %s", flag, error->message);
  return 0;
}

static gboolean
write_all (const char *text)
{
  gsize len = strlen (text);
  return fwrite (text, 1, len, stdout) == len && fflush (stdout) == 0;
}

int
msk_cli_run (int               argc,
             char            **argv,
             MskCliRenderPdf   render,
             MskLaunch       **launch_out)
{
  g_autofree char *evaluate = NULL;
  g_autofree char *format = NULL;
  g_autofree char *date = NULL;
  g_autofree char *policy_path = NULL;
  g_autofree char *validate = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *patient_pdf = NULL;
  gboolean version = FALSE;
  g_autofree char *evaluate_batch = NULL;
  g_autofree char *audit_csv = NULL;
  gboolean as_fhir = FALSE;
  GOptionEntry entries[] = {
    { "evaluate", 0, 0, G_OPTION_ARG_FILENAME, &evaluate, N_("Decide for the request in FILE (- for standard input) and print the decision"), N_("FILE") },
    { "evaluate-batch", 0, 0, G_OPTION_ARG_FILENAME, &evaluate_batch, N_("Decide for every request in FILE (JSON Lines, - for standard input), one decision a line"), N_("FILE") },
    { "audit-csv", 0, 0, G_OPTION_ARG_FILENAME, &audit_csv, N_("With --evaluate-batch: also write counts by outcome, borough, region and concern as CSV"), N_("OUT.csv") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Print the decision as text (default), json or fhir (FHIR R4 GuidanceResponse)"), N_("text|json|fhir") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("With --evaluate: also write the decision summary as a PDF"), N_("OUT.pdf") },
    { "patient-pdf", 0, 0, G_OPTION_ARG_FILENAME, &patient_pdf, N_("With --evaluate: also write the patient sheet as a PDF"), N_("OUT.pdf") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Decide as if today were DATE (for audits and tests)"), N_("YYYY-MM-DD") },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy_path, N_("Use the policy in FILE instead of the installed one"), N_("FILE") },
    { "validate-policy", 0, 0, G_OPTION_ARG_FILENAME, &validate, N_("Check a policy file, print every problem, and exit"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the program and policy versions and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GPtrArray) pdf_others = NULL;
  g_autoptr(GPtrArray) sheet_others = NULL;
  gboolean as_json = FALSE;
  GDate today;
  int status;

  g_return_val_if_fail (launch_out != NULL, EXIT_IO);
  *launch_out = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Decision support for musculoskeletal MRI requests under North East London's policy.\n"
      "With no action option, opens the app."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_INVALID, "%s (see --help)", error->message);
  if (argc > 1)
    return fail (EXIT_INVALID, _("unexpected argument \"%s\" (see --help)"), argv[1]);

  if (format != NULL)
    {
      if (strcmp (format, "json") == 0)
        as_json = TRUE;
      else if (strcmp (format, "fhir") == 0)
        as_fhir = TRUE;
      else if (strcmp (format, "text") != 0)
        return fail (EXIT_INVALID, _("--format: unknown format \"%s\" (text, json or fhir)"), format);
    }
  if (evaluate_batch != NULL &&
      (evaluate != NULL || validate != NULL || version || pdf != NULL || patient_pdf != NULL ||
       (format != NULL && !as_json && !as_fhir)))
    return fail (EXIT_INVALID, _("--evaluate-batch takes --format json or fhir, --audit-csv, --date and --policy only"));
  if (audit_csv != NULL && evaluate_batch == NULL)
    return fail (EXIT_INVALID, _("--audit-csv needs --evaluate-batch FILE"));
  if ((format != NULL || pdf != NULL || patient_pdf != NULL) && evaluate == NULL && evaluate_batch == NULL)
    return fail (EXIT_INVALID, _("--format, --pdf and --patient-pdf need --evaluate FILE"));
  if (validate != NULL && (evaluate != NULL || version))
    return fail (EXIT_INVALID, _("--validate-policy cannot be combined with --evaluate or --version"));
  /* Before anything is read: standard input must reach the renderer. */
  if ((pdf != NULL || patient_pdf != NULL) && render == NULL)
    return MSK_CLI_NEEDS_RENDERER;

  g_date_clear (&today, 1);
  if (date != NULL)
    {
      if (!msk_parse_iso_date (date, &today))
        return fail (EXIT_INVALID, _("--date: \"%s\" is not a date in the form YYYY-MM-DD"), date);
    }
  else
    {
      /* Without --date, outputs are stamped with this time too: a record
       * made now should say when. With it they are reproducible. */
      now = g_date_time_new_now_local ();
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }

  if (validate != NULL)
    return validate_policy (validate);

  /* Every output is checked before anything is read or written: a PDF must
   * not replace the request it is made from, the policy, the other PDF, a
   * device or a FIFO, and a refusal must leave no file half done. */
  pdf_others = paths_other_than (pdf, evaluate, policy_path, patient_pdf);
  sheet_others = paths_other_than (patient_pdf, evaluate, policy_path, pdf);
  if (pdf != NULL && !msk_check_output_path (pdf, (const char * const *) pdf_others->pdata, &error))
    return fail (status_for (error), "--pdf %s", error->message);
  if (patient_pdf != NULL && !msk_check_output_path (patient_pdf, (const char * const *) sheet_others->pdata, &error))
    return fail (status_for (error), "--patient-pdf %s", error->message);

  if (!version && evaluate == NULL && evaluate_batch == NULL)
    {
      /* No action: the app opens with these settings. */
      MskLaunch *launch = g_new0 (MskLaunch, 1);
      launch->policy_path = g_steal_pointer (&policy_path);
      launch->today = today;
      *launch_out = launch;
      return -1;
    }

  /* A script that names a policy must get that policy or an error: falling
   * back silently would stamp decisions with a policy it did not ask for. */
  if (policy_path != NULL)
    {
      policy = msk_policy_new_from_file (policy_path, &error);
      if (policy == NULL)
        {
          g_autofree char *shown = msk_text_escape_line (policy_path);
          fprintf (stderr, _("%s: --policy %s refused:\n%s\n"), g_get_prgname (), shown, error->message);
          return status_for (error);
        }
    }
  else
    {
      refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_refusal_free);
      policy = msk_policy_load_preferred (NULL, refusals);
      for (guint i = 0; i < refusals->len; i++)
        {
          MskRefusal *r = refusals->pdata[i];
          g_autofree char *shown = msk_text_escape_line (r->path);
          fprintf (stderr, _("%s: warning: policy file %s refused, using the bundled policy:\n%s\n"),
                   g_get_prgname (), shown, r->error->message);
        }
    }

  /* Whoever reads the output should know when the policy deciding is not
   * the one the program was built and tested with. */
  {
    g_autofree char *source = msk_policy_describe_source (policy);
    if (source != NULL)
      fprintf (stderr, "%s: %s\n", g_get_prgname (), source);
  }

  if (version)
    {
      g_autofree char *id = msk_text_escape_line (msk_policy_get_id (policy));
      g_autofree char *version_text = msk_text_escape_line (msk_policy_get_version (policy));
      g_autofree char *origin = msk_text_escape_line (msk_policy_get_origin (policy));

      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      printf (_("Policy %s version %s (%s)\n"), id, version_text, origin);
      return 0;
    }

  if (evaluate_batch != NULL)
    return msk_batch_run (policy, &today, evaluate_batch,
                          as_fhir ? MSK_BATCH_FORMAT_FHIR : MSK_BATCH_FORMAT_JSON, audit_csv);

  input = msk_read_limited (evaluate, MSK_REQUEST_MAX_BYTES, "request", MSK_ERROR_INVALID_REQUEST, &error);
  if (input == NULL)
    return fail (status_for (error), "%s", error->message);

  request = msk_request_new_from_json (policy, g_bytes_get_data (input, NULL), g_bytes_get_size (input), &error);
  if (request == NULL)
    return fail (EXIT_INVALID, "%s", error->message);

  decision = msk_evaluate (policy, request, &today);
  add_policy_origin (pdf_others, policy);
  add_policy_origin (sheet_others, policy);
  /* Refused before any file is written: a script gets all it asked for or
   * an error. */
  if (patient_pdf != NULL && msk_decision_is_incomplete (decision))
    return fail (EXIT_INVALID, _("--patient-pdf: no patient sheet for an incomplete decision (%s)"),
                 msk_decision_get_missing (decision));

  if (pdf != NULL &&
      (status = write_pdf (render, "--pdf", pdf, decision, FALSE, now,
                           (const char * const *) pdf_others->pdata)) != 0)
    return status;
  if (patient_pdf != NULL &&
      (status = write_pdf (render, "--patient-pdf", patient_pdf, decision, TRUE, now,
                           (const char * const *) sheet_others->pdata)) != 0)
    return status;

  {
    g_autofree char *out = NULL;
    if (as_json)
      out = msk_decision_to_json (decision);
    else if (as_fhir)
      out = msk_fhir_to_json (decision, TRUE);
    else
      out = msk_decision_to_text (decision, now);
    if (!write_all (out))
      return fail (EXIT_IO, _("could not write to standard output"));
  }
  return 0;
}
