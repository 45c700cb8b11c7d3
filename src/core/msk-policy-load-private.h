/* msk-policy-load-private.h — the loader's two halves, to each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "msk-policy-check-private.h"

G_BEGIN_DECLS

/* msk-policy-load-document.c: called by load_everything() once the items
 * are read; each records its problems in `c`. */
void _msk_policy_index_signs        (MskCheck   *c,
                                     JsonObject *root);
void _msk_policy_load_patient_sheet (MskCheck   *c,
                                     JsonObject *root);
void _msk_policy_check_contract     (MskCheck   *c,
                                     JsonObject *root);
void _msk_policy_load_source        (MskCheck   *c,
                                     JsonObject *root);

G_END_DECLS
