/* msk-policy-source.h — which policy file is in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Precedence: a file named on the command line, then the first
 * msk-mri-advisor/policy.json in the XDG system config dirs, then the policy
 * bundled in the program. A file that fails to load is refused and the next
 * source is tried; the bundled policy is always there.
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskRefusal, msk_refusal_free)

G_END_DECLS
