/* test-hostile.c — every hostile input is refused cleanly, by the library and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus is the files under request/ and policy/, each with the start of
 * the reason it must be refused with in expected.txt, plus inputs too big to
 * commit, made at test time (most by editing one value of the bundled
 * policy, found by its path, so they follow it whatever its layout). Each input goes to the library and to the real command
 * line, and the two must agree:
 *
 *   request  msk_request_new_from_json() fails with one clean line, and
 *            `--evaluate FILE` and `--evaluate -` exit 2 printing that line;
 *   policy   msk_policy_new_from_bytes() fails listing exactly the problems
 *            msk_policy_check_bytes() lists, one clean "$..." line each;
 *            `--validate-policy FILE` exits 2 with "FILE: N problems" and
 *            those lines; `--policy FILE --evaluate R` exits 2 with them.
 *
 * Some policies made here are valid but
 * shaped to stress the engine: they must load and decide every request without a
 * crash, with each warning once.
 *
 * Each case runs in a subprocess so a crash fails that case, not the run.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "hostile-util.h"
#include "msk-core-resources.h"
#include "msk-decision.h"
#include "msk-decision-text.h"
#include "msk-test-util.h"

#define BUNDLED_RESOURCE "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json"

typedef enum {
  KIND_REQUEST,        /* must be refused */
  KIND_POLICY,         /* must be refused */
  KIND_VALID_REQUEST,  /* must be accepted */
  KIND_VALID_POLICY,   /* must load and decide */
} Kind;

typedef struct _Case Case;
/* Makes a generated input; returns it (transfer full). */
typedef GBytes *(*MakeFunc) (const Case *c);

struct _Case {
  Kind        kind;
  char       *name;
  char       *file;    /* a committed file, or NULL for a made one */
  char       *expect;  /* start of the reason (a glob); for a valid policy, text its decisions must print */
  MakeFunc    make;
  const char *find;    /* for edits of the bundled policy: the path of the value edited */
  const char *replace; /* its raw JSON text ("%s": the value as it was), or what make_* adds */
};

static void
case_free (Case *c)
{
  g_free (c->name);
  g_free (c->file);
  g_free (c->expect);
  g_free (c);
}

/* ---- made inputs ---- */

static GBytes *
bundled_bytes (void)
{
  GBytes *bytes = g_resource_lookup_data (msk_core_get_resource (), BUNDLED_RESOURCE, 0, NULL);

  g_assert_nonnull (bytes);
  return bytes;
}

static GBytes *
string_to_bytes (GString *s)
{
  gsize len = s->len;
  return g_bytes_new_take (g_string_free (s, FALSE), len);
}

/* The bundled policy with the value at the path c->find written as the
 * raw JSON text c->replace (msk_test_edit_text). */
static GBytes *
make_edit (const Case *c)
{
  return msk_test_edit_text (c->find, c->replace);
}

/* c->replace followed by the bundled text. */
static GBytes *
make_prepend (const Case *c)
{
  g_autoptr(GBytes) bundled = bundled_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bundled, &len);
  GString *s = g_string_new (c->replace);

  g_string_append_len (s, data, len);
  return string_to_bytes (s);
}

static GBytes *
policy_bytes (JsonNode *root)
{
  char *text = msk_test_to_json (root);

  return g_bytes_new_take (text, strlen (text));
}

/* The bundled text followed by c->replace. */
static GBytes *
make_append (const Case *c)
{
  g_autoptr(GBytes) bundled = bundled_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bundled, &len);
  GString *s = g_string_new_len (data, len);

  g_string_append (s, c->replace);
  return string_to_bytes (s);
}

/* Two pathways that need a borough, so one request can fire both: with no
 * borough and past the review date that made three warnings for a
 * two-warning array (fixed in 95cb9e6; this keeps it fixed). */
static GBytes *
make_policy_two_borough_routes (const Case *c)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);

  msk_test_edit (root, "pathways/[id=cancer_referral]/needs_borough", yes);
  msk_test_edit (root, "pathways/[id=urgent_msk_pathways]/needs_borough", yes);
  return policy_bytes (root);
}

/* Pads JSON text with trailing spaces to `size` bytes: still the same JSON. */
static GBytes *
pad_to (const char *data,
        gsize       len,
        gsize       size)
{
  GString *s = g_string_new_len (data, len);

  g_assert_cmpuint (len, <=, size);
  while (s->len < size)
    g_string_append_c (s, ' ');
  return string_to_bytes (s);
}

static GBytes *
make_policy_at_limit (const Case *c)
{
  g_autoptr(GBytes) bundled = bundled_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bundled, &len);

  return pad_to (data, len, MSK_POLICY_MAX_BYTES);
}

static GBytes *
make_policy_over_limit (const Case *c)
{
  g_autoptr(GBytes) bundled = bundled_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bundled, &len);

  return pad_to (data, len, MSK_POLICY_MAX_BYTES + 1);
}

/* The bundled policy with a "_junk" comment member first, on line 2: 100 000
 * keys in one object (plus c->replace inside it) or, with c->find set to
 * "array", an array of 300 000 numbers. */
static GBytes *
make_policy_junk (const Case *c)
{
  g_autoptr(GBytes) bundled = bundled_bytes ();
  gsize len;
  const char *data = g_bytes_get_data (bundled, &len);
  GString *s = g_string_new ("{\n\"_junk\": ");

  g_assert_true (len > 2 && data[0] == '{' && data[1] == '\n');
  if (g_strcmp0 (c->find, "array") == 0)
    {
      g_string_append_c (s, '[');
      for (guint i = 0; i < 300000; i++)
        g_string_append (s, i ? ",0" : "0");
      g_string_append_c (s, ']');
    }
  else
    {
      g_string_append_c (s, '{');
      for (guint i = 0; i < 100000; i++)
        g_string_append_printf (s, "%s\"k%u\":0", i ? "," : "", i);
      g_string_append (s, c->replace);
      g_string_append_c (s, '}');
    }
  g_string_append (s, ",");
  g_string_append_len (s, data + 1, len - 1);
  return string_to_bytes (s);
}

/* 40 extra items at the head of the list c->find of the bundled policy. */
static GBytes *
make_policy_forty (const Case *c)
{
  g_autoptr(JsonNode) root = msk_test_bundled_json ();
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonNode) list = json_node_init_array (json_node_alloc (), items);
  JsonArray *was = json_node_get_array (msk_test_lookup (root, c->find));

  for (guint i = 0; i < 40; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *id = g_strdup_printf ("extra%u", i);
      g_autofree char *label = g_strdup_printf ("Extra %u", i);

      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, "label", label);
      json_array_add_object_element (json_node_get_array (list), item);
    }
  for (guint i = 0; i < json_array_get_length (was); i++)
    json_array_add_element (json_node_get_array (list), json_node_copy (json_array_get_element (was, i)));
  msk_test_edit (root, c->find, list);
  return policy_bytes (root);
}

static GBytes *
make_request_over_limit (const Case *c)
{
  static const char ok[] = "{\"requester\":\"gp\",\"concerns\":[]}";
  return pad_to (ok, strlen (ok), MSK_REQUEST_MAX_BYTES + 1);
}

static GBytes *
make_request_at_limit (const Case *c)
{
  static const char ok[] = "{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[]}";
  return pad_to (ok, strlen (ok), MSK_REQUEST_MAX_BYTES);
}

/* 6000 keys in the request object, and c->replace after them. */
static GBytes *
make_request_many_keys (const Case *c)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (s, "\"k%u\":0,", i);
  g_string_append (s, c->replace);
  g_string_append (s, "\"requester\":\"gp\",\"concerns\":[]}");
  g_assert_cmpuint (s->len, <=, MSK_REQUEST_MAX_BYTES);
  return string_to_bytes (s);
}

/* ---- issue #11: long texts and notes ---- */

/* The bundled policy with the value at c->find written as c->replace, its
 * "%s" being `n` copies of `unit`. */
static GBytes *
make_repeat_edit (const Case *c,
                  const char *unit,
                  guint       n)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) replace = g_string_new (c->replace);
  Case edit = *c;

  for (guint i = 0; i < n; i++)
    g_string_append (run, unit);
  g_assert_cmpuint (g_string_replace (replace, "%s", run->str, 1), ==, 1);
  edit.replace = replace->str;
  return make_edit (&edit);
}

/* One word of 15,750 characters as the policy's title: it made the window
 * 45,152 pixels wide and the PDF 23 pages. */
static GBytes *
make_policy_long_word_title (const Case *c)
{
  return make_repeat_edit (c, "W", 15750);
}

/* A 147-character label (spaces in it): pushed the decision pane off a
 * 1,280-pixel screen. */
static GBytes *
make_policy_label_147 (const Case *c)
{
  return make_repeat_edit (c, "Abcdefg ", 18);  /* 144 + "GP" + space = 147 */
}

/* A paragraph with one 65-character word. */
static GBytes *
make_policy_text_long_word (const Case *c)
{
  return make_repeat_edit (c, "x", 65);
}

static GBytes *
make_policy_text_4001 (const Case *c)
{
  return make_repeat_edit (c, "word ", 800);
}

/* A request whose note is `n` copies of `unit` (JSON text). */
static GBytes *
request_with_note (const char *unit,
                   guint       n)
{
  GString *s = g_string_new ("{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[],\"notes\":\"");

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append (s, "\"}");
  return string_to_bytes (s);
}

/* 2,000 emoji are 2,000 characters: within the note limit, whatever their
 * bytes (8,000 raw, 24,000 written as surrogate escapes). */
static GBytes *
make_request_emoji_escaped (const Case *c)
{
  return request_with_note ("\\ud83d\\ude00", 2000);
}

static GBytes *
make_request_emoji_raw (const Case *c)
{
  return request_with_note ("\xf0\x9f\x98\x80", 2000);
}

static GBytes *
make_request_emoji_2001 (const Case *c)
{
  return request_with_note ("\\ud83d\\ude00", 2001);
}

/* Accepted, and kept to MSK_TEXT_NOTE_MAX_LINES lines (see test-hostile-output). */
static GBytes *
make_request_newlines (const Case *c)
{
  return request_with_note (c->find, 2000);
}

/* ---- the cases ---- */

static GPtrArray *cases;

static GBytes *
case_bytes (const Case *c)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  if (c->make != NULL)
    return c->make (c);
  g_file_get_contents (c->file, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The case's input as a file the CLI can read. */
static char *
case_path (const Case *c,
           GBytes     *bytes)
{
  g_autofree char *base = NULL;

  if (c->file != NULL)
    return g_strdup (c->file);
  base = g_path_get_basename (c->name);
  return hostile_write_file (g_get_user_cache_dir (), base,
                             g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
write_request (const char *name,
               const char *json)
{
  return hostile_write_file (g_get_user_cache_dir (), name, json, -1);
}

static gboolean
matches_start (const char *expect,
               const char *text)
{
  g_autofree char *pattern = g_strconcat (expect, "*", NULL);
  return g_pattern_match_simple (pattern, text);
}

static void
check_has_expectation (const Case *c)
{
  if (c->expect == NULL)
    g_error ("%s has no line in expected.txt: say what it must be refused with", c->name);
}

static void
run_request_refused (const Case *c)
{
  g_autoptr(GBytes) bytes = case_bytes (c);
  g_autofree char *path = case_path (c, bytes);
  g_autoptr(GError) bundled_error = NULL;
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (&bundled_error);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = NULL;
  g_autofree char *want_err = NULL;
  g_autofree char *want_stdin_err = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_no_error (bundled_error);

  /* The library. */
  request = msk_request_new_from_json (policy, data, len, &error);
  if (request != NULL)
    g_error ("%s: accepted; it must be refused with \"%s…\"", c->name, c->expect);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST);
  if (!hostile_text_is_clean (error->message))
    {
      g_autofree char *esc = g_strescape (error->message, NULL);
      g_error ("%s: the message holds a control character or is not UTF-8: \"%s\"", c->name, esc);
    }
  if (!matches_start (c->expect, error->message))
    g_error ("%s: refused with \"%s\", want a reason starting \"%s\"", c->name, error->message, c->expect);

  /* The command line, from the file and from standard input. */
  /* Past the size limit the reader stops before the parser sees a byte. */
  if (len > MSK_REQUEST_MAX_BYTES)
    want_err = g_strdup_printf ("msk-mri-advisor: request: larger than the limit of %d bytes\n", MSK_REQUEST_MAX_BYTES);
  else
    want_err = g_strdup_printf ("msk-mri-advisor: %s\n", error->message);
  want_stdin_err = g_strdup (want_err);
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--evaluate", path, "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want_err);
  }
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, bytes, NULL, "--evaluate", "-", "--date", "2026-01-01", "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want_stdin_err);
  }
}

static void
run_request_accepted (const Case *c)
{
  g_autoptr(GBytes) bytes = case_bytes (c);
  g_autofree char *path = case_path (c, bytes);
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  request = msk_request_new_from_json (policy, data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--evaluate", path, "--date", "2026-01-01", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, bytes, NULL, "--evaluate", "-", "--date", "2026-01-01", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
run_policy_refused (const Case *c)
{
  g_autoptr(GBytes) bytes = case_bytes (c);
  g_autofree char *path = case_path (c, bytes);
  g_autofree char *ok = write_request ("ok.json", "{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *want = NULL;
  gboolean found = FALSE;

  /* The library: the loader refuses, listing what the validator lists. */
  policy = msk_policy_new_from_bytes (bytes, path, &error);
  if (policy != NULL)
    g_error ("%s: loaded; it must be refused with \"%s…\"", c->name, c->expect);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_POLICY);
  problems = msk_policy_check_bytes (bytes);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = problems->pdata[i];

      if (!hostile_text_is_clean (p) || strchr (p, '\n') != NULL)
        {
          g_autofree char *esc = g_strescape (p, NULL);
          g_error ("%s: problem %u holds a line break, a control character or bad UTF-8: \"%s\"", c->name, i, esc);
        }
      if (p[0] != '$')
        g_error ("%s: problem %u does not start with a JSON path: \"%s\"", c->name, i, p);
      found = found || matches_start (c->expect, p);
      g_string_append_printf (joined, "%s%s", i ? "\n" : "", p);
    }
  g_assert_cmpstr (error->message, ==, joined->str);
  if (!found)
    g_error ("%s: no problem starts \"%s\"; the problems are:\n%s", c->name, c->expect, joined->str);

  /* Past the size limit the command line's reader stops before the
   * validator sees a byte, with its own one problem. */
  if (g_bytes_get_size (bytes) > MSK_POLICY_MAX_BYTES)
    {
      g_string_printf (joined, "$: larger than the limit of %d bytes", MSK_POLICY_MAX_BYTES);
      g_ptr_array_set_size (problems, 1);
    }

  /* --validate-policy: a count line naming the file, then each problem. */
  want = g_strdup_printf ("%s: %u problem%s\n%s\n", path, problems->len, problems->len == 1 ? "" : "s", joined->str);
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--validate-policy", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want);
  }
  /* --policy: a script that names a policy gets it or an error, never a fallback. */
  g_clear_pointer (&want, g_free);
  want = g_strdup_printf ("msk-mri-advisor: --policy %s refused:\n%s\n", path, joined->str);
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--policy", path, "--evaluate", ok, "--date", "2026-01-01", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, want);
  }
}

/* One decision: each warning once, the JSON form holding the same warnings,
 * the text form printing them. */
static void
check_decision (const MskDecision *d)
{
  g_autofree char *json = msk_decision_to_json (d);
  g_autofree char *text = msk_decision_to_text (d, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n = msk_decision_get_n_warnings (d);
  JsonArray *warnings;

  g_assert_cmpuint (n, <=, 2);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_cmpstr (msk_decision_get_warning (d, i), !=, msk_decision_get_warning (d, j));

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  warnings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (json_array_get_string_element (warnings, i), ==, msk_decision_get_warning (d, i));
      g_assert_nonnull (strstr (text, msk_decision_get_warning (d, i)));
    }
}

static void
decide_everything (MskPolicy *policy)
{
  GDate days[2];

  days[0] = *msk_policy_get_effective (policy);
  days[1] = *msk_policy_get_review (policy);
  g_date_add_days (&days[1], 1);

  /* Every requester with every region (and none), each concern alone, none
   * and all of them; without a borough and with the first one. */
  for (guint rq = 0; rq < msk_policy_get_n_requesters (policy); rq++)
    for (guint rg = 0; rg <= msk_policy_get_n_regions (policy); rg++)
      for (guint k = 0; k <= msk_policy_get_n_concerns (policy) + 1; k++)
        for (guint b = 0; b < 2; b++)
          {
            g_autoptr(MskRequest) r = msk_request_new (policy);

            msk_request_set_requester (r, msk_policy_get_requester (policy, rq));
            msk_request_set_fcp_governance (r, TRUE);
            if (rg < msk_policy_get_n_regions (policy))
              msk_request_set_region (r, msk_policy_get_region (policy, rg));
            if (b == 1)
              msk_request_set_borough (r, msk_policy_get_borough (policy, 0));
            for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
              if (k == i + 1 || k == msk_policy_get_n_concerns (policy) + 1)
                msk_request_set_concern (r, msk_policy_get_concern (policy, i), TRUE);

            for (guint d = 0; d < 2; d++)
              {
                g_autoptr(MskDecision) decision = msk_evaluate (policy, r, &days[d]);
                check_decision (decision);
              }
          }
}

static void
run_policy_valid (const Case *c)
{
  static const char * const requests[] = {
    "{\"requester\":\"gp\",\"region\":\"knee\",\"concerns\":[\"suspected_cancer\",\"urgent_msk\"]}",
    "{\"requester\":\"fcp\",\"fcp_governance\":true,\"region\":\"lumbar_spine\",\"concerns\":[]}",
    "{\"requester\":\"other\",\"region\":\"knee\",\"borough\":\"newham\",\"concerns\":[]}",
    "{\"requester\":\"gp\",\"concerns\":[\"suspected_ces\",\"oncology_patient\",\"suspected_cancer\",\"suspected_sarcoma\",\"urgent_msk\"]}",
  };
  static const char * const dates[] = { "2026-01-01", "2030-01-01" };
  g_autoptr(GBytes) bytes = case_bytes (c);
  g_autofree char *path = case_path (c, bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autoptr(GPtrArray) problems = msk_policy_check_bytes (bytes);
  g_autofree char *want = NULL;
  g_autofree char *notice = hostile_policy_notice (path);
  gboolean expect_seen = FALSE;

  g_assert_cmpuint (problems->len, ==, 0);
  policy = msk_policy_new_from_bytes (bytes, path, &error);
  g_assert_no_error (error);
  decide_everything (policy);

  want = g_strdup_printf ("%s: valid\n", path);
  {
    g_auto(HostileRun) run = { 0 };
    hostile_run (&run, NULL, NULL, "--validate-policy", path, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, want));
  }

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
      {
        g_autofree char *name = g_strdup_printf ("request-%u.json", i);
        g_autofree char *req = write_request (name, requests[i]);
        g_auto(HostileRun) json_run = { 0 };
        g_auto(HostileRun) text_run = { 0 };
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) parse_error = NULL;
        JsonArray *warnings;

        hostile_run (&json_run, NULL, NULL, "--policy", path, "--evaluate", req, "--date", dates[d],
                     "--format", "json", NULL);
        g_assert_cmpstr (json_run.err, ==, notice);
        g_assert_cmpint (json_run.status, ==, 0);
        json_parser_load_from_data (parser, json_run.out, -1, &parse_error);
        g_assert_no_error (parse_error);
        warnings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "warnings");
        for (guint a = 0; a < json_array_get_length (warnings); a++)
          for (guint b = a + 1; b < json_array_get_length (warnings); b++)
            g_assert_cmpstr (json_array_get_string_element (warnings, a), !=,
                             json_array_get_string_element (warnings, b));

        hostile_run (&text_run, NULL, NULL, "--policy", path, "--evaluate", req, "--date", dates[d], NULL);
        g_assert_cmpstr (text_run.err, ==, notice);
        g_assert_cmpint (text_run.status, ==, 0);
        expect_seen = expect_seen || (c->expect != NULL && strstr (text_run.out, c->expect) != NULL);
      }
  /* Text from the policy prints as written: markup stays literal. */
  if (c->expect != NULL && !expect_seen)
    g_error ("%s: no decision printed \"%s\" as written", c->name, c->expect);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;

  /* The child runs the case; the parent survives a crash to report it. */
  if (g_test_subprocess ())
    {
      switch (c->kind)
        {
        case KIND_REQUEST:       check_has_expectation (c); run_request_refused (c); break;
        case KIND_VALID_REQUEST: run_request_accepted (c); break;
        case KIND_POLICY:        check_has_expectation (c); run_policy_refused (c); break;
        case KIND_VALID_POLICY:  run_policy_valid (c); break;
        default:                 g_assert_not_reached ();
        }
      return;
    }
  /* A failed case marks itself and the run goes on to the next. */
  g_test_set_nonfatal_assertions ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- the corpus on disk ---- */

static GHashTable *
read_manifest (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "expected.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *expect = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      kv = g_strsplit (lines[i], "\t", 2);
      if (g_strv_length (kv) != 2 || kv[1][0] == '\0')
        g_error ("expected.txt line %u: want FILE<TAB>REASON", i + 1);
      g_hash_table_insert (expect, g_strdup (kv[0]), g_strdup (kv[1]));
    }
  return expect;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_case (Kind        kind,
          const char *name,
          const char *file,
          const char *expect,
          MakeFunc    make,
          const char *find,
          const char *replace)
{
  Case *c = g_new0 (Case, 1);

  c->kind = kind;
  c->name = g_strdup (name);
  c->file = g_strdup (file);
  c->expect = g_strdup (expect);
  c->make = make;
  c->find = find;
  c->replace = replace;
  g_ptr_array_add (cases, c);
}

static void
add_corpus (GHashTable *expect)
{
  static const struct { const char *dir; Kind kind; } dirs[] = {
    { "request", KIND_REQUEST },
    { "policy", KIND_POLICY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, dirs[i].dir, NULL);
      g_autoptr(GDir) d = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      const char *name;

      d = g_dir_open (dir, 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (d)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", dirs[i].dir, (const char *) names->pdata[j]);
          g_autofree char *file = g_build_filename (dir, names->pdata[j], NULL);
          const char *why = g_hash_table_lookup (expect, key);

          /* A file with no line (a fresh fuzz finding) fails its own case. */
          add_case (dirs[i].kind, key, file, why, NULL, NULL, NULL);
          g_hash_table_remove (expect, key);
        }
    }
}

static void
test_manifest (gconstpointer data)
{
  GHashTable *left = (GHashTable *) data;
  g_autoptr(GList) keys = g_hash_table_get_keys (left);

  /* Every line of expected.txt names a file that is there. */
  for (GList *l = keys; l != NULL; l = l->next)
    g_test_message ("expected.txt names %s, which is missing", (const char *) l->data);
  g_assert_cmpuint (g_hash_table_size (left), ==, 0);
}

static void
add_made_cases (void)
{
  /* Requests. */
  add_case (KIND_REQUEST, "made/request-over-limit.json", NULL,
            "request: the file is 65537 bytes; the limit is 65536", make_request_over_limit, NULL, NULL);
  add_case (KIND_VALID_REQUEST, "made/request-at-limit.json", NULL, NULL, make_request_at_limit, NULL, NULL);
  add_case (KIND_REQUEST, "made/request-6000-keys.json", NULL,
            "request: unknown field \"k0\"", make_request_many_keys, NULL, "");
  add_case (KIND_REQUEST, "made/request-6000-keys-duplicate.json", NULL,
            "request: duplicate key \"k17\" (line 1)", make_request_many_keys, NULL, "\"k17\":1,");

  /* Policies: sizes and shapes. */
  add_case (KIND_POLICY, "made/policy-over-limit.json", NULL,
            "$: the file is 4194305 bytes; the limit is 4194304", make_policy_over_limit, NULL, NULL);
  add_case (KIND_VALID_POLICY, "made/policy-at-limit.json", NULL, NULL, make_policy_at_limit, NULL, NULL);
  add_case (KIND_VALID_POLICY, "made/policy-100000-keys.json", NULL, NULL, make_policy_junk, NULL, "");
  add_case (KIND_VALID_POLICY, "made/policy-300000-array.json", NULL, NULL, make_policy_junk, "array", NULL);
  add_case (KIND_POLICY, "made/policy-100000-keys-duplicate.json", NULL,
            "$: duplicate key \"k5\" (line 2)", make_policy_junk, NULL, ",\"k5\":1");
  add_case (KIND_POLICY, "made/policy-40-concerns.json", NULL,
            "$.concerns: at most 31 concerns are supported", make_policy_forty, "concerns", NULL);
  add_case (KIND_POLICY, "made/policy-40-requesters.json", NULL,
            "$.requesters: at most 31 requesters are supported", make_policy_forty, "requesters", NULL);

  /* Policies: one edit each. */
  add_case (KIND_POLICY, "made/policy-date-impossible.json", NULL,
            "$.metadata.effective: \"2025-02-30\" is not a date in the form YYYY-MM-DD",
            make_edit, "metadata/effective", "\"2025-02-30\"");
  add_case (KIND_POLICY, "made/policy-review-first.json", NULL,
            "$.metadata.review: the review date must come after the effective date",
            make_edit, "metadata/review", "\"2024-01-01\"");
  add_case (KIND_POLICY, "made/policy-url-javascript.json", NULL,
            "$.resources[*].url: \"javascript:alert(1)\" is not an https:// address",
            make_edit, "resources/[id=nice_ng59]/url", "\"javascript:alert(1)\"");
  add_case (KIND_POLICY, "made/policy-url-file.json", NULL,
            "$.resources[*].url: \"file:///etc/passwd\" is not an https:// address",
            make_edit, "resources/[id=nice_ng59]/url", "\"file:///etc/passwd\"");
  add_case (KIND_POLICY, "made/policy-route-always.json", NULL,
            "$.routes[0].when: must hold at least one condition",
            make_edit, "routes/[id=ces]/when", "{}");
  add_case (KIND_POLICY, "made/policy-rank-1e999.json", NULL,
            "$.urgencies[0].rank: must be a whole number",
            make_edit, "urgencies/[id=emergency]/rank", "1e999");
  add_case (KIND_POLICY, "made/policy-label-blank.json", NULL,
            "$.regions[7].label: must not be empty",
            make_edit, "regions/[id=knee]/label", "\" \\t\\r\\n \"");
  add_case (KIND_POLICY, "made/policy-id-markup.json", NULL,
            "$.regions[7].id: \"<b>knee</b>\" is not an id",
            make_edit, "regions/[id=knee]/id", "\"<b>%s</b>\"");

  /* Escapes json-glib 1.6 would decode into something else. */
  add_case (KIND_POLICY, "made/policy-id-nul-escape.json", NULL,
            "$: a string holds an escaped NUL (\\u0000)*", make_edit, "regions/[id=knee]/id", "\"%s\\u0000x\"");
  add_case (KIND_POLICY, "made/policy-duplicate-key-escaped.json", NULL,
            "$: duplicate key \"version\"*", make_edit, "metadata/version", "\"%s\", \"\\u0076ersion\": \"9.9\"");
  add_case (KIND_POLICY, "made/policy-second-object.json", NULL,
            "$: not valid JSON: text after the end of the JSON value*", make_append, NULL, "\n{ \"format\": 1 }\n");
  /* Problems quote the file: they must not drive the terminal or forge lines. */
  add_case (KIND_POLICY, "made/policy-id-terminal-escape.json", NULL,
            "$.regions[7].id: ", make_edit, "regions/[id=knee]/id", "\"\\u001b[2J\\u001b]0;pwned\\u0007%s\"");
  add_case (KIND_POLICY, "made/policy-url-newline.json", NULL,
            "$.resources[*].url: ", make_edit, "resources/[id=nice_ng59]/url",
            "\"https://www.nice.org.uk/\\n$.resources[0].url: forged line\"");

  /* A scalar root followed by a value: json-glib parses both and leaks the first. */
  add_case (KIND_POLICY, "made/policy-scalar-then-object.json", NULL,
            "$: not valid JSON: text after the end of the JSON value*", make_prepend, NULL, "1 ");

  /* Valid, shaped to stress the engine. */
  add_case (KIND_VALID_POLICY, "made/policy-two-borough-routes.json", NULL, NULL,
            make_policy_two_borough_routes, NULL, NULL);

  /* Valid, with text that looks like markup: it must print as written. */
  add_case (KIND_VALID_POLICY, "made/policy-markup-labels.json", NULL, "<b>Knee</b> &amp; <i>",
            make_edit, "regions/[id=knee]/label", "\"<b>Knee</b> &amp; <i>\"");

  /* Issue #11 (3): policy strings that would drive a terminal or reorder
   * what a reader sees are refused, by path. */
  add_case (KIND_POLICY, "made/issue11-title-osc-retitle.json", NULL,
            "$.metadata.title: holds control character U+001B",
            make_edit, "metadata/title", "\"\\u001b]0;pwned\\u0007%s\"");
  add_case (KIND_POLICY, "made/issue11-version-csi-clear.json", NULL,
            "$.metadata.version: holds control character U+001B",
            make_edit, "metadata/version", "\"%s\\u001b[2J\"");
  add_case (KIND_POLICY, "made/issue11-label-osc52-clipboard.json", NULL,
            "$.requesters[0].label: holds control character U+001B",
            make_edit, "requesters/[id=gp]/label", "\"\\u001b]52;c;cm0gLXJmIH4K\\u0007%s\"");
  add_case (KIND_POLICY, "made/issue11-label-c1-csi.json", NULL,
            "$.requesters[0].label: holds control character U+009B",
            make_edit, "requesters/[id=gp]/label", "\"\\u009b2J%s\"");
  add_case (KIND_POLICY, "made/issue11-label-bidi-override.json", NULL,
            "$.requesters[0].label: holds bidirectional control U+202E",
            make_edit, "requesters/[id=gp]/label", "\"%s \\u202eton\\u202c\"");
  add_case (KIND_POLICY, "made/issue11-label-bidi-isolate.json", NULL,
            "$.requesters[0].label: holds bidirectional control U+2067",
            make_edit, "requesters/[id=gp]/label", "\"%s \\u2067ton\\u2069\"");
  add_case (KIND_POLICY, "made/issue11-label-line-separator.json", NULL,
            "$.requesters[0].label: holds U+2028, a line or paragraph separator",
            make_edit, "requesters/[id=gp]/label", "\"G\\u2028P\"");

  /* Issue #11 (4): texts too long for their place, and words too long to wrap. */
  add_case (KIND_POLICY, "made/issue11-title-one-word-15750.json", NULL,
            "$.metadata.title: is 15750 characters long; the limit for a label, title or heading is 120",
            make_policy_long_word_title, "metadata/title", "\"%s\"");
  add_case (KIND_POLICY, "made/issue11-label-147.json", NULL,
            "$.requesters[0].label: is 147 characters long; the limit for a label, title or heading is 120",
            make_policy_label_147, "requesters/[id=gp]/label", "\"GP %s\"");
  add_case (KIND_POLICY, "made/issue11-help-word-65.json", NULL,
            "$.requesters[2].help: holds a word of 65 characters; the limit is 64",
            make_policy_text_long_word, "requesters/[id=other]/help", "\"Advanced %s nurse practitioner\"");
  add_case (KIND_POLICY, "made/issue11-help-4001.json", NULL,
            "$.requesters[2].help: is 4001 characters long; the limit for a paragraph is 4000",
            make_policy_text_4001, "requesters/[id=other]/help", "\"%sA\"");

  /* Issue #11 (7): links that are https in name only. */
  add_case (KIND_POLICY, "made/issue11-url-no-dot.json", NULL,
            "$.resources[*].url: \"https://a\" host \"a\" is not a full domain name",
            make_edit, "resources/[id=nice_ng59]/url", "\"https://a\"");
  add_case (KIND_POLICY, "made/issue11-url-no-host.json", NULL,
            "$.resources[*].url: \"https:///etc/passwd\" has no host name",
            make_edit, "resources/[id=nice_ng59]/url", "\"https:///etc/passwd\"");
  add_case (KIND_POLICY, "made/issue11-url-userinfo.json", NULL,
            "$.resources[*].url: \"https://nel.nhs.uk@evil.example/\" holds a user name before '@'",
            make_edit, "resources/[id=nice_ng59]/url", "\"https://nel.nhs.uk@evil.example/\"");
  add_case (KIND_POLICY, "made/issue11-url-control.json", NULL,
            "$.resources[*].url: holds control character U+0007",
            make_edit, "resources/[id=nice_ng59]/url", "\"https://www.nice.org.uk/\\u0007guidance/ng59\"");
  add_case (KIND_POLICY, "made/issue11-url-nbsp.json", NULL,
            "$.resources[*].url: \"https://www.nice.org.uk/\xc2\xa0guidance/ng59\" holds U+00A0, which a link must not",
            make_edit, "resources/[id=nice_ng59]/url", "\"https://www.nice.org.uk/\\u00a0guidance/ng59\"");
  add_case (KIND_POLICY, "made/issue11-url-line-separator.json", NULL,
            "$.resources[*].url: holds U+2028",
            make_edit, "resources/[id=nice_ng59]/url", "\"https://www.nice.org.uk/\\u2028guidance/ng59\"");

  /* Issue #11 (8): look-alikes of white space between tokens, named. */
  add_case (KIND_POLICY, "made/issue11-nbsp-between-tokens.json", NULL,
            "$: not valid JSON: U+00A0 (a no-break space) outside a string; JSON white space is only space, tab and line breaks (line 2)",
            make_edit, "format", "\xc2\xa0" "%s");
  add_case (KIND_POLICY, "made/issue11-line-separator-between-tokens.json", NULL,
            "$: not valid JSON: U+2028 (a line separator) outside a string*(line 2)",
            make_edit, "format", "%s\xe2\x80\xa8");
  add_case (KIND_POLICY, "made/issue11-bom-between-tokens.json", NULL,
            "$: not valid JSON: U+FEFF (a byte-order mark, allowed only at the very start) outside a string*",
            make_edit, "format", "\xef\xbb\xbf" "%s");

  /* Issue #11 (5): the note limit counts characters, not bytes. */
  add_case (KIND_VALID_REQUEST, "made/issue11-notes-2000-emoji-escaped.json", NULL, NULL,
            make_request_emoji_escaped, NULL, NULL);
  add_case (KIND_VALID_REQUEST, "made/issue11-notes-2000-emoji-raw.json", NULL, NULL,
            make_request_emoji_raw, NULL, NULL);
  add_case (KIND_REQUEST, "made/issue11-notes-2001-emoji.json", NULL,
            "request.notes: longer than 2000 characters", make_request_emoji_2001, NULL, NULL);
  add_case (KIND_VALID_REQUEST, "made/issue11-notes-2000-newlines.json", NULL, NULL,
            make_request_newlines, "\\n", NULL);
  add_case (KIND_VALID_REQUEST, "made/issue11-notes-2000-line-separators.json", NULL, NULL,
            make_request_newlines, "\\u2028", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GHashTable) expect = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  expect = read_manifest ();
  add_corpus (expect);
  add_made_cases ();

  g_test_add_data_func ("/hostile/manifest", expect, test_manifest);
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = cases->pdata[i];
      g_autofree char *path = g_strdup_printf ("/hostile/%s", c->name);
      g_test_add_data_func (path, c, test_case);
    }

  status = g_test_run ();
  g_clear_pointer (&cases, g_ptr_array_unref);
  return status;
}
