/* msk-policy-lint-private.h — checks every string of a policy file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Length limits, in characters, documented in docs/hostile-input.md. */
#define MSK_POLICY_MAX_ID_CHARS     64
#define MSK_POLICY_MAX_LABEL_CHARS  120
#define MSK_POLICY_MAX_TEXT_CHARS   4000
#define MSK_POLICY_MAX_URL_CHARS    2048
#define MSK_POLICY_MAX_WORD_CHARS   64

/* Walks the whole tree under `root` and appends a problem, "path: reason
 * (line N)", for each string that holds a control or bidi character, a line
 * separator, or an invisible character, is too long for its place, holds a
 * word too long to wrap, or (under "url") is not a plain https link with a
 * full host name. `lines` (nullable) maps nodes to lines, as the loader's
 * second pass builds it. Members starting with '_' are comments and skipped. */
void _msk_policy_lint (JsonNode   *root,
                       GHashTable *lines,
                       GPtrArray  *problems);

G_END_DECLS
