/* bench-summary.c — time to write the decision summary PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-summary [--runs N]          steady state: median of N of each
 *   bench-summary --first summary|bare|summary-fc-ready|bare-fc-ready
 *                                     the first call in a fresh process
 *
 * The app: msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL, A4) written
 * with msk_write_file_atomic() to a file in a temporary directory, as the
 * command line writes it. The baseline: the same decision's plain text
 * (msk_decision_to_text, about 15 lines) laid out as one Pango paragraph, in
 * the renderer's face and font options, on an A4 cairo PDF page written to a
 * file: the floor of "decision to PDF with Pango". The first call pays for fontconfig and font loading, so it is
 * measured on its own in a fresh process (bench/run runs --first several
 * times and takes the median). "…-fc-ready" first loads fontconfig and
 * measures one screen font, as the GUI has done by the time anyone exports:
 * the first export from the window rather than from the command line.
 *
 * Times are the process's CPU time (CLOCK_PROCESS_CPUTIME_ID) around the call.
 *
 * The decision is a full one: a GP request for the lumbar spine in a borough
 * with an urgent concern, so the summary carries actions, a service,
 * rationale and resources. Output is "key=value" lines for bench/run.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msk-decision.h"
#include "msk-decision-text.h"
#include "msk-io.h"
#include "msk-summary.h"

/* The face msk-summary.c asks for, at its body size. */
#define FONT "Cantarell, DejaVu Sans, sans-serif 10"

/* A4 in points. */
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

static char *tmpdir;
static guint serial;

static char *
next_path (const char *what)
{
  return g_strdup_printf ("%s/%s-%u.pdf", tmpdir, what, serial++);
}

static gboolean
write_summary (const MskDecision *decision,
               GError           **error)
{
  g_autofree char *path = next_path ("summary");
  g_autoptr(GBytes) pdf = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL, MSK_SUMMARY_A4_WIDTH,
                                              MSK_SUMMARY_A4_HEIGHT, error);
  gboolean ok = pdf != NULL &&
                msk_write_file_atomic (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, error);

  g_unlink (path);
  return ok;
}

static gboolean
write_bare (const MskDecision *decision,
            GError           **error)
{
  g_autofree char *path = next_path ("bare");
  g_autofree char *text = msk_decision_to_text (decision, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_status_t status;

  /* The renderer's face and font options, so the two differ in layout work
   * only. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((A4_WIDTH - 2 * 56) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 56, 56);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_unlink (path);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo: %s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*Writer) (const MskDecision *, GError **);

/* CPU time of the whole process, in ms: it counts the work of Pango's
 * fontconfig thread too, and not the time spent waiting for a core on a busy
 * machine. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
time_one (Writer             writer,
          const MskDecision *decision,
          const char        *name)
{
  g_autoptr(GError) error = NULL;
  double start = process_cpu_ms ();

  if (!writer (decision, &error))
    {
      g_printerr ("bench-summary: %s: %s\n", name, error->message);
      /* The writers unlink their file, so the directory is empty. */
      g_rmdir (tmpdir);
      exit (1);
    }
  return process_cpu_ms () - start;
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
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

/* What the GUI has done before anyone exports: fontconfig loaded and a
 * screen font measured (GTK's defaults: hinted, 96 dpi). */
static void
warm_fontconfig (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "MSK MRI Advisor", -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
}

static MskDecision *
full_decision (GError **error)
{
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (error);
  g_autoptr(MskRequest) request = NULL;
  const MskConcern *urgent;
  GDate today;

  if (policy == NULL)
    return NULL;
  request = msk_request_new (policy);
  msk_request_set_requester (request, msk_policy_find_requester (policy, "gp"));
  msk_request_set_region (request, msk_policy_find_region (policy, "lumbar_spine"));
  msk_request_set_borough (request, msk_policy_find_borough (policy, "newham"));
  urgent = msk_policy_find_concern (policy, "urgent_msk");
  if (urgent != NULL)
    msk_request_set_concern (request, urgent, TRUE);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2026);
  return msk_evaluate (policy, request, &today);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 15;
  g_autofree char *first = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskDecision) decision = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed renders of each (default 15)", "N" },
    { "first", 'f', 0, G_OPTION_ARG_STRING, &first, "Time only the first render: summary, bare, summary-fc-ready, bare-fc-ready", "WHICH" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-summary: %s\n", error->message);
      return 2;
    }
  if (runs < 1)
    {
      g_printerr ("bench-summary: --runs must be positive\n");
      return 2;
    }
  if (first != NULL && strcmp (first, "summary") != 0 && strcmp (first, "bare") != 0 &&
      strcmp (first, "summary-fc-ready") != 0 && strcmp (first, "bare-fc-ready") != 0)
    {
      g_printerr ("bench-summary: --first takes summary, bare, summary-fc-ready or bare-fc-ready\n");
      return 2;
    }

  decision = full_decision (&error);
  if (decision == NULL)
    {
      g_printerr ("bench-summary: %s\n", error->message);
      return 1;
    }
  tmpdir = g_dir_make_tmp ("msk-bench-summary-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-summary: %s\n", error->message);
      return 1;
    }

  if (first != NULL)
    {
      gboolean fc_ready = g_str_has_suffix (first, "-fc-ready");
      Writer writer = g_str_has_prefix (first, "summary") ? write_summary : write_bare;

      if (fc_ready)
        warm_fontconfig ();
      g_print ("first_%s_ms=%.2f\n", first, time_one (writer, decision, first));
    }
  else
    {
      g_autoptr(GArray) summary_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));

      /* One untimed call of each: fonts and caches are warm from here on. */
      time_one (write_summary, decision, "summary");
      time_one (write_bare, decision, "bare");
      for (int i = 0; i < runs; i++)
        {
          double s, b;
          /* Alternate the order, so neither always runs on a cache the other warmed. */
          if (i % 2 == 0)
            {
              s = time_one (write_summary, decision, "summary");
              b = time_one (write_bare, decision, "bare");
            }
          else
            {
              b = time_one (write_bare, decision, "bare");
              s = time_one (write_summary, decision, "summary");
            }
          g_array_append_val (summary_ms, s);
          g_array_append_val (bare_ms, b);
        }
      g_print ("summary_ms=%.2f\n", median (summary_ms));
      g_print ("bare_pdf_ms=%.2f\n", median (bare_ms));
      g_print ("summary_runs=%d\n", runs);
    }

  g_rmdir (tmpdir);
  g_free (tmpdir);
  return 0;
}
