/* msk-policy-check-private.h — what the policy checker's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader (msk-policy.c) reads the file's shape; the clinical checks
 * (msk-policy-clinical.c) read what it means. Both report problems the same
 * way, by JSON path.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-policy.h"

G_BEGIN_DECLS

/* A JSON path, kept as a chain on the stack and only turned into text when a
 * problem is reported: valid files, the common case, never pay for it. */
typedef struct MskPath {
  const struct MskPath *up;
  const char           *member;  /* NULL for an array index */
  guint                 index;
} MskPath;

typedef struct {
  GPtrArray  *problems;
  GHashTable *lines;   /* JsonObject* / JsonArray* / JsonNode* -> line, only on a second pass */
  MskPolicy  *policy;
} MskCheck;

G_GNUC_PRINTF (4, 5)
void _msk_check_problem           (MskCheck      *c,
                                   const MskPath *path,
                                   gconstpointer  where,
                                   const char    *format,
                                   ...);
#define problem(...) _msk_check_problem (__VA_ARGS__)

/* Texts the file presents as the policy's own words must stand, word for
 * word, in its "source". */
void _msk_policy_check_verbatim   (MskCheck      *c,
                                   JsonObject    *root);
/* Rules a policy file may not break however it is written: a red flag never
 * permits MRI, every concern and sign reaches a route, and so on. */
void _msk_policy_check_invariants (MskCheck      *c,
                                   JsonObject    *root);

G_END_DECLS
