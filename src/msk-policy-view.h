/* msk-policy-view.h — the whole policy, readable offline, with search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "msk-policy.h"

G_BEGIN_DECLS

#define MSK_TYPE_POLICY_VIEW (msk_policy_view_get_type ())

G_DECLARE_FINAL_TYPE (MskPolicyView, msk_policy_view, MSK, POLICY_VIEW, GtkBox)

GtkWidget *msk_policy_view_new           (void);
void       msk_policy_view_set_policy    (MskPolicyView *self,
                                          MskPolicy     *policy);
/* Makes the view's text and loads its fonts now, before it is shown, so
 * that its first showing only lays it out and draws it. Call when the app
 * is idle. */
void       msk_policy_view_prepare       (MskPolicyView *self);
/* As a fresh view: no search, no matches, at the top (a new patient). */
void       msk_policy_view_reset         (MskPolicyView *self);
/* Whether `widget` is in the policy's text (the text or one of its links):
 * a place to come back to, where the section list and search are not. */
gboolean   msk_policy_view_is_in_text    (MskPolicyView *self,
                                          GtkWidget     *widget);
/* Focuses the policy's text, where the arrow and page keys scroll it. */
void       msk_policy_view_focus_text    (MskPolicyView *self);
/* Focuses `place` (a place in the text, from msk_policy_view_is_in_text)
 * if it is still on the page shown, else the text. */
void       msk_policy_view_focus_place   (MskPolicyView *self,
                                          GtkWidget     *place);
/* Opens the search bar and focuses its entry. */
void       msk_policy_view_start_search  (MskPolicyView *self);

G_END_DECLS
