/* msk-batch.c — --evaluate-batch: JSON Lines in, one decision a line out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each line goes through the same parser, validator and engine as
 * --evaluate, so a batch decides exactly what the single request would.
 * Memory stays flat however long the batch: one line, one decision and the
 * audit table (bounded by the policy's sizes) live at a time.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>

#include "msk-batch.h"
#include "msk-decision.h"
#include "msk-fhir.h"
#include "msk-io.h"
#include "msk-text.h"

#define EXIT_IO      1
#define EXIT_INVALID 2

/* Distinct decisions in a batch are few (the policy's routes × regions ×
 * boroughs × warnings), but the cache is capped all the same so that no
 * input can make it grow without bound. */
#define CACHE_MAX 4096

/* Standard output is written in large blocks: a year of decisions is a lot
 * of small lines. */
#define OUTPUT_BUFFER (256 * 1024)

typedef struct {
  MskPolicy      *policy;
  const char     *input;   /* the batch's path, which no output may replace */
  const GDate    *today;
  MskBatchFormat  format;
  GString        *out;

  /* Serialised decisions by what they say (see decision_key): building
   * and printing the decision JSON costs several times the parse of a
   * request, and a year of requests holds a few hundred distinct ones. */
  GHashTable     *cache;          /* GBytes key → char * line */
  GString        *key;

  /* The audit: counts[outcome][borough][region][0] is the number of
   * decisions in that cell, [1 + c] those with concern c ticked. Borough
   * and region have one more slot for "not given". */
  gboolean        audit;
  GHashTable     *outcome_index;  /* MskOutcome * → index + 1 */
  guint           n_outcomes;
  guint           n_boroughs;
  guint           n_regions;
  guint           n_concerns;
  guint64        *counts;
  guint64         n_refused;
  guint64         n_lines;
} Batch;

void
msk_batch_csv_append_field (GString    *out,
                            const char *field)
{
  g_return_if_fail (out != NULL && field != NULL);

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static guint64 *
cell (Batch *self,
      guint  outcome,
      guint  borough,
      guint  region)
{
  gsize i = (((gsize) outcome * (self->n_boroughs + 1) + borough) * (self->n_regions + 1) + region);
  return &self->counts[i * (1 + self->n_concerns)];
}

static void
audit_init (Batch *self)
{
  MskPolicy *p = self->policy;

  self->audit = TRUE;
  self->n_outcomes = msk_policy_get_n_outcomes (p);
  self->n_boroughs = msk_policy_get_n_boroughs (p);
  self->n_regions = msk_policy_get_n_regions (p);
  self->n_concerns = msk_policy_get_n_concerns (p);
  self->outcome_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->n_outcomes; i++)
    g_hash_table_insert (self->outcome_index, (gpointer) msk_policy_get_outcome (p, i), GUINT_TO_POINTER (i + 1));
  self->counts = g_new0 (guint64, (gsize) self->n_outcomes * (self->n_boroughs + 1) *
                                  (self->n_regions + 1) * (1 + self->n_concerns));
}

static void
audit_count (Batch             *self,
             const MskDecision *decision)
{
  const MskRequest *request = msk_decision_get_request (decision);
  const MskChoice *borough = msk_request_get_borough (request);
  const MskRegion *region = msk_request_get_region (request);
  guint outcome = GPOINTER_TO_UINT (g_hash_table_lookup (self->outcome_index, msk_decision_get_outcome (decision)));
  guint mask = msk_request_get_concern_mask (request);
  guint64 *c;

  /* Every outcome comes from the policy's own list. */
  g_assert (outcome > 0);
  c = cell (self, outcome - 1, borough != NULL ? borough->index : self->n_boroughs,
            region != NULL ? region->index : self->n_regions);
  c[0]++;
  for (guint i = 0; i < self->n_concerns; i++)
    if (mask & (1u << msk_policy_get_concern (self->policy, i)->index))
      c[1 + i]++;
}

static gboolean
audit_write (Batch       *self,
             const char  *path,
             GError     **error)
{
  MskPolicy *p = self->policy;
  g_autoptr(GString) csv = g_string_new (NULL);

  /* One table, one header: a spreadsheet or a script reads it as it is.
   * Empty borough or region: the request gave none. */
  g_string_append (csv, "outcome,borough,region,requests");
  for (guint c = 0; c < self->n_concerns; c++)
    {
      g_string_append_c (csv, ',');
      msk_batch_csv_append_field (csv, msk_policy_get_concern (p, c)->id);
    }
  g_string_append (csv, "\r\n");

  for (guint o = 0; o < self->n_outcomes; o++)
    for (guint b = 0; b <= self->n_boroughs; b++)
      for (guint r = 0; r <= self->n_regions; r++)
        {
          guint64 *c = cell (self, o, b, r);

          if (c[0] == 0)
            continue;
          msk_batch_csv_append_field (csv, msk_policy_get_outcome (p, o)->id);
          g_string_append_c (csv, ',');
          if (b < self->n_boroughs)
            msk_batch_csv_append_field (csv, msk_policy_get_borough (p, b)->id);
          g_string_append_c (csv, ',');
          if (r < self->n_regions)
            msk_batch_csv_append_field (csv, msk_policy_get_region (p, r)->id);
          for (guint k = 0; k <= self->n_concerns; k++)
            g_string_append_printf (csv, ",%" G_GUINT64_FORMAT, c[k]);
          g_string_append (csv, "\r\n");
        }

  /* A refused line has no outcome, borough or region to count it under,
   * but the audit must still add up to the number of lines. */
  if (self->n_refused > 0)
    {
      g_string_append_printf (csv, "refused,,,%" G_GUINT64_FORMAT, self->n_refused);
      for (guint k = 0; k < self->n_concerns; k++)
        g_string_append_c (csv, ',');
      g_string_append (csv, "\r\n");
    }

  {
    /* Atomically, 0600, and never over the batch it counts, the policy, a
     * device, a FIFO or a link (as --pdf). */
    const char *others[] = { self->input, msk_policy_get_origin (p), NULL };
    return msk_write_file_atomic (path, csv->str, csv->len, others, error);
  }
}

/* msk_decision_to_json pretty-prints; a batch wants one line a decision.
 * Dropping whitespace outside strings keeps the one decision JSON writer
 * (no second copy of its fields) at a fraction of a parse's cost. JSON
 * strings cannot hold a raw newline, so this never joins a string. */
static void
append_compact (GString    *out,
                const char *json)
{
  const char *p = json;
  const char *run = json;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p != '\0')
            p++;
        }
      else if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        {
          g_string_append_len (out, run, p - run);
          while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
            p++;
          run = p;
        }
      else
        p++;
    }
  g_string_append_len (out, run, p - run);
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  /* A refused line's reason quotes the input: escaped as every JSON the
   * app writes is, so no control or bidi character reaches a reader. */
  {
    g_autofree char *safe = msk_text_escape_json (text);
    g_string_append (out, safe);
  }
}

static void
refuse (Batch      *self,
        guint64     line,
        const char *message)
{
  g_autofree char *field = NULL;
  const char *reason;
  const char *sep = strstr (message, ": ");

  /* The parser's errors are "request.field: reason". */
  if (sep != NULL)
    {
      field = g_strndup (message, sep - message);
      reason = sep + 2;
    }
  else
    {
      field = g_strdup ("request");
      reason = message;
    }

  self->n_refused++;
  if (self->format == MSK_BATCH_FORMAT_FHIR)
    {
      g_autoptr(JsonNode) node = msk_fhir_operation_outcome ((guint) MIN (line, G_MAXUINT), field, reason);
      append_node (self->out, node);
    }
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, (gint64) line);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, message);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, field);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      append_node (self->out, node);
    }
  g_string_append_c (self->out, '\n');
}

static void
key_add (GString       *key,
         gconstpointer  p)
{
  g_string_append_len (key, (const char *) &p, sizeof p);
}

/* Strings may belong to the decision, and a freed decision's address can
 * come back holding other words: strings go into the key by content. */
static void
key_add_string (GString    *key,
                const char *text)
{
  gsize len = text != NULL ? strlen (text) + 1 : 0;

  g_string_append_len (key, (const char *) &len, sizeof len);
  if (text != NULL)
    g_string_append_len (key, text, (gssize) len);
}

/* Everything the decision JSON and the FHIR form are made of, read through
 * the public API: two decisions with the same key print the same. Items
 * (routes, pathways, urgencies, outcomes, resources...) belong to the
 * policy, which outlives the batch, so their addresses name them. The
 * region is here for the FHIR form, which names it. tests/batch checks the
 * batch against msk_decision_to_json and msk_fhir_to_json for every request
 * shape, so a field added to either and missing here fails there. */
static void
decision_key (GString           *key,
              const MskDecision *d)
{
  const MskRequest *request = msk_decision_get_request (d);
  guint n;

  g_string_truncate (key, 0);
  key_add (key, GUINT_TO_POINTER (g_date_get_julian (msk_decision_get_date (d))));
  key_add (key, msk_request_get_region (request));
  key_add (key, msk_decision_get_outcome (d));
  key_add (key, msk_decision_get_verdict (d));
  key_add (key, msk_decision_get_urgency (d));
  key_add (key, msk_decision_get_service (d));
  key_add (key, GINT_TO_POINTER (msk_decision_is_past_review (d)));
  key_add (key, GINT_TO_POINTER (msk_decision_is_incomplete (d)));
  key_add_string (key, msk_decision_get_missing (d));
  n = msk_decision_get_n_actions (d);
  key_add (key, GUINT_TO_POINTER (n));
  /* The whole action, not its fields one by one: a field the core adds
   * later (an escalated outcome, say) is in the key without a change here.
   * Its members point into the policy; padding, if it ever had any, could
   * only make equal actions look different, never the reverse. */
  for (guint i = 0; i < n; i++)
    g_string_append_len (key, (const char *) msk_decision_get_action (d, i), sizeof (MskAction));
  n = msk_decision_get_n_resources (d);
  key_add (key, GUINT_TO_POINTER (n));
  for (guint i = 0; i < n; i++)
    key_add (key, msk_decision_get_resource (d, i));
  n = msk_decision_get_n_rationale (d);
  key_add (key, GUINT_TO_POINTER (n));
  for (guint i = 0; i < n; i++)
    key_add (key, msk_decision_get_rationale (d, i));
  n = msk_decision_get_n_warnings (d);
  key_add (key, GUINT_TO_POINTER (n));
  for (guint i = 0; i < n; i++)
    key_add_string (key, msk_decision_get_warning (d, i));
}

static char *
serialise (Batch             *self,
           const MskDecision *decision)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) line = NULL;

  if (self->format == MSK_BATCH_FORMAT_FHIR)
    return msk_fhir_to_json (decision, FALSE);
  text = msk_decision_to_json (decision);
  line = g_string_sized_new (strlen (text));
  append_compact (line, text);
  g_string_append_c (line, '\n');
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
decide (Batch      *self,
        guint64     line,
        const char *data,
        gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(MskDecision) decision = NULL;

  request = msk_request_new_from_json (self->policy, data, length, &error);
  if (request == NULL)
    {
      refuse (self, line, error->message);
      return;
    }
  decision = msk_evaluate (self->policy, request, self->today);

  decision_key (self->key, decision);
  {
    g_autoptr(GBytes) key = g_bytes_new_static (self->key->str, self->key->len);
    const char *text = g_hash_table_lookup (self->cache, key);

    if (text == NULL)
      {
        if (g_hash_table_size (self->cache) >= CACHE_MAX)
          g_hash_table_remove_all (self->cache);
        text = serialise (self, decision);
        g_hash_table_insert (self->cache, g_bytes_new (self->key->str, self->key->len), (char *) text);
      }
    g_string_append (self->out, text);
  }
  if (self->audit)
    audit_count (self, decision);
}

/* Reads one line into `line`, at most `cap` bytes of it; the rest of a
 * longer line is read and dropped (never held), and `too_long` is set.
 * GDataInputStream's own read_line would hold a line of any length.
 * Returns FALSE at the end of the input, with nothing read. */
static gboolean
read_line (GBufferedInputStream  *in,
           GString               *line,
           gsize                  cap,
           gboolean              *too_long,
           GError               **error)
{
  gboolean any = FALSE;

  g_string_truncate (line, 0);
  *too_long = FALSE;
  for (;;)
    {
      gsize avail = 0;
      const char *buf = g_buffered_input_stream_peek_buffer (in, &avail);
      const char *nl;
      gsize take;

      if (avail == 0)
        {
          gssize n = g_buffered_input_stream_fill (in, -1, NULL, error);
          if (n < 0)
            return FALSE;
          if (n == 0)
            return any;
          continue;
        }
      any = TRUE;
      nl = memchr (buf, '\n', avail);
      take = nl != NULL ? (gsize) (nl - buf) : avail;
      if (!*too_long)
        {
          if (line->len + take > cap)
            {
              *too_long = TRUE;
              g_string_truncate (line, 0);
            }
          else
            g_string_append_len (line, buf, take);
        }
      if (g_input_stream_skip (G_INPUT_STREAM (in), take + (nl != NULL), NULL, error) < 0)
        return FALSE;
      if (nl != NULL)
        return TRUE;
    }
}

static gboolean
flush_out (Batch *self)
{
  gboolean ok = fwrite (self->out->str, 1, self->out->len, stdout) == self->out->len;
  g_string_truncate (self->out, 0);
  return ok;
}

/* A local regular file (or standard input for "-"), opened without
 * blocking: a FIFO or a device named as the batch is refused at once. */
static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  int fd;

  if (strcmp (path, "-") == 0)
    return g_unix_input_stream_new (0, FALSE);
  fd = msk_open_regular (path, error);
  return fd < 0 ? NULL : g_unix_input_stream_new (fd, TRUE);
}

int
msk_batch_run (MskPolicy      *policy,
               const GDate    *today,
               const char     *input,
               MskBatchFormat  format,
               const char     *audit_csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GString) line = g_string_sized_new (4096);
  Batch self = { 0 };
  gboolean too_long = FALSE;
  gboolean ok = TRUE;
  int status;

  g_return_val_if_fail (policy != NULL && today != NULL && input != NULL, EXIT_IO);

  /* The audit's path is checked before any line is read: a refusal must
   * not come after a year of requests has been decided. */
  if (audit_csv != NULL)
    {
      const char *others[] = { input, msk_policy_get_origin (policy), NULL };

      if (!msk_check_output_path (audit_csv, others, &error))
        {
          g_autofree char *safe = msk_text_sanitize (error->message, MSK_TEXT_DEFAULT);
          fprintf (stderr, "%s: --audit-csv %s\n", g_get_prgname (), safe);
          return EXIT_INVALID;
        }
    }
  raw = open_input (input, &error);
  if (raw == NULL)
    {
      g_autofree char *safe = msk_text_sanitize (error->message, MSK_TEXT_DEFAULT);
      fprintf (stderr, "%s: %s\n", g_get_prgname (), safe);
      return EXIT_IO;
    }
  in = g_data_input_stream_new (raw);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 64 * 1024);

  self.policy = policy;
  self.input = input;
  self.today = today;
  self.format = format;
  self.out = g_string_sized_new (OUTPUT_BUFFER + 64 * 1024);
  self.cache = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, g_free);
  self.key = g_string_sized_new (256);
  if (audit_csv != NULL)
    audit_init (&self);

  while (ok && read_line (G_BUFFERED_INPUT_STREAM (in), line, MSK_REQUEST_MAX_BYTES, &too_long, &error))
    {
      self.n_lines++;
      /* A file written on Windows ends its lines in CRLF. */
      if (line->len > 0 && line->str[line->len - 1] == '\r')
        g_string_truncate (line, line->len - 1);
      if (too_long)
        {
          g_autofree char *msg = g_strdup_printf ("request: larger than the limit of %d bytes",
                                                  MSK_REQUEST_MAX_BYTES);
          refuse (&self, self.n_lines, msg);
        }
      else if (line->len == 0)
        /* The parser would call it an empty file; here it is one line. */
        refuse (&self, self.n_lines, "request: the line is empty");
      else
        decide (&self, self.n_lines, line->str, line->len);
      if (self.out->len >= OUTPUT_BUFFER)
        ok = flush_out (&self);
    }

  if (error != NULL)
    {
      /* What was decided so far is out; say where the input broke off. */
      flush_out (&self);
      fflush (stdout);
      fprintf (stderr, _("%s: reading %s after line %" G_GUINT64_FORMAT ": %s\n"), g_get_prgname (),
               input, self.n_lines, error->message);
      status = EXIT_IO;
    }
  else if (!ok || !flush_out (&self) || fflush (stdout) != 0)
    {
      fprintf (stderr, _("%s: could not write to standard output\n"), g_get_prgname ());
      status = EXIT_IO;
    }
  else if (audit_csv != NULL && !audit_write (&self, audit_csv, &error))
    {
      fprintf (stderr, "%s: %s\n", g_get_prgname (), error->message);
      status = EXIT_IO;
    }
  else if (self.n_refused > 0)
    {
      fprintf (stderr, _("%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " lines refused\n"),
               g_get_prgname (), self.n_refused, self.n_lines);
      status = MSK_BATCH_EXIT_REFUSED;
    }
  else
    status = 0;

  g_string_free (self.out, TRUE);
  g_string_free (self.key, TRUE);
  g_hash_table_unref (self.cache);
  g_clear_pointer (&self.outcome_index, g_hash_table_unref);
  g_free (self.counts);
  return status;
}
