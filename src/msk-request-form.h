/* msk-request-form.h — the short form a clinician fills in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-request.h"

G_BEGIN_DECLS

#define MSK_TYPE_REQUEST_FORM (msk_request_form_get_type ())

G_DECLARE_FINAL_TYPE (MskRequestForm, msk_request_form, MSK, REQUEST_FORM, GtkBox)

GtkWidget  *msk_request_form_new         (void);
void        msk_request_form_set_policy  (MskRequestForm *self,
                                          MskPolicy      *policy);
/* What the form holds now, clinical note included, as a new request
 * (transfer full). */
MskRequest *msk_request_form_get_request (MskRequestForm *self);
/* Puts the keyboard focus on the first field. */
void        msk_request_form_focus_first (MskRequestForm *self);
/* Keys typed into a list still opening that have decided what it does
 * (with the key pressed now, `keyval` with `modifiers`: Tab picks) take
 * effect now: call with each key press, before anything else handles it. */
void        msk_request_form_settle      (MskRequestForm  *self,
                                          guint            keyval,
                                          GdkModifierType  modifiers);
/* Back to a fresh form for the next patient. */
void        msk_request_form_clear       (MskRequestForm *self);

G_END_DECLS
