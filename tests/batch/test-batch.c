/* test-batch.c — --evaluate-batch and --audit-csv as an auditor's script sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "msk-batch.h"
#include "msk-decision.h"
#include "msk-fhir.h"
#include "msk-test-util.h"

static char *tmpdir;
static MskPolicy *policy;

#define write_temp(name, contents, len) msk_test_write_temp (tmpdir, (name), (contents), (len))

static char **
split_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  /* Every output line ends in a newline, so the last piece is empty. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  return g_steal_pointer (&lines);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* Every request shape the policy allows: each requester × governance ×
 * region and none × borough and none × concern subset, ids from the policy. */
static GPtrArray *
every_shape (void)
{
  GPtrArray *shapes = g_ptr_array_new_with_free_func (g_free);
  guint nq = msk_policy_get_n_requesters (policy);
  guint nr = msk_policy_get_n_regions (policy) + 1;
  guint nb = msk_policy_get_n_boroughs (policy) + 1;
  guint nc = msk_policy_get_n_concerns (policy);

  for (guint q = 0; q < nq; q++)
    for (guint g = 0; g < 2; g++)
      for (guint r = 0; r < nr; r++)
        for (guint b = 0; b < nb; b++)
          for (guint mask = 0; mask < (1u << nc); mask++)
            for (guint signs = 0; signs < 2; signs++)
            {
              GString *s = g_string_new (NULL);
              gboolean first = TRUE;
              gboolean any_sign = FALSE;

              /* With signs: every sign of every ticked concern, where there is one. */
              for (guint c = 0; signs && c < nc; c++)
                any_sign |= (mask & (1u << c)) && msk_policy_get_concern (policy, c)->n_signs > 0;
              if (signs && !any_sign)
                {
                  g_string_free (s, TRUE);
                  continue;
                }

              g_string_printf (s, "{\"requester\":\"%s\",\"fcp_governance\":%s,\"concerns\":[",
                               msk_policy_get_requester (policy, q)->id, g ? "true" : "false");
              for (guint c = 0; c < nc; c++)
                if (mask & (1u << c))
                  {
                    g_string_append_printf (s, "%s\"%s\"", first ? "" : ",", msk_policy_get_concern (policy, c)->id);
                    first = FALSE;
                  }
              g_string_append_c (s, ']');
              if (signs)
                {
                  gboolean first_sign = TRUE;

                  g_string_append (s, ",\"emergency_signs\":[");
                  for (guint c = 0; c < nc; c++)
                    for (guint k = 0; (mask & (1u << c)) && k < msk_policy_get_concern (policy, c)->n_signs; k++)
                      {
                        g_string_append_printf (s, "%s\"%s\"", first_sign ? "" : ",",
                                                msk_policy_get_concern (policy, c)->signs[k].id);
                        first_sign = FALSE;
                      }
                  g_string_append_c (s, ']');
                }
              if (r + 1 < nr)
                g_string_append_printf (s, ",\"region\":\"%s\"", msk_policy_get_region (policy, r)->id);
              if (b + 1 < nb)
                g_string_append_printf (s, ",\"borough\":\"%s\"", msk_policy_get_borough (policy, b)->id);
              g_string_append (s, ",\"notes\":\"seen today\"}");
              g_ptr_array_add (shapes, g_string_free (s, FALSE));
            }
  return shapes;
}

typedef struct {
  const char *format;
  const char *date;
  guint       stride;  /* every shape, or every stride-th: sanitizer runs are slow */
} Run;

/* The pretty decision JSON on one line, by dropping whitespace outside
 * strings: the form the batch must print. Written here apart from the
 * batch's own, so a bug in one is not hidden by the same bug in the other. */
static char *
one_line (const char *json)
{
  GString *s = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (s, *p);
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (s, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (!g_ascii_isspace (*p))
        {
          g_string_append_c (s, *p);
          in_string = (*p == '"');
        }
    }
  return g_string_free (s, FALSE);
}

/* The batch decides and prints exactly what a single evaluation would,
 * for every shape: same parser, same engine, same writer. */
static void
test_every_shape (gconstpointer data)
{
  const Run *run = data;
  g_autoptr(GPtrArray) shapes = every_shape ();
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean fhir = strcmp (run->format, "fhir") == 0;
  GDate today;
  int status;

  for (guint i = 0; i < shapes->len; i += run->stride)
    g_string_append_printf (input, "%s\n", (char *) shapes->pdata[i]);
  path = write_temp ("shapes.jsonl", input->str, (gssize) input->len);

  status = msk_test_run_cli (ARGS ("--evaluate-batch", path, "--format", run->format, "--date", run->date),
                             NULL, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, (shapes->len + run->stride - 1) / run->stride);

  g_assert_true (msk_parse_iso_date (run->date, &today));
  for (guint i = 0, line = 0; i < shapes->len; i += run->stride, line++)
    {
      const char *req = shapes->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(MskRequest) request = msk_request_new_from_json (policy, req, strlen (req), &error);
      g_autoptr(MskDecision) decision = NULL;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      decision = msk_evaluate (policy, request, &today);
      if (fhir)
        {
          expected = msk_fhir_to_json (decision, FALSE);
          /* The compact form ends in a newline; the split lines do not. */
          expected[strlen (expected) - 1] = '\0';
        }
      else
        {
          g_autofree char *pretty = msk_decision_to_json (decision);
          expected = one_line (pretty);
        }
      if (strcmp (expected, lines[line]) != 0)
        g_error ("line %u (%s) differs from the single evaluation:\n%s\nvs\n%s", line + 1, req, lines[line], expected);
    }
}

/* A bad line is answered in its place, with its number, the field and the
 * reason; the lines after it are still decided. */
static void
test_bad_lines (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_string_append (input, "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\"}\n");   /* 1 */
  g_string_append (input, "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knees\"}\n");  /* 2 */
  g_string_append (input, "\n");                                                             /* 3 */
  g_string_append (input, "{\"requester\": \n");                                              /* 4 */
  g_string_append (input, "{\"requester\":\"gp\",\"concerns\":[],\"notes\":\"");              /* 5: too long */
  for (guint i = 0; i < MSK_REQUEST_MAX_BYTES; i++)
    g_string_append_c (input, 'x');
  g_string_append (input, "\"}\n");
  g_string_append (input, "{\"requester\":\"fcp\",\"fcp_governance\":true,\"concerns\":[],\"region\":\"hip\"}\r\n"); /* 6 */
  g_string_append (input, "{\"requester\":\"gp\",\"concerns\":[\"suspected_ces\"]}");          /* 7: no newline */
  path = write_temp ("bad.jsonl", input->str, (gssize) input->len);

  status = msk_test_run_cli (ARGS ("--evaluate-batch", path, "--date", "2026-06-01"), NULL, &out, &err);
  g_assert_cmpint (status, ==, MSK_BATCH_EXIT_REFUSED);
  g_assert_nonnull (strstr (err, "4 of 7 lines refused"));
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);

  {
    struct { guint line; const char *field; const char *reason_start; } refused[] = {
      { 2, "request.region", "unknown region \"knees\"" },
      { 3, "request", "the line is empty" },
      { 4, "request", "not valid JSON" },
      { 5, "request", "larger than the limit of 65536 bytes" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(JsonNode) node = parse (lines[refused[i].line - 1]);
        JsonObject *o = json_node_get_object (node);
        g_autofree char *message = NULL;

        g_assert_cmpint (json_object_get_int_member (o, "line"), ==, refused[i].line);
        g_assert_cmpstr (json_object_get_string_member (o, "field"), ==, refused[i].field);
        g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "reason"), refused[i].reason_start));
        message = g_strdup_printf ("%s: %s", refused[i].field, json_object_get_string_member (o, "reason"));
        g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, message);
        g_assert_false (json_object_has_member (o, "outcome"));
      }
  }
  {
    const char *decided[][2] = { { lines[0], "refer_community_msk" }, { lines[5], "fcp_mri_permitted" },
                                 { lines[6], "emergency_pathway" } };
    for (guint i = 0; i < G_N_ELEMENTS (decided); i++)
      {
        g_autoptr(JsonNode) node = parse (decided[i][0]);
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "outcome"), ==, decided[i][1]);
      }
  }
}

/* FHIR batches answer a refused line with an OperationOutcome naming it. */
static void
test_bad_line_fhir (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(JsonNode) good = NULL;
  JsonObject *issue;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate-batch", "-", "--format", "fhir", "--date", "2026-06-01"),
                             "{\"requester\":\"gp\",\"concerns\":[\"suspected_gout\"]}\n"
                             "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\"}\n", &out, &err);
  g_assert_cmpint (status, ==, MSK_BATCH_EXIT_REFUSED);
  lines = split_lines (out);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  bad = parse (lines[0]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bad), "resourceType"), ==, "OperationOutcome");
  issue = json_array_get_object_element (json_object_get_array_member (json_node_get_object (bad), "issue"), 0);
  g_assert_cmpstr (json_object_get_string_member (issue, "severity"), ==, "error");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (issue, "diagnostics"), "line 1: request.concerns"));
  good = parse (lines[1]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (good), "resourceType"), ==, "GuidanceResponse");
}

/* The note is clinical free text: it never reaches a batch's output. */
static void
test_notes_never_copied (void)
{
  const char *formats[] = { "json", "fhir" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *csv = g_build_filename (tmpdir, "notes.csv", NULL);
      g_autofree char *csv_text = NULL;
      int status;

      status = msk_test_run_cli (ARGS ("--evaluate-batch", "-", "--format", formats[i], "--audit-csv", csv),
                                 "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\",\"notes\":\"Zebra-7731 Mrs Begum\"}\n"
                                 "{\"requester\":\"gp\",\"concerns\":[\"urgent_msk\"],\"notes\":\"Zebra-7731\"}\n",
                                 &out, &err);
      g_assert_cmpint (status, ==, 0);
      g_assert_null (strstr (out, "Zebra"));
      g_assert_null (strstr (out, "Begum"));
      g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
      g_assert_null (strstr (csv_text, "Zebra"));
    }
}

static void
test_empty_and_stdin (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate-batch", "-"), "", &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
}

/* One row of the audit as the bundled policy's concerns make it: `place` is
 * "outcome,borough,region,requests"; then a column per concern, in the
 * policy's order, counting the requests in `ticked` (NULL: a refused row,
 * which has no concerns to count). */
static void
append_audit_row (GString            *csv,
                  const char         *place,
                  const char * const *ticked)
{
  g_string_append (csv, place);
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      g_string_append_c (csv, ',');
      if (ticked != NULL)
        g_string_append (csv, g_strv_contains (ticked, msk_policy_get_concern (policy, i)->id) ? "1" : "0");
    }
  g_string_append (csv, "\r\n");
}

#define NONE ((const char * const []) { NULL })
#define TICKED(...) ((const char * const []) { __VA_ARGS__, NULL })

/* The audit counts every line once: decided ones by outcome, borough and
 * region with the concerns ticked, refused ones on their own row. */
static void
test_audit_csv (void)
{
  g_autofree char *csv = g_build_filename (tmpdir, "audit.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) want = g_string_new ("outcome,borough,region,requests");
  int status;

  /* A column per concern of the policy in force, named by its id. */
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    g_string_append_printf (want, ",%s", msk_policy_get_concern (policy, i)->id);
  g_string_append (want, "\r\n");
  append_audit_row (want, "emergency_pathway,havering,lumbar_spine,1", TICKED ("suspected_ces", "suspected_cancer"));
  append_audit_row (want, "urgent_pathway,havering,lumbar_spine,1", TICKED ("suspected_cancer"));
  append_audit_row (want, "fcp_mri_permitted,,hip,1", NONE);
  append_audit_row (want, "refer_community_msk,newham,knee,2", NONE);
  append_audit_row (want, "incomplete,,,1", NONE);
  append_audit_row (want, "refused,,,1", NULL);

  status = msk_test_run_cli (ARGS ("--evaluate-batch", "-", "--audit-csv", csv, "--date", "2026-06-01"),
    "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\",\"borough\":\"newham\"}\n"
    "{\"requester\":\"other\",\"concerns\":[],\"region\":\"knee\",\"borough\":\"newham\"}\n"
    "{\"requester\":\"gp\",\"concerns\":[\"suspected_ces\",\"suspected_cancer\"],\"region\":\"lumbar_spine\",\"borough\":\"havering\"}\n"
    "{\"requester\":\"gp\",\"concerns\":[\"suspected_cancer\"],\"region\":\"lumbar_spine\",\"borough\":\"havering\"}\n"
    "{\"requester\":\"fcp\",\"fcp_governance\":true,\"concerns\":[],\"region\":\"hip\"}\n"
    "{\"requester\":\"gp\",\"concerns\":[]}\n"
    "not json\n", &out, &err);
  g_assert_cmpint (status, ==, MSK_BATCH_EXIT_REFUSED);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, want->str);
}

static void
test_csv_quoting (void)
{
  const char *cases[][2] = {
    { "newham", "newham" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      msk_batch_csv_append_field (s, cases[i][0]);
      g_assert_cmpstr (s->str, ==, cases[i][1]);
    }
}

/* --date and --policy mean for a batch what they mean for --evaluate. */
static void
test_date_and_policy (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = msk_test_bundled_bytes ();
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *broken = write_temp ("broken.json", "{\"id\": 1}", -1);
  JsonObject *o;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate-batch", "-", "--date", "2028-01-01",
                                   "--policy", g_getenv ("MSK_BUNDLED_POLICY")),
                             "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\"}\n", &out, &err);
  g_assert_cmpint (status, ==, 0);
  node = parse (out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2028-01-01");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "policy"), "sha256"), ==, sha);
  /* Past the review date: the warning is there, as for --evaluate. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), >, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* No standard input: the program refuses the policy before reading any,
   * and writing to a child that has exited would kill this test (SIGPIPE). */
  status = msk_test_run_cli (ARGS ("--evaluate-batch", "-", "--policy", broken), NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
}

/* The audit is written as the PDFs are: never over the batch it counts,
 * privately (0600); a FIFO named as the batch is refused at once. */
static void
test_files_are_safe (void)
{
  const char *line = "{\"requester\":\"gp\",\"concerns\":[],\"region\":\"knee\"}\n";
  g_autofree char *input = write_temp ("safe.jsonl", line, -1);
  g_autofree char *csv = g_build_filename (tmpdir, "safe.csv", NULL);
  g_autofree char *fifo = g_build_filename (tmpdir, "batch.fifo", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  GStatBuf st;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate-batch", input, "--audit-csv", input), NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--audit-csv"));
  g_assert_true (g_file_get_contents (input, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, line);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = msk_test_run_cli (ARGS ("--evaluate-batch", input, "--audit-csv", csv), NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  status = msk_test_run_cli (ARGS ("--evaluate-batch", fifo), NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "not a regular file"));
}

static void
test_option_errors (void)
{
  g_autofree char *csv = g_build_filename (tmpdir, "x.csv", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "no-such.jsonl", NULL);
  struct { const char * const *args; int status; const char *says; } cases[] = {
    { ARGS ("--audit-csv", csv), 2, "--audit-csv needs --evaluate-batch" },
    { ARGS ("--evaluate-batch", "-", "--format", "text"), 2, "--evaluate-batch takes" },
    { ARGS ("--evaluate-batch", "-", "--pdf", csv), 2, "--evaluate-batch takes" },
    { ARGS ("--evaluate-batch", "-", "--evaluate", "-"), 2, "--evaluate-batch takes" },
    { ARGS ("--evaluate-batch", "-", "--format", "xml"), 2, "unknown format" },
    { ARGS ("--evaluate-batch", missing), 1, "no-such.jsonl" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = msk_test_run_cli (cases[i].args, "", &out, &err);

      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].says));
      /* One line on standard error, never a crash or a partial output. */
      g_assert_cmpuint (strlen (err), >, 0);
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      g_assert_cmpstr (out, ==, "");
    }
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  /* Every shape once in each format; past the review date, a sample. A
   * sanitizer build runs some ten times slower: there every 13th shape (a
   * prime, so every requester, region, borough and concern set still comes
   * round), which keeps CI within its time. */
  static Run json_today = { "json", "2026-06-01", 1 };
  static Run json_past_review = { "json", "2028-01-01", 7 };
  static Run fhir_today = { "fhir", "2026-06-01", 1 };
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (g_getenv ("ASAN_OPTIONS") != NULL)
    {
      json_today.stride = fhir_today.stride = 13;
      json_past_review.stride = 7 * 13;
    }
  tmpdir = g_dir_make_tmp ("msk-batch-XXXXXX", &error);
  g_assert_no_error (error);
  policy = msk_policy_new_bundled (&error);
  g_assert_no_error (error);

  g_test_add_data_func ("/batch/every-shape/json", &json_today, test_every_shape);
  g_test_add_data_func ("/batch/every-shape/json-past-review", &json_past_review, test_every_shape);
  g_test_add_data_func ("/batch/every-shape/fhir", &fhir_today, test_every_shape);
  g_test_add_func ("/batch/bad-lines", test_bad_lines);
  g_test_add_func ("/batch/bad-line-fhir", test_bad_line_fhir);
  g_test_add_func ("/batch/notes-never-copied", test_notes_never_copied);
  g_test_add_func ("/batch/empty-and-stdin", test_empty_and_stdin);
  g_test_add_func ("/batch/audit-csv", test_audit_csv);
  g_test_add_func ("/batch/csv-quoting", test_csv_quoting);
  g_test_add_func ("/batch/date-and-policy", test_date_and_policy);
  g_test_add_func ("/batch/option-errors", test_option_errors);
  g_test_add_func ("/batch/files-are-safe", test_files_are_safe);
  ret = g_test_run ();

  msk_policy_unref (policy);
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
