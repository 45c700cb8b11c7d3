/* msk-test-util.h — shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-decision.h"

G_BEGIN_DECLS

/* A fixture from tests/data/, parsed; the test aborts if it is unreadable. */
JsonNode  *msk_test_load_fixture (const char *name);
/* Adds one subtest per case of the fixture's "cases" array, at
 * PREFIX/NAME, called with the case's JsonObject: a hazard control or a
 * failure names the very case. */
void       msk_test_add_fixture_cases (const char    *fixture,
                                       const char    *prefix,
                                       GTestDataFunc  func);
/* The bytes of the bundled policy, exactly as the program holds them. */
GBytes    *msk_test_bundled_bytes (void);
/* The same, parsed, to edit with msk_test_edit(). */
JsonNode  *msk_test_bundled_json (void);
/* The file data/meson.build names (MSK_BUNDLED_POLICY), parsed: what a test
 * expects of the bundled policy, read without the policy loader. */
JsonNode  *msk_test_bundled_file_json (void);
/* One string of that file's "metadata", e.g. "version". */
char      *msk_test_bundled_metadata  (const char *member);
/* Sets (value != NULL) or removes the member or element at a slash path.
 * Items are named by id, "routes/[id=ces]/when/concerns_any" (or by another
 * member, "services/[borough=newham]"); a position, "routes/0", only where
 * the position is what a test is about. */
void       msk_test_edit         (JsonNode   *root,
                                  const char *path,
                                  JsonNode   *value);
/* `text` (a problem the validator reports, say) with every "[KEY=VALUE]" in
 * its "$.routes[id=ces].when" paths replaced by that item's position in
 * `root`: an expected problem names the item, and still says where it is. */
char      *msk_test_resolve_ids  (JsonNode   *root,
                                  const char *text);
/* The node at such a path (owned by root); the test aborts if there is none. */
JsonNode  *msk_test_lookup       (JsonNode   *root,
                                  const char *path);
/* Gives a policy (the bundled one, parsed) a new version, stated in its
 * source text as the validator requires of a stamp. */
void       msk_test_set_version  (JsonNode   *root,
                                  const char *version);
/* The bundled policy as JSON text, one member a line, with the value at
 * `path` replaced by the raw JSON text `raw`, in which "%s" stands for the
 * value as written (inside its quotes, for a string): for the inputs
 * json-glib would not write (escapes, duplicate keys, bytes between
 * tokens), however the bundled file is laid out. */
GBytes    *msk_test_edit_text    (const char *path,
                                  const char *raw);
char      *msk_test_to_json      (JsonNode   *node);
/* Writes `contents` (len -1: NUL-terminated) to DIR/NAME; the new path. */
char      *msk_test_write_temp   (const char *dir,
                                  const char *name,
                                  const char *contents,
                                  gssize      len);
/* The bundled policy as a maintainer would change it for a new version, as
 * data only: one more concern (id MSK_TEST_NEW_CONCERN) that can be an
 * emergency, with a prompt and an emergency sign (MSK_TEST_NEW_SIGN); one
 * more pathway and an urgent route for it that the sign escalates to the
 * emergency outcome; a patient-sheet safety net for it; and the new
 * sentence the route quotes added to the policy's source text. Nothing
 * else changes. */
#define MSK_TEST_NEW_CONCERN "test_new_red_flag"
#define MSK_TEST_NEW_SIGN    "test_new_emergency_sign"
#define MSK_TEST_NEW_ROUTE   "test_new_route"
#define MSK_TEST_NEW_SAFETY_NET "test_new_safety_net"
GBytes    *msk_test_extended_policy_bytes (void);
/* An argv for msk_test_run_cli(): ARGS ("--evaluate", path). */
#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })
/* Runs the program (MSK_BINARY) with argv (NULL-terminated, without
 * argv[0]) and optional standard input; returns the exit status. */
int        msk_test_run_cli      (const char * const *args,
                                  const char  *stdin_text,
                                  char       **out,
                                  char       **err);
/* The same in the environment `envp` (nullable: this one's). */
int        msk_test_run_cli_env  (const char * const *args,
                                  const char * const *envp,
                                  const char  *stdin_text,
                                  char       **out,
                                  char       **err);

/* The bundled policy's metadata date MEMBER ("effective" or "review"),
 * read from the file MSK_BUNDLED_POLICY names, moved by `days`: tests say
 * "the day after review", not a date, so a new version passes as it is. */
void       msk_test_bundled_date     (const char *member,
                                      int         days,
                                      GDate      *date);
/* The same as "YYYY-MM-DD", as --date and the fixtures take a date. */
char      *msk_test_bundled_date_iso (const char *member,
                                      int         days);
/* The same as a user is shown it, "17/11/2027". */
char      *msk_test_bundled_date_uk  (const char *member,
                                      int         days);
/* A fixture's "date": "YYYY-MM-DD" as it is, or one relative to the
 * bundled policy, MEMBER[+N|-N]: "review", "review+1", "effective-1". */
char      *msk_test_resolve_date     (const char *text);
/* `text` with every "{effective}" and "{review}" replaced by that date as
 * shown, "17/11/2025": fixture text that quotes the policy's dates. */
char      *msk_test_resolve_shown_dates (const char *text);

G_END_DECLS
