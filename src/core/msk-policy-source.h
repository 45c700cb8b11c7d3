/* msk-policy-source.h — which policy file is in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Precedence: a file named on the command line, then the first
 * msk-mri-advisor/policy.json in the XDG system config dirs (the first
 * directory that has one, even as a dangling link), then the policy bundled
 * in the program. A file that fails to load is refused and the next source
 * is tried; the bundled policy is always there. The system-wide file is
 * also refused when anyone may write to it or to its directory, or it
 * belongs to a user other than root and the one running the app.
 */
#pragma once

#include "msk-policy.h"

G_BEGIN_DECLS

typedef struct {
  char   *path;   /* the refused file */
  GError *error;  /* every problem, one a line */
} MskRefusal;

/* Returns the policy in force (never NULL for a working build). Each file
 * refused on the way is appended to `refusals` (of MskRefusal*, free with
 * msk_refusal_free) when it is not NULL. */
MskPolicy  *msk_policy_load_preferred (const char  *override_path,
                                       GPtrArray   *refusals);
/* The system-wide file that would be tried, or NULL if none exists. */
char       *msk_policy_find_system_file (void);
void        msk_refusal_free          (MskRefusal  *refusal);

/* TRUE when the policy's bytes are the bundled policy's. */
gboolean    msk_policy_is_bundled      (MskPolicy   *policy);
/* One line saying which file the policy came from and its fingerprint, for
 * the user to see whenever the policy in force is not the bundled one;
 * NULL when it is the bundled one. Safe to print (no control characters). */
char       *msk_policy_describe_source (MskPolicy   *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskRefusal, msk_refusal_free)

G_END_DECLS
