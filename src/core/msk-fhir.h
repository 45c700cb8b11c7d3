/* msk-fhir.h — a decision as an HL7 FHIR R4 GuidanceResponse, for other systems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the public decision API alone, so it follows the decision JSON
 * wherever the core goes. It carries no patient identifier and no code from
 * any terminology: every CodeableConcept is text only.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-decision.h"

G_BEGIN_DECLS

/* The GuidanceResponse, with a contained RequestGroup whose actions point to
 * contained ServiceRequests (the MRI, and each pathway). (transfer full) */
JsonNode *msk_fhir_guidance_response  (const MskDecision *decision);
/* The same as text: pretty-printed, or compact on one line; ends in a
 * newline either way. */
char     *msk_fhir_to_json            (const MskDecision *decision,
                                       gboolean           pretty);
/* A refused request as an OperationOutcome: `field` and `reason` are the two
 * halves of the parser's one-line error; `line` is 0 when there is none.
 * (transfer full) */
JsonNode *msk_fhir_operation_outcome  (guint              line,
                                       const char        *field,
                                       const char        *reason);
/* FHIR request-priority for an urgency id of the decision ("stat", "urgent",
 * "routine"), or NULL for an urgency the mapping does not know. */
const char *msk_fhir_priority         (const MskUrgency  *urgency);

G_END_DECLS
