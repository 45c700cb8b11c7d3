/* bench-core.c — policy load against a bare JSON parse, and evaluation throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-core [--batches N] [--batch-ms MS]
 *   bench-core --profile load|parse|contract|eval --count N
 *
 * Policy load: the bundled policy's GResource bytes to a validated MskPolicy
 * (msk_policy_new_from_bytes + unref), against json-glib parsing the same
 * bytes into a tree (json_parser_new_immutable + load_from_data + unref).
 * The two alternate batch by batch; each batch runs enough iterations to take
 * about --batch-ms of CPU, and the figure is the median of the batches'
 * per-iteration time. Time is this thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID), so the time the thread waits for a core on a
 * busy machine does not count; short batches, interleaved, share whatever
 * noise remains. The parts of a load are timed the same way: the pre-scan
 * (_msk_json_guard_check), the SHA-256 of the bytes, and the contract check's
 * own parse of contract.json.
 *
 * Evaluation: one request per shape — every requester × governance on/off ×
 * every region and none × every borough and none × every subset of the
 * concerns — built once; a batch evaluates and frees a decision for each. The
 * baseline is the allocation floor of the API: copying and freeing the
 * request and allocating and freeing a block the size of a decision, which
 * msk_evaluate does for every call.
 *
 * Output is "key=value" lines for bench/run. --profile runs one part N times
 * untimed, for valgrind --tool=callgrind.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <time.h>

#include "msk-core-resources.h"
#include "msk-decision.h"
#include "msk-json-guard-private.h"
#include "msk-policy.h"

#define POLICY_RESOURCE   "/org/nel/MskMriAdvisor/policy/nel-msk-mri.json"
#define CONTRACT_RESOURCE "/org/nel/MskMriAdvisor/contract.json"

typedef void (*Body) (gpointer data);

typedef struct {
  const char *key;
  Body        body;
  gpointer    data;
  guint       iterations;  /* per batch, calibrated */
  GArray     *us;          /* per-iteration µs of each batch */
} Part;

static GBytes *policy_bytes;
static GBytes *contract_bytes;
static GPtrArray *requests;
static MskPolicy *eval_policy;
static GDate today;
static gsize sink;

/* ---- the bodies ---- */

static void
do_load (gpointer data)
{
  g_autoptr(GError) error = NULL;
  MskPolicy *policy = msk_policy_new_from_bytes (policy_bytes, "bundled", &error);

  if (policy == NULL)
    g_error ("the bundled policy does not load: %s", error->message);
  msk_policy_unref (policy);
}

static void
parse_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, text, len, NULL))
    g_error ("json-glib does not parse the bytes");
  sink += GPOINTER_TO_SIZE (json_parser_get_root (parser));
}

static void
do_parse (gpointer data)
{
  parse_bytes (policy_bytes);
}

static void
do_guard (gpointer data)
{
  gsize len;
  const char *text = g_bytes_get_data (policy_bytes, &len);

  if (!_msk_json_guard_check (text, len, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY, NULL))
    g_error ("the pre-scan refuses the bundled policy");
}

static void
do_sha256 (gpointer data)
{
  g_free (g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, policy_bytes));
}

static void
do_contract (gpointer data)
{
  /* What check_contract() does on every load before it looks at the ids. */
  g_autoptr(GBytes) bytes = g_resource_lookup_data (msk_core_get_resource (), CONTRACT_RESOURCE, 0, NULL);

  parse_bytes (bytes);
}

static void
do_evaluate (gpointer data)
{
  for (guint i = 0; i < requests->len; i++)
    {
      MskDecision *decision = msk_evaluate (eval_policy, requests->pdata[i], &today);
      sink += msk_decision_get_n_actions (decision);
      msk_decision_unref (decision);
    }
}

static void
do_alloc_floor (gpointer data)
{
  gsize size = GPOINTER_TO_SIZE (data);

  for (guint i = 0; i < requests->len; i++)
    {
      MskRequest *copy = msk_request_copy (requests->pdata[i]);
      gpointer block = g_malloc0 (size);
      sink += GPOINTER_TO_SIZE (block) + GPOINTER_TO_SIZE (copy);
      g_free (block);
      msk_request_free (copy);
    }
}

/* ---- timing ---- */

/* CPU time of this thread, in µs: time spent descheduled on a busy machine
 * does not count, so the app and the baseline compare fairly under load. */
static double
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double
time_batch (Part *part,
            guint iterations)
{
  double start = thread_cpu_us ();

  for (guint i = 0; i < iterations; i++)
    part->body (part->data);
  return thread_cpu_us () - start;
}

/* Enough iterations for a batch of about batch_ms. */
static void
calibrate (Part  *part,
           guint  batch_ms)
{
  guint n = 1;
  double us;

  part->body (part->data);  /* warm caches and lazy initialisation */
  for (;;)
    {
      us = time_batch (part, n);
      if (us >= batch_ms * 100.0 || n >= (1u << 24))
        break;
      n *= 2;
    }
  part->iterations = MAX (1, (guint) (n * (batch_ms * 1000.0) / MAX (us, 1.0)));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* Calibrates every part, then runs their batches interleaved, round-robin. */
static void
run_parts (Part  *parts,
           guint  n_parts,
           guint  batches,
           guint  batch_ms)
{
  for (guint p = 0; p < n_parts; p++)
    {
      calibrate (&parts[p], batch_ms);
      parts[p].us = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint b = 0; b < batches; b++)
    for (guint p = 0; p < n_parts; p++)
      {
        Part *part = &parts[(b % 2 == 0) ? p : n_parts - 1 - p];
        double per = time_batch (part, part->iterations) / part->iterations;
        g_array_append_val (part->us, per);
      }
}

/* ---- set-up ---- */

static void
build_requests (MskPolicy *policy)
{
  guint n_req = msk_policy_get_n_requesters (policy);
  guint n_reg = msk_policy_get_n_regions (policy);
  guint n_bor = msk_policy_get_n_boroughs (policy);
  guint n_con = msk_policy_get_n_concerns (policy);

  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_request_free);
  for (guint rq = 0; rq < n_req; rq++)
    for (guint gov = 0; gov < 2; gov++)
      for (guint rg = 0; rg <= n_reg; rg++)        /* n_reg = none */
        for (guint bo = 0; bo <= n_bor; bo++)      /* n_bor = none */
          for (guint mask = 0; mask < (1u << n_con); mask++)
            {
              MskRequest *request = msk_request_new (policy);

              msk_request_set_requester (request, msk_policy_get_requester (policy, rq));
              msk_request_set_fcp_governance (request, gov);
              if (rg < n_reg)
                msk_request_set_region (request, msk_policy_get_region (policy, rg));
              if (bo < n_bor)
                msk_request_set_borough (request, msk_policy_get_borough (policy, bo));
              for (guint c = 0; c < n_con; c++)
                if (mask & (1u << c))
                  msk_request_set_concern (request, msk_policy_get_concern (policy, c), TRUE);
              g_ptr_array_add (requests, request);
            }
}

static gsize
decision_size (MskPolicy *policy)
{
  /* msk-decision.c: the struct (about 17 words) plus one action (3 pointers)
   * per route and one pointer per resource and per rationale. */
  return 17 * sizeof (gpointer)
       + 3 * sizeof (gpointer) * msk_policy_get_n_routes (policy)
       + sizeof (gpointer) * msk_policy_get_n_resources (policy)
       + sizeof (gpointer) * msk_policy_get_n_rationale (policy);
}

int
main (int   argc,
      char *argv[])
{
  int batches = 31, batch_ms = 10, count = 1000;
  g_autofree char *profile = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "batches", 'b', 0, G_OPTION_ARG_INT, &batches, "Timed batches of each part (default 31)", "N" },
    { "batch-ms", 'm', 0, G_OPTION_ARG_INT, &batch_ms, "Target CPU time of a batch (default 10)", "MS" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile, "Run one part untimed: load, parse, guard, contract, eval", "PART" },
    { "count", 'c', 0, G_OPTION_ARG_INT, &count, "Iterations for --profile (default 1000)", "N" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-core: %s\n", error->message);
      return 2;
    }
  if (batches < 1 || batch_ms < 1 || count < 1)
    {
      g_printerr ("bench-core: counts must be positive\n");
      return 2;
    }

  policy_bytes = g_resource_lookup_data (msk_core_get_resource (), POLICY_RESOURCE, 0, &error);
  contract_bytes = g_resource_lookup_data (msk_core_get_resource (), CONTRACT_RESOURCE, 0, &error);
  if (policy_bytes == NULL || contract_bytes == NULL)
    {
      g_printerr ("bench-core: %s\n", error->message);
      return 1;
    }
  eval_policy = msk_policy_new_from_bytes (policy_bytes, "bundled", &error);
  if (eval_policy == NULL)
    {
      g_printerr ("bench-core: the bundled policy does not load: %s\n", error->message);
      return 1;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2026);
  build_requests (eval_policy);

  if (profile != NULL)
    {
      static const struct { const char *name; Body body; } bodies[] = {
        { "load", do_load }, { "parse", do_parse }, { "guard", do_guard },
        { "contract", do_contract }, { "eval", do_evaluate },
      };
      for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
        if (strcmp (profile, bodies[i].name) == 0)
          {
            for (int n = 0; n < count; n++)
              bodies[i].body (NULL);
            g_print ("profiled %s x%d (sink %" G_GSIZE_FORMAT ")\n", profile, count, sink % 10);
            return 0;
          }
      g_printerr ("bench-core: no part \"%s\"\n", profile);
      return 2;
    }

  {
    Part load[] = {
      { "policy_load_us", do_load, NULL, 0, NULL },
      { "bare_parse_us", do_parse, NULL, 0, NULL },
      { "guard_us", do_guard, NULL, 0, NULL },
      { "sha256_us", do_sha256, NULL, 0, NULL },
      { "contract_parse_us", do_contract, NULL, 0, NULL },
    };
    Part eval[] = {
      { "eval_batch_us", do_evaluate, NULL, 0, NULL },
      { "alloc_floor_batch_us", do_alloc_floor, GSIZE_TO_POINTER (decision_size (eval_policy)), 0, NULL },
    };
    double eval_us, floor_us;

    g_print ("policy_bytes=%" G_GSIZE_FORMAT "\n", g_bytes_get_size (policy_bytes));
    g_print ("contract_bytes=%" G_GSIZE_FORMAT "\n", g_bytes_get_size (contract_bytes));
    run_parts (load, G_N_ELEMENTS (load), batches, batch_ms);
    for (guint p = 0; p < G_N_ELEMENTS (load); p++)
      g_print ("%s=%.2f\n", load[p].key, median (load[p].us));
    g_print ("load_batches=%d\n", batches);

    run_parts (eval, G_N_ELEMENTS (eval), batches, batch_ms);
    eval_us = median (eval[0].us);
    floor_us = median (eval[1].us);
    g_print ("eval_requests=%u\n", requests->len);
    g_print ("eval_per_s=%.0f\n", requests->len / (eval_us / 1e6));
    g_print ("alloc_floor_per_s=%.0f\n", requests->len / (floor_us / 1e6));
    g_print ("eval_ns=%.1f\n", eval_us * 1000.0 / requests->len);
    g_print ("alloc_floor_ns=%.1f\n", floor_us * 1000.0 / requests->len);
    g_print ("eval_batches=%d\n", batches);
  }

  g_ptr_array_unref (requests);
  msk_policy_unref (eval_policy);
  g_bytes_unref (policy_bytes);
  g_bytes_unref (contract_bytes);
  /* Printing the sink keeps the compiler from dropping the work. */
  g_print ("sink=%" G_GSIZE_FORMAT "\n", sink % 1000);
  return 0;
}
