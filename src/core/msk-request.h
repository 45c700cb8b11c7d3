/* msk-request.h — what the clinician asks: who, where, which body region, red flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request points into the policy it was built against and keeps a reference
 * to it. It may hold a free-text clinical note; nothing in the app writes a
 * request to disk.
 */
#pragma once

#include "msk-policy.h"

G_BEGIN_DECLS

typedef struct _MskRequest MskRequest;

/* The longest clinical note, in characters, whichever door it comes in by
 * (the window or the command line): long enough for a consultation's
 * worth of context, short enough that the summary stays one page. */
#define MSK_REQUEST_NOTES_MAX_CHARS 2000

GType             msk_request_get_type        (void) G_GNUC_CONST;
#define MSK_TYPE_REQUEST (msk_request_get_type ())

/* An empty request: requester, region and borough unset, no concerns. */
MskRequest       *msk_request_new             (MskPolicy         *policy);
/* Strict parse of the request JSON of PRODUCT.md. On failure the error
 * (MSK_ERROR_INVALID_REQUEST) is one line naming the field, e.g.
 * `request.region: unknown region "knees"`. */
MskRequest       *msk_request_new_from_json   (MskPolicy         *policy,
                                               const char        *data,
                                               gsize              length,
                                               GError           **error);
MskRequest       *msk_request_copy            (const MskRequest  *self);
void              msk_request_free            (MskRequest        *self);

MskPolicy        *msk_request_get_policy      (const MskRequest  *self);
const MskChoice  *msk_request_get_requester   (const MskRequest  *self);
void              msk_request_set_requester   (MskRequest        *self,
                                               const MskChoice   *requester);
gboolean          msk_request_get_fcp_governance (const MskRequest *self);
void              msk_request_set_fcp_governance (MskRequest      *self,
                                                  gboolean         value);
const MskRegion  *msk_request_get_region      (const MskRequest  *self);
void              msk_request_set_region      (MskRequest        *self,
                                               const MskRegion   *region);
const MskChoice  *msk_request_get_borough     (const MskRequest  *self);
void              msk_request_set_borough     (MskRequest        *self,
                                               const MskChoice   *borough);
gboolean          msk_request_has_concern     (const MskRequest  *self,
                                               const MskConcern  *concern);
void              msk_request_set_concern     (MskRequest        *self,
                                               const MskConcern  *concern,
                                               gboolean           ticked);
/* Bit i is set when the policy's concern i is ticked. */
guint             msk_request_get_concern_mask (const MskRequest *self);
/* Emergency signs: a sign can be ticked only while its concern is, and
 * unticking the concern clears its signs. */
gboolean          msk_request_has_sign        (const MskRequest  *self,
                                               const MskSign     *sign);
void              msk_request_set_sign        (MskRequest        *self,
                                               const MskSign     *sign,
                                               gboolean           ticked);
/* Bit i is set when the policy's emergency sign i is ticked. */
guint             msk_request_get_sign_mask   (const MskRequest  *self);
const char       *msk_request_get_notes       (const MskRequest  *self);
void              msk_request_set_notes       (MskRequest        *self,
                                               const char        *notes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskRequest, msk_request_free)

G_END_DECLS
