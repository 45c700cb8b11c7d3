/* gen-requests.c — a deterministic year of requests as JSON Lines, for the batch benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gen-requests N
 *
 * Writes N request lines covering every shape in turn — every requester ×
 * governance on/off × every region and none × every borough and none ×
 * every subset of the concerns — with the ids read from the bundled policy
 * (none written here). Every 5th line carries a short note, so the parser
 * meets free text as a real batch would; every 1000th line names a region
 * that does not exist, so the refusal path is in the mix. Same N, same bytes.
 */
#include "config.h"

#include <stdio.h>

#include "msk-policy.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint64 n;
  guint nq, nr, nb, nc, shapes;

  if (argc != 2 || (n = g_ascii_strtoull (argv[1], NULL, 10)) == 0)
    {
      fprintf (stderr, "usage: gen-requests N\n");
      return 2;
    }
  policy = msk_policy_new_bundled (&error);
  if (policy == NULL)
    {
      fprintf (stderr, "gen-requests: %s\n", error->message);
      return 1;
    }
  nq = msk_policy_get_n_requesters (policy);
  nr = msk_policy_get_n_regions (policy) + 1;
  nb = msk_policy_get_n_boroughs (policy) + 1;
  nc = msk_policy_get_n_concerns (policy);
  shapes = nq * 2 * nr * nb * (1u << nc);

  for (guint64 i = 0; i < n; i++)
    {
      guint s = (guint) (i % shapes);
      guint q = s % nq, g = (s / nq) % 2, r = (s / (nq * 2)) % nr, b = (s / (nq * 2 * nr)) % nb;
      guint mask = s / (nq * 2 * nr * nb);
      gboolean first = TRUE;

      g_string_printf (line, "{\"requester\":\"%s\",\"fcp_governance\":%s,\"concerns\":[",
                       msk_policy_get_requester (policy, q)->id, g ? "true" : "false");
      for (guint c = 0; c < nc; c++)
        if (mask & (1u << c))
          {
            g_string_append_printf (line, "%s\"%s\"", first ? "" : ",", msk_policy_get_concern (policy, c)->id);
            first = FALSE;
          }
      g_string_append_c (line, ']');
      /* Every third line with a concern ticks that concern's emergency signs. */
      if (i % 3 == 1)
        {
          gboolean first_sign = TRUE;

          g_string_append (line, ",\"emergency_signs\":[");
          for (guint c = 0; c < nc; c++)
            for (guint k = 0; (mask & (1u << c)) && k < msk_policy_get_concern (policy, c)->n_signs; k++)
              {
                g_string_append_printf (line, "%s\"%s\"", first_sign ? "" : ",",
                                        msk_policy_get_concern (policy, c)->signs[k].id);
                first_sign = FALSE;
              }
          g_string_append_c (line, ']');
        }
      if (i % 1000 == 999)
        g_string_append (line, ",\"region\":\"no_such_region\"");
      else if (r + 1 < nr)
        g_string_append_printf (line, ",\"region\":\"%s\"", msk_policy_get_region (policy, r)->id);
      if (b + 1 < nb)
        g_string_append_printf (line, ",\"borough\":\"%s\"", msk_policy_get_borough (policy, b)->id);
      if (i % 5 == 4)
        g_string_append (line, ",\"notes\":\"Pain for six weeks after a fall; no night pain, "
                               "no weight loss. Patient prefers Bengali (\\u09ac\\u09be\\u0982\\u09b2\\u09be).\"");
      g_string_append (line, "}\n");
      if (fwrite (line->str, 1, line->len, stdout) != line->len)
        return 1;
    }
  return fflush (stdout) == 0 ? 0 : 1;
}
