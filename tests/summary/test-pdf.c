/* test-pdf.c — the printed summary and patient sheet, read back from the PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected phrase comes from the policy through the core API, so the
 * tests check that the renderer prints what the policy says, not a copy of
 * it kept here.
 */
#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "msk-io.h"
#include "msk-summary.h"
#include "summary-test-util.h"

static char *tmpdir;

typedef struct {
  const char *name;
  const char *outcome;
  const char *json;
} Case;

/* One request per outcome of the bundled policy. */
static const Case cases[] = {
  { "ces", "emergency_pathway",
    "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"newham\", \"concerns\": [\"suspected_ces\"]}" },
  { "sarcoma", "urgent_pathway",
    "{\"requester\": \"other\", \"region\": \"knee\", \"borough\": \"havering\", \"concerns\": [\"suspected_sarcoma\", \"urgent_msk\"]}" },
  { "fcp", "fcp_mri_permitted",
    "{\"requester\": \"fcp\", \"fcp_governance\": true, \"region\": \"shoulder\", \"borough\": \"redbridge\", \"concerns\": []}" },
  { "community", "refer_community_msk",
    "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"tower_hamlets\", \"concerns\": []}" },
  { "incomplete", "incomplete",
    "{\"requester\": \"gp\", \"concerns\": []}" },
  { "oncology-mscc", "emergency_pathway",
    "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"concerns\": [\"oncology_patient\"], \"emergency_signs\": [\"mscc_neuro\"]}" },
  { "septic-joint", "emergency_pathway",
    "{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": [\"urgent_msk\"], \"emergency_signs\": [\"septic_joint\"]}" },
  { "knee", "refer_community_msk",
    "{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": []}" },
};

static char *
write_request (const char *name,
               const char *json)
{
  g_autofree char *base = g_strconcat (name, ".json", NULL);

  return msk_test_write_temp (tmpdir, base, json, -1);
}

/* Runs the CLI for a request and returns the PDF's squashed text. */
static char *
cli_pdf (const char *name,
         const char *json,
         const char *date,
         gboolean    patient,
         char      **pdf_out)
{
  g_autofree char *req = write_request (name, json);
  g_autofree char *base = g_strdup_printf ("%s-%s-%s.pdf", name, date, patient ? "patient" : "summary");
  g_autofree char *pdf = g_build_filename (tmpdir, base, NULL);
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", req, "--date", date, patient ? "--patient-pdf" : "--pdf", pdf),
                             NULL, NULL, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  if (pdf_out != NULL)
    *pdf_out = g_strdup (pdf);
  return summary_test_pdf_text (pdf);
}

static void
assert_has (const char *text,
            const char *phrase)
{
  if (!summary_test_contains (text, phrase))
    g_error ("PDF text lacks “%s”:\n%s", phrase, text);
}

static void
assert_lacks (const char *text,
              const char *phrase)
{
  if (summary_test_contains (text, phrase))
    g_error ("PDF text has “%s” but should not:\n%s", phrase, text);
}

static void
test_summary_per_outcome (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(MskDecision) decision = summary_test_decide (c->json, "2026-11-27");
  MskPolicy *policy = msk_decision_get_policy (decision);
  g_autofree char *pdf = NULL;
  g_autofree char *text = cli_pdf (c->name, c->json, "2026-11-27", FALSE, &pdf);
  g_autofree char *short_hash = g_strndup (msk_policy_get_sha256 (policy), 12);
  g_autofree char *version = g_strdup_printf ("version %s", msk_policy_get_version (policy));
  g_autofree char *effective_date = msk_format_date_uk (msk_policy_get_effective (policy));
  g_autofree char *review_date = msk_format_date_uk (msk_policy_get_review (policy));
  g_autofree char *effective = g_strdup_printf ("effective %s", effective_date);
  g_autofree char *review = g_strdup_printf ("review %s", review_date);
  const MskRequest *request = msk_decision_get_request (decision);

  if (text == NULL)
    return;
  g_assert_cmpstr (msk_decision_get_outcome (decision)->id, ==, c->outcome);

  assert_has (text, "MSK MRI decision summary");
  assert_has (text, "27/11/2026");
  assert_has (text, msk_decision_get_headline (decision));
  /* Stated once, in the headline's words (the copy for notes does the same). */
  if (g_strcmp0 (msk_decision_get_outcome (decision)->label, msk_decision_get_headline (decision)) != 0)
    assert_lacks (text, msk_decision_get_outcome (decision)->label);
  if (msk_decision_get_urgency (decision) != NULL)
    assert_has (text, msk_decision_get_urgency (decision)->label);
  if (msk_decision_get_verdict (decision) != NULL)
    assert_has (text, msk_decision_get_verdict (decision)->label);
  if (msk_decision_get_missing (decision) != NULL)
    assert_has (text, msk_decision_get_missing (decision));
  assert_has (text, msk_request_get_requester (request)->label);
  if (msk_request_get_borough (request) != NULL)
    assert_has (text, msk_request_get_borough (request)->label);
  if (msk_request_get_region (request) != NULL)
    assert_has (text, msk_request_get_region (request)->label);
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      const MskConcern *concern = msk_policy_get_concern (policy, i);
      if (msk_request_has_concern (request, concern))
        assert_has (text, concern->label);
    }
  /* The signs ticked are named with the request, as in the copy for the
   * notes (GP review: the printed header named the concern only). */
  {
    guint n_signs = 0;

    for (guint i = 0; i < msk_policy_get_n_signs (policy); i++)
      {
        const MskSign *sign = msk_policy_get_sign (policy, i);
        g_autofree char *line = g_strdup_printf ("Emergency signs %s", sign->label);

        if (msk_request_has_sign (request, sign))
          {
            assert_has (text, line);
            n_signs++;
          }
      }
    if (n_signs == 0)
      assert_lacks (text, "Emergency signs");
  }

  /* The actions in order, each with its text and why. */
  {
    const char *at = text;
    g_autofree char *squashed = summary_test_squash (text);

    at = squashed;
    for (guint i = 0; i < msk_decision_get_n_actions (decision); i++)
      {
        const MskAction *a = msk_decision_get_action (decision, i);
        g_autofree char *numbered = g_strdup_printf ("%u. %s", i + 1, a->pathway->title);
        const char *found = strstr (at, numbered);

        if (found == NULL)
          g_error ("action “%s” missing or out of order:\n%s", numbered, text);
        at = found;
        assert_has (text, a->pathway->text);
        assert_has (text, a->why);
        {
          g_autofree char *urgency = msk_action_describe_urgency (a);
          assert_has (text, urgency);
        }
        if (a->pathway->resource != NULL && a->pathway->resource->url_added)
          assert_has (text, "link added by this app — not in the policy");
      }
  }
  for (guint i = 0; i < msk_decision_get_n_rationale (decision); i++)
    assert_has (text, msk_decision_get_rationale (decision, i)->text);
  if (msk_decision_get_service (decision) != NULL)
    {
      const MskService *svc = msk_decision_get_service (decision);
      assert_has (text, svc->referral);
      if (!svc->details_known)
        assert_has (text, msk_policy_get_services_note (policy));
    }

  /* The stamp: id, version, dates in UK form, short hash; the disclaimer.
   * All from the bundled policy, so a new version changes no line here. */
  assert_has (text, msk_policy_get_id (policy));
  assert_has (text, version);
  assert_has (text, effective);
  assert_has (text, review);
  assert_has (text, short_hash);
  assert_has (text, msk_policy_get_disclaimer (policy));
  assert_has (text, "Patient label");
  assert_has (text, "Page 1 of 1");
  assert_lacks (text, "passed its review date");
  g_assert_cmpuint (summary_test_pdf_pages (pdf), ==, 1);
}

static void
test_review_warning (void)
{
  const char *json = cases[3].json;
  /* The bundled policy's review date, the day after, and two years on. */
  g_autofree char *review = msk_test_bundled_date_iso ("review", 0);
  g_autofree char *day_after = msk_test_bundled_date_iso ("review", 1);
  g_autofree char *years_after = msk_test_bundled_date_iso ("review", 776);
  g_autoptr(MskDecision) late = summary_test_decide (json, day_after);
  g_autofree char *before = cli_pdf ("review", json, review, FALSE, NULL);
  g_autofree char *after = cli_pdf ("review", json, day_after, FALSE, NULL);
  g_autofree char *well_after = cli_pdf ("review", json, years_after, FALSE, NULL);

  if (before == NULL)
    return;
  g_assert_true (msk_decision_is_past_review (late));
  g_assert_cmpuint (msk_decision_get_n_warnings (late), >=, 1);
  assert_has (after, msk_decision_get_warning (late, 0));
  assert_has (after, "Warning");
  assert_has (well_after, msk_decision_get_warning (late, 0));
  assert_lacks (before, msk_decision_get_warning (late, 0));
}

static void
test_overflow (void)
{
  g_autoptr(GString) json = g_string_new ("{\"requester\": \"fcp\", \"fcp_governance\": true, "
                                          "\"region\": \"cervical_spine\", \"borough\": \"havering\", "
                                          "\"concerns\": [\"suspected_ces\", \"oncology_patient\", "
                                          "\"suspected_cancer\", \"suspected_sarcoma\", \"urgent_msk\"], "
                                          "\"notes\": \"");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stamp = msk_test_resolve_shown_dates ("review {review}");

  /* Characters that would be markup if the note were not printed literally. */
  g_string_append (json, "Start <b>bold?</b> & AT&T; ");
  /* Near the note limit: even the smallest type does not fit it on one page. */
  for (guint i = 0; i < 36; i++)
    g_string_append_printf (json, "Sentence %u of a long clinical note about the pain.\\n", i);
  g_string_append (json, "End of note.\"}");

  text = cli_pdf ("overflow", json->str, "2026-11-27", FALSE, &pdf);
  if (text == NULL)
    return;
  g_assert_cmpuint (summary_test_pdf_pages (pdf), ==, 2);
  assert_has (text, "Page 1 of 2");
  assert_has (text, "Page 2 of 2");
  assert_has (text, "(continued)");
  assert_has (text, "Clinical note");
  assert_has (text, "Start <b>bold?</b> & AT&T;");
  assert_has (text, "Sentence 19 of a long clinical note");
  assert_has (text, "End of note.");
  /* The stamp still closes the document. */
  assert_has (text, stamp);
}

/* No sheet for an incomplete decision: the command fails whole (exit 2, one
 * line naming why) and leaves no file behind. */
static void
test_patient_sheet_refused (void)
{
  g_autofree char *req = write_request ("refused", "{\"requester\": \"gp\", \"concerns\": []}");
  g_autofree char *pdf = g_build_filename (tmpdir, "refused-patient.pdf", NULL);
  g_autofree char *summary = g_build_filename (tmpdir, "refused-summary.pdf", NULL);
  g_autofree char *err = NULL;
  int status;

  status = msk_test_run_cli (ARGS ("--evaluate", req, "--pdf", summary, "--patient-pdf", pdf), NULL, NULL, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "no patient sheet for an incomplete decision"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));
}

static const MskSafetyNet *
find_net (MskPolicy  *policy,
          const char *id)
{
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);

  for (guint i = 0; i < sheet->n_safety_nets; i++)
    if (strcmp (sheet->safety_nets[i].id, id) == 0)
      return &sheet->safety_nets[i];
  g_error ("no safety net %s", id);
}

/* The "get help straight away" box fits the patient (PRODUCT.md): cauda
 * equina signs for a back, cord compression signs under oncology care,
 * hot-joint signs for an urgent MSK problem, and a knee referral is not
 * told about cauda equina. */
static void
test_safety_nets_fit (void)
{
  static const struct { const char *json; const char *has[3]; const char *lacks[3]; } want[] = {
    { "{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", \"concerns\": []}",
      { NULL }, { "cauda_equina", "spinal_cord", "hot_joint" } },
    { "{\"requester\": \"gp\", \"region\": \"lumbar_spine\", \"borough\": \"newham\", \"concerns\": []}",
      { "cauda_equina", NULL }, { "spinal_cord", "hot_joint", NULL } },
    { "{\"requester\": \"gp\", \"concerns\": [\"suspected_ces\"]}",
      { "cauda_equina", NULL }, { "spinal_cord", "hot_joint", NULL } },
    { "{\"requester\": \"gp\", \"region\": \"hip\", \"concerns\": [\"oncology_patient\"]}",
      { "spinal_cord", NULL }, { "cauda_equina", "hot_joint", NULL } },
    { "{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": [\"urgent_msk\"], \"emergency_signs\": [\"septic_joint\"]}",
      { "hot_joint", NULL }, { "cauda_equina", "spinal_cord", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autoptr(MskDecision) decision = summary_test_decide (want[i].json, "2026-11-27");
      MskPolicy *policy = msk_decision_get_policy (decision);
      g_autofree char *name = g_strdup_printf ("nets-%u", i);
      g_autofree char *text = cli_pdf (name, want[i].json, "2026-11-27", TRUE, NULL);

      for (guint j = 0; j < 3 && want[i].has[j] != NULL; j++)
        {
          const MskSafetyNet *net = find_net (policy, want[i].has[j]);
          assert_has (text, net->intro);
          assert_has (text, net->signs[0]);
          assert_has (text, net->source);
        }
      for (guint j = 0; j < 3 && want[i].lacks[j] != NULL; j++)
        assert_lacks (text, find_net (policy, want[i].lacks[j])->intro);
    }
}

/* Every safety net sits under the sheet's "Get help straight away": its own
 * words must not give the patient longer ("the same day" read as "some time
 * today" at six in the evening). The hot-joint source says A&E
 * "immediately"; the CES pathway is an emergency. Found in a GP review. */
static void
test_safety_nets_say_straight_away (void)
{
  g_autoptr(MskPolicy) policy = summary_test_policy ();
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);

  g_assert_nonnull (strstr (sheet->urgent_heading, "straight away"));
  g_assert_cmpuint (sheet->n_safety_nets, >, 0);
  for (guint i = 0; i < sheet->n_safety_nets; i++)
    {
      const MskSafetyNet *net = &sheet->safety_nets[i];

      g_test_message ("safety net %s: %s", net->id, net->intro);
      g_assert_nonnull (strstr (net->intro, "straight away"));
      g_assert_null (strstr (net->intro, "same day"));
    }
  /* Nor the emergency's "What happens next" just above the box: "today"
   * alone was the same reading (clinical review). */
  {
    const MskOutcome *emergency = NULL;

    for (guint i = 0; i < msk_policy_get_n_outcomes (policy); i++)
      if (g_strcmp0 (msk_policy_get_outcome (policy, i)->kind, "emergency") == 0)
        emergency = msk_policy_get_outcome (policy, i);
    g_assert_nonnull (emergency);
    g_assert_nonnull (strstr (msk_policy_get_patient_next (policy, emergency), "urgently"));
  }
}

static void
test_patient_sheet (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(MskDecision) decision = summary_test_decide (c->json, "2026-11-27");
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);
  const char *next = msk_policy_get_patient_next (policy, msk_decision_get_outcome (decision));
  const MskRequest *request = msk_decision_get_request (decision);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  const MskUrgency *urgency = msk_decision_get_urgency (decision);

  if (msk_decision_is_incomplete (decision))
    return;  /* refused: see test_patient_sheet_refused */
  text = cli_pdf (c->name, c->json, "2026-11-27", TRUE, &pdf);

  if (text == NULL)
    return;
  assert_has (text, sheet->title);
  assert_has (text, sheet->intro);
  if (next != NULL)
    {
      assert_has (text, sheet->next_heading);
      assert_has (text, next);
    }
  /* Each safety net the decision calls for is printed whole, with its
   * source; the others are not there at all. */
  for (guint i = 0; i < sheet->n_safety_nets; i++)
    {
      const MskSafetyNet *net = &sheet->safety_nets[i];
      gboolean fits = FALSE;

      for (guint j = 0; j < msk_decision_get_n_safety_nets (decision); j++)
        fits |= msk_decision_get_safety_net (decision, j) == net;
      if (!fits)
        {
          assert_lacks (text, net->intro);
          continue;
        }
      assert_has (text, sheet->urgent_heading);
      assert_has (text, net->intro);
      for (guint j = 0; net->signs[j] != NULL; j++)
        assert_has (text, net->signs[j]);
      assert_has (text, net->source);
    }

  /* "Why a scan is unlikely to help" is only for a routine route that
   * advises against MRI: not for red flags, not where an FCP may scan. */
  if (urgency != NULL && g_strcmp0 (urgency->id, "routine") == 0 &&
      g_strcmp0 (msk_decision_get_verdict (decision)->id, "not_recommended") == 0)
    {
      assert_has (text, sheet->why_heading);
      for (guint i = 0; sheet->why[i] != NULL; i++)
        assert_has (text, sheet->why[i]);
    }
  else
    assert_lacks (text, sheet->why_heading);

  /* No promise nobody made (PRODUCT.md, "Patient sheet"). */
  assert_lacks (text, "will contact you");
  assert_lacks (text, "agree a plan");
  assert_lacks (text, "will talk it through");

  /* Nothing clinical about the patient: it may be handed over as is. */
  if (msk_request_get_borough (request) != NULL)
    assert_lacks (text, msk_request_get_borough (request)->label);
  assert_lacks (text, "Patient label");
  g_assert_cmpuint (summary_test_pdf_pages (pdf), ==, 1);
}

static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_metadata (void)
{
  const char *json = "{\"requester\": \"gp\", \"region\": \"knee\", \"borough\": \"newham\", "
                     "\"concerns\": [], \"notes\": \"Zebrafinch-private\"}";
  g_autofree char *pdf = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *text = cli_pdf ("meta", json, "2026-11-27", FALSE, &pdf);
  g_autofree char *ptext = cli_pdf ("meta", json, "2026-11-27", TRUE, &patient);
  g_autofree char *info = NULL;
  g_autofree char *pinfo = NULL;
  g_autofree char *raw = NULL;
  gsize len;

  if (text == NULL)
    return;
  info = summary_test_pdf_info (pdf);
  pinfo = summary_test_pdf_info (patient);
  g_assert_nonnull (strstr (info, "Title:"));
  g_assert_nonnull (strstr (info, "MSK MRI decision summary"));
  g_assert_nonnull (strstr (info, "Creator:"));
  g_assert_nonnull (strstr (info, "MSK MRI Advisor"));
  g_assert_nonnull (strstr (pinfo, "MSK MRI Advisor"));
  g_assert_null (strstr (info, "Newham"));
  g_assert_null (strstr (info, "Zebrafinch"));
  g_assert_null (strstr (info, "Knee"));
  g_assert_nonnull (strstr (info, "A4"));
  /* The note is on the clinician's copy, never on the patient's. */
  assert_has (text, "Zebrafinch-private");
  assert_lacks (ptext, "Zebrafinch");
  /* Nor in the raw file outside the page text (e.g. an outline). */
  g_file_get_contents (pdf, &raw, &len, NULL);
  g_assert_false (bytes_contain (raw, len, "Newham"));
}

static void
test_letter_and_any_surface (void)
{
  g_autoptr(MskDecision) decision = summary_test_decide (cases[3].json, "2026-11-27");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MskSummary) summary = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "letter.pdf", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 27, 14, 5, 0);
  cairo_surface_t *surface;
  cairo_t *cr;

  bytes = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, when,
                              MSK_SUMMARY_LETTER_WIDTH, MSK_SUMMARY_LETTER_HEIGHT, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  info = summary_test_pdf_info (path);
  if (info != NULL)
    {
      g_autofree char *text = summary_test_pdf_text (path);

      g_assert_nonnull (strstr (info, "612 x 792"));
      /* With a time given, the stamp carries it. */
      assert_has (text, "27/11/2026 14:05");
      assert_has (text, "Page 1 of 1");
    }

  /* The same layout on a raster surface, as a print preview would draw it. */
  summary = msk_summary_new (decision, MSK_SUMMARY_DECISION, NULL,
                             MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT);
  g_assert_cmpuint (msk_summary_get_n_pages (summary), ==, 1);
  g_assert_cmpstr (msk_summary_get_title (summary), ==, "MSK MRI decision summary");
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  msk_summary_render_page (summary, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  {
    /* Something was drawn: some pixels are not white. */
    const guint8 *px = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    guint dark = 0;

    for (int y = 0; y < 421; y++)
      for (int x = 0; x < 298; x++)
        dark += (px[y * stride + 4 * x] < 128);
    g_assert_cmpuint (dark, >, 1000);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_small_and_odd_pages (void)
{
  const char *json = "{\"requester\": \"gp\", \"region\": \"knee\", \"concerns\": "
                     "[\"suspected_ces\", \"oncology_patient\", \"suspected_cancer\", "
                     "\"suspected_sarcoma\", \"urgent_msk\"]}";
  g_autoptr(MskDecision) decision = summary_test_decide (json, "2026-11-27");
  /* A5 and a very short page: the document still paginates, every page is
   * drawable, nothing is lost to a loop that never ends. */
  const double sizes[][2] = { { 420, 595 }, { 595, 200 }, { 72, 72 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int kind = MSK_SUMMARY_DECISION; kind <= MSK_SUMMARY_PATIENT_SHEET; kind++)
      {
        g_autoptr(MskSummary) s = msk_summary_new (decision, kind, NULL, sizes[i][0], sizes[i][1]);
        cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create (surface);

        g_assert_cmpuint (msk_summary_get_n_pages (s), >=, 1);
        g_assert_cmpuint (msk_summary_get_n_pages (s), <, 200);
        for (guint p = 0; p < msk_summary_get_n_pages (s); p++)
          msk_summary_render_page (s, cr, p);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

/* A maintainer's policy may hold '<', '&' or what looks like Pango markup;
 * the printout shows it as written and never interprets it. */
static void
test_policy_text_is_literal (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(MskDecision) decision = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *pathway;
  JsonArray *pathways;
  gsize len;
  GDate today;

  g_file_get_contents (g_getenv ("MSK_BUNDLED_POLICY"), &json, &len, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, json, (gssize) len, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "disclaimer", "Support <b>only</b> & <span size='99999'>never</span> judgement");
  pathways = json_object_get_array_member (root, "pathways");
  for (guint i = 0; i < json_array_get_length (pathways); i++)
    {
      pathway = json_array_get_object_element (pathways, i);
      if (g_strcmp0 (json_object_get_string_member (pathway, "id"), "community_msk") == 0)
        json_object_set_string_member (pathway, "title", "Refer <i>now</i> &amp; then &lt;here&gt;");
    }
  json_object_set_string_member (json_object_get_object_member (root, "patient_sheet"), "title",
                                 "Your <u>scan</u> & you");
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_free (json);
  json = json_generator_to_data (gen, &len);
  bytes = g_bytes_new (json, len);
  policy = msk_policy_new_from_bytes (bytes, "markup-test", &error);
  g_assert_no_error (error);

  request = msk_request_new (policy);
  msk_request_set_requester (request, msk_policy_find_requester (policy, "gp"));
  msk_request_set_region (request, msk_policy_find_region (policy, "knee"));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  decision = msk_evaluate (policy, request, &today);

  for (int kind = MSK_SUMMARY_DECISION; kind <= MSK_SUMMARY_PATIENT_SHEET; kind++)
    {
      g_autoptr(GBytes) pdf = msk_summary_to_pdf (decision, kind, NULL, MSK_SUMMARY_A4_WIDTH,
                                                  MSK_SUMMARY_A4_HEIGHT, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_free (path);
      path = g_build_filename (tmpdir, kind == MSK_SUMMARY_DECISION ? "markup.pdf" : "markup-p.pdf", NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
      g_assert_no_error (error);
      text = summary_test_pdf_text (path);
      if (text == NULL)
        return;
      if (kind == MSK_SUMMARY_DECISION)
        {
          assert_has (text, "Support <b>only</b> & <span size='99999'>never</span> judgement");
          assert_has (text, "Refer <i>now</i> &amp; then &lt;here&gt;");
        }
      else
        assert_has (text, "Your <u>scan</u> & you");
    }
}

/* The same request on the same date gives the same bytes: an audit can
 * compare a filed PDF with a fresh one. */
static void
test_reproducible (void)
{
  g_autoptr(MskDecision) decision = summary_test_decide (cases[1].json, "2026-11-27");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL,
                                            MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT, &error);
  g_autoptr(GBytes) b = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL,
                                            MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT, &error);
  g_autofree char *pdf1 = NULL;
  g_autofree char *pdf2 = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  gsize l1, l2;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  g_free (cli_pdf ("repro-a", cases[1].json, "2026-11-27", FALSE, &pdf1));
  g_free (cli_pdf ("repro-b", cases[1].json, "2026-11-27", FALSE, &pdf2));
  g_file_get_contents (pdf1, &c1, &l1, &error);
  g_assert_no_error (error);
  g_file_get_contents (pdf2, &c2, &l2, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (c1, l1, c2, l2);
}

/* Without a clinical note, every combination of red flags, with and without
 * their emergency signs, fits one page on every kind of region, even with a
 * review warning (the busiest summaries). */
static void
test_one_page_without_note (void)
{
  g_autoptr(MskPolicy) policy = summary_test_policy ();
  g_autoptr(GDate) late = g_date_new_dmy (1, 1, 2030);

  summary_test_foreach_request (policy, late, summary_test_check_one_page, NULL);
}

/* The summary as a file, the way the command line writes one: bytes made
 * in memory, then written whole or not at all, readable by the owner only. */
static gboolean
write_pdf (const MskDecision  *decision,
           const char         *path,
           GError            **error)
{
  g_autoptr(GBytes) pdf = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL, MSK_SUMMARY_A4_WIDTH,
                                              MSK_SUMMARY_A4_HEIGHT, error);

  return pdf != NULL &&
         msk_write_file_atomic (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, error);
}

static void
test_write_error (void)
{
  g_autoptr(MskDecision) decision = summary_test_decide (cases[0].json, "2026-11-27");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "no-such-dir", "out.pdf", NULL);
  g_autofree char *req = write_request ("err", cases[0].json);
  g_autofree char *err = NULL;
  int status;

  g_assert_false (write_pdf (decision, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  status = msk_test_run_cli (ARGS ("--evaluate", req, "--pdf", path), NULL, NULL, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "out.pdf"));
}

static void
test_render_time (void)
{
  g_autoptr(MskDecision) decision = summary_test_decide (cases[3].json, "2026-11-27");
  g_autofree char *path = g_build_filename (tmpdir, "timed.pdf", NULL);
  gint64 start, first, total;
  const guint n = 20;

  /* Reported, not asserted: timing depends on the machine. */
  start = g_get_monotonic_time ();
  g_assert_true (write_pdf (decision, path, NULL));
  first = g_get_monotonic_time () - start;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_assert_true (write_pdf (decision, path, NULL));
  total = g_get_monotonic_time () - start;
  g_test_message ("summary PDF: first %.1f ms, then %.1f ms each over %u runs",
                  first / 1000.0, total / 1000.0 / n, n);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("msk-summary-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = g_strdup_printf ("/summary/pdf/outcome/%s", cases[i].name);
      g_autofree char *b = g_strdup_printf ("/summary/pdf/patient-sheet/%s", cases[i].name);

      g_test_add_data_func (a, &cases[i], test_summary_per_outcome);
      g_test_add_data_func (b, &cases[i], test_patient_sheet);
    }
  g_test_add_func ("/summary/pdf/patient-sheet-refused-when-incomplete", test_patient_sheet_refused);
  g_test_add_func ("/summary/pdf/safety-nets-fit-the-patient", test_safety_nets_fit);
  g_test_add_func ("/summary/pdf/safety-nets-say-straight-away", test_safety_nets_say_straight_away);
  g_test_add_func ("/summary/pdf/review-warning", test_review_warning);
  g_test_add_func ("/summary/pdf/overflow", test_overflow);
  g_test_add_func ("/summary/pdf/metadata", test_metadata);
  g_test_add_func ("/summary/pdf/letter-and-any-surface", test_letter_and_any_surface);
  g_test_add_func ("/summary/pdf/small-and-odd-pages", test_small_and_odd_pages);
  g_test_add_func ("/summary/pdf/write-error", test_write_error);
  g_test_add_func ("/summary/pdf/one-page-without-note", test_one_page_without_note);
  g_test_add_func ("/summary/pdf/reproducible", test_reproducible);
  g_test_add_func ("/summary/pdf/policy-text-is-literal", test_policy_text_is_literal);
  g_test_add_func ("/summary/pdf/render-time", test_render_time);

  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);
        g_remove (p);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
