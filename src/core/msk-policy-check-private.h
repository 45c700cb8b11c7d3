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


/* The checker's building blocks, shared by the loader (msk-policy-load.c)
 * and defined in msk-policy-check.c. Each is called by its short name. */
typedef MskPath Path;
typedef MskCheck Check;

/* Walks an array of objects: checks it, allocates `size` bytes an item and
 * calls `each` for every element that is an object. Duplicate ids are
 * reported here so every collection gets the check. */
typedef void (*ItemFunc) (Check *c, const Path *path, JsonObject *obj, gpointer item, guint index);

const char * _msk_check_node_type_name (JsonNode *node);
#define node_type_name _msk_check_node_type_name
gboolean _msk_check_is_string (JsonNode *n);
#define is_string _msk_check_is_string
gboolean _msk_check_is_bool (JsonNode *n);
#define is_bool _msk_check_is_bool
void _msk_check_check_members (Check *c, const Path *path, JsonObject *obj, const char * const *known);
#define check_members _msk_check_check_members
JsonObject * _msk_check_want_object (Check *c, const Path *path, JsonNode *node);
#define want_object _msk_check_want_object
JsonArray * _msk_check_want_array (Check *c, const Path *path, JsonNode *node, gboolean required);
#define want_array _msk_check_want_array
gboolean _msk_check_too_long (Check *c, const Path *path, JsonArray *arr);
#define too_long _msk_check_too_long
const char * _msk_check_want_string (Check *c, const Path *up, JsonObject *obj, const char *member, gboolean required);
#define want_string _msk_check_want_string
gboolean _msk_check_want_bool (Check *c, const Path *up, JsonObject *obj, const char *member, gboolean fallback);
#define want_bool _msk_check_want_bool
const char * _msk_check_want_id (Check *c, const Path *up, JsonObject *obj);
#define want_id _msk_check_want_id
const char * _msk_check_want_url (Check *c, const Path *up, JsonObject *obj);
#define want_url _msk_check_want_url
void _msk_check_want_date (Check *c, const Path *up, JsonObject *obj, const char *member, GDate *out);
#define want_date _msk_check_want_date
gconstpointer _msk_check_resolve_one (Check *c, const Path *up, JsonObject *obj, const char *member, gboolean required, const char *what, gconstpointer (*finder) (MskPolicy *, const char *));
#define resolve_one _msk_check_resolve_one
gconstpointer * _msk_check_resolve_list (Check *c, const Path *up, JsonObject *obj, const char *member, gboolean required, const char *what, gconstpointer (*finder) (MskPolicy *, const char *), guint *n_out);
#define resolve_list _msk_check_resolve_list
gpointer _msk_check_load_items (Check *c, const Path *up, JsonObject *parent, const char *member, gsize size, gsize id_offset, ItemFunc each, guint *n_out);
#define load_items _msk_check_load_items
const char * _msk_check_want_kind (Check *c, const Path *up, JsonObject *obj, const char * const *kinds);
#define want_kind _msk_check_want_kind
guint _msk_check_list_to_mask (gconstpointer *items, guint n, gsize index_offset);
#define list_to_mask _msk_check_list_to_mask
const char ** _msk_check_want_string_list (Check *c, const Path *up, JsonObject *obj, const char *member, gboolean non_empty);
#define want_string_list _msk_check_want_string_list

/* Resolves a member holding one id; reports the member when the id is unknown. */
#define RESOLVE(c, up, obj, member, finder, what, required)             \
  resolve_one ((c), (up), (obj), (member), (required), (what),          \
               (gconstpointer (*) (MskPolicy *, const char *)) (finder))

#define RESOLVE_LIST(c, up, obj, member, finder, what, required, n_out)       \
  resolve_list ((c), (up), (obj), (member), (required), (what),              \
                (gconstpointer (*) (MskPolicy *, const char *)) (finder), (n_out))

/* Texts the file presents as the policy's own words must stand, word for
 * word, in its "source". */
void _msk_policy_check_verbatim   (MskCheck      *c,
                                   JsonObject    *root);
/* Parses JSON noting the line each object, array and member starts on, for
 * problems on a failing file; NULL when the text is not JSON. */
JsonParser *_msk_check_parse_tracking_lines (const char  *data,
                                             gsize        len,
                                             GHashTable **lines_out);
#define parse_tracking_lines _msk_check_parse_tracking_lines

/* Parses, checks and builds a policy from a file's bytes. Returns every
 * problem, with line numbers when there are any; *policy_out is set only
 * when there are none. */
GPtrArray *_msk_policy_load_bytes         (GBytes        *bytes,
                                           MskPolicy    **policy_out);

/* Rules a policy file may not break however it is written: a red flag never
 * permits MRI, every concern and sign reaches a route, and so on. */
void _msk_policy_check_invariants (MskCheck      *c,
                                   JsonObject    *root);

G_END_DECLS
