/* msk-request.c — the clinician's request, and its strict JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-json-guard-private.h"
#include "msk-request.h"
#include "msk-text.h"  /* issue #11 */

struct _MskRequest {
  MskPolicy       *policy;
  const MskChoice *requester;
  gboolean         fcp_governance;
  const MskRegion *region;
  const MskChoice *borough;
  guint            concerns;  /* bit i = the policy's concern i */
  guint            signs;     /* bit i = the policy's emergency sign i */
  char            *notes;
};

G_DEFINE_BOXED_TYPE (MskRequest, msk_request, msk_request_copy, msk_request_free)

/* The free-text note is for the clinician's own record; keep it short enough
 * to print on the one-page summary. */

MskRequest *
msk_request_new (MskPolicy *policy)
{
  MskRequest *self;

  g_return_val_if_fail (policy != NULL, NULL);

  self = g_new0 (MskRequest, 1);
  self->policy = msk_policy_ref (policy);
  return self;
}

MskRequest *
msk_request_copy (const MskRequest *self)
{
  MskRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  msk_policy_ref (copy->policy);
  copy->notes = g_strdup (self->notes);
  return copy;
}

void
msk_request_free (MskRequest *self)
{
  if (self == NULL)
    return;
  msk_policy_unref (self->policy);
  g_free (self->notes);
  g_free (self);
}

G_GNUC_PRINTF (2, 3)
static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST, msg);
  return FALSE;
}

static const char *
type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node)) return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node)) return "an array";
  if (JSON_NODE_HOLDS_NULL (node)) return "null";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a number";
    }
}

static gboolean
get_string (JsonNode    *node,
            const char  *field,
            const char **out,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return refuse (error, "request.%s: must be a string, not %s", field, type_name (node));
  *out = json_node_get_string (node);
  return TRUE;
}

/* Ids are echoed back in messages: keep a hostile one from flooding a
 * terminal or moving its cursor, and keep readable text readable. */
static char *
quote_id (const char *id)
{
  GString *s = g_string_new ("\"");
  glong n = 0;

  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (s, "…");
          break;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", (char) c);
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_unichar (s, c);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static gboolean
parse_members (MskRequest  *self,
               JsonObject  *obj,
               GError     **error)
{
  static const char * const known[] = { "requester", "fcp_governance", "region", "borough", "concerns",
                                        "emergency_signs", "notes", NULL };
  g_autoptr(GList) members = json_object_get_members (obj);
  MskPolicy *policy = self->policy;
  JsonNode *node;
  const char *s;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *q = quote_id (l->data);
        return refuse (error, "request: unknown field %s (known: requester, fcp_governance, region, borough, concerns, emergency_signs, notes)", q);
      }

  node = json_object_get_member (obj, "requester");
  if (node == NULL)
    return refuse (error, "request.requester: missing (one of the requester ids is required)");
  if (!get_string (node, "requester", &s, error))
    return FALSE;
  self->requester = msk_policy_find_requester (policy, s);
  if (self->requester == NULL)
    {
      g_autofree char *q = quote_id (s);
      return refuse (error, "request.requester: unknown requester %s", q);
    }

  node = json_object_get_member (obj, "fcp_governance");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return refuse (error, "request.fcp_governance: must be true or false, not %s", type_name (node));
      self->fcp_governance = json_node_get_boolean (node);
    }

  node = json_object_get_member (obj, "region");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!get_string (node, "region", &s, error))
        return FALSE;
      self->region = msk_policy_find_region (policy, s);
      if (self->region == NULL)
        {
          g_autofree char *q = quote_id (s);
          return refuse (error, "request.region: unknown region %s", q);
        }
    }

  node = json_object_get_member (obj, "borough");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!get_string (node, "borough", &s, error))
        return FALSE;
      self->borough = msk_policy_find_borough (policy, s);
      if (self->borough == NULL)
        {
          g_autofree char *q = quote_id (s);
          return refuse (error, "request.borough: unknown borough %s", q);
        }
    }

  node = json_object_get_member (obj, "concerns");
  if (node == NULL)
    return refuse (error, "request.concerns: missing (use [] when there is no concern)");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, "request.concerns: must be an array, not %s", type_name (node));
  {
    JsonArray *arr = json_node_get_array (node);

    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonNode *el = json_array_get_element (arr, i);
        const MskConcern *concern;

        if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
          return refuse (error, "request.concerns[%u]: must be a string, not %s", i, type_name (el));
        concern = msk_policy_find_concern (policy, json_node_get_string (el));
        if (concern == NULL)
          {
            g_autofree char *q = quote_id (json_node_get_string (el));
            return refuse (error, "request.concerns[%u]: unknown concern %s", i, q);
          }
        if (self->concerns & (1u << concern->index))
          {
            g_autofree char *q = quote_id (concern->id);
            return refuse (error, "request.concerns[%u]: duplicate concern %s", i, q);
          }
        self->concerns |= 1u << concern->index;
      }
  }

  /* A sign is offered only under its ticked concern: alone it would say
   * "emergency" about a concern the clinician did not raise. */
  node = json_object_get_member (obj, "emergency_signs");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, "request.emergency_signs: must be an array, not %s", type_name (node));
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (node), i);
      const MskSign *sign;

      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
        return refuse (error, "request.emergency_signs[%u]: must be a string, not %s", i, type_name (el));
      sign = msk_policy_find_sign (policy, json_node_get_string (el));
      if (sign == NULL)
        {
          g_autofree char *q = quote_id (json_node_get_string (el));
          return refuse (error, "request.emergency_signs[%u]: unknown emergency sign %s", i, q);
        }
      if (self->signs & (1u << sign->index))
        {
          g_autofree char *q = quote_id (sign->id);
          return refuse (error, "request.emergency_signs[%u]: duplicate emergency sign %s", i, q);
        }
      if ((self->concerns & (1u << sign->concern->index)) == 0)
        {
          g_autofree char *q = quote_id (sign->id);
          g_autofree char *qc = quote_id (sign->concern->id);
          return refuse (error, "request.emergency_signs[%u]: the sign %s belongs to the concern %s, which is not in request.concerns",
                         i, q, qc);
        }
      self->signs |= 1u << sign->index;
    }

  node = json_object_get_member (obj, "notes");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!get_string (node, "notes", &s, error))
        return FALSE;
      if (g_utf8_strlen (s, -1) > MSK_REQUEST_NOTES_MAX_CHARS)
        return refuse (error, "request.notes: longer than %d characters", MSK_REQUEST_NOTES_MAX_CHARS);
      self->notes = msk_text_normalize_note (s);  /* issue #11 */
    }

  return TRUE;
}

MskRequest *
msk_request_new_from_json (MskPolicy   *policy,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(MskRequest) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  _msk_skip_bom (&data, &length);
  if (!_msk_json_guard_check (data, length, MSK_REQUEST_MAX_BYTES, "request", MSK_ERROR_INVALID_REQUEST, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      /* json-glib's message carries "<data>:LINE:COL: Parse error: ..."; keep it on one line. */
      g_autofree char *one_line = _msk_printable (local->message);
      refuse (error, "request: not valid JSON: %s", one_line);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (error, "request: must be a JSON object, not %s", root ? type_name (root) : "empty");
      return NULL;
    }

  self = msk_request_new (policy);
  if (!parse_members (self, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&self);
}

MskPolicy *
msk_request_get_policy (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->policy;
}

const MskChoice *
msk_request_get_requester (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->requester;
}

void
msk_request_set_requester (MskRequest      *self,
                           const MskChoice *requester)
{
  g_return_if_fail (self != NULL);
  self->requester = requester;
  /* Governance belongs to the role: changing role must not carry it over. */
  if (!msk_policy_governance_applies (self->policy, requester))
    self->fcp_governance = FALSE;
}

gboolean
msk_request_get_fcp_governance (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->fcp_governance;
}

void
msk_request_set_fcp_governance (MskRequest *self,
                                gboolean    value)
{
  g_return_if_fail (self != NULL);
  self->fcp_governance = value && msk_policy_governance_applies (self->policy, self->requester);
}

const MskRegion *
msk_request_get_region (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

void
msk_request_set_region (MskRequest      *self,
                        const MskRegion *region)
{
  g_return_if_fail (self != NULL);
  self->region = region;
}

const MskChoice *
msk_request_get_borough (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->borough;
}

void
msk_request_set_borough (MskRequest      *self,
                         const MskChoice *borough)
{
  g_return_if_fail (self != NULL);
  self->borough = borough;
}

gboolean
msk_request_has_concern (const MskRequest *self,
                         const MskConcern *concern)
{
  g_return_val_if_fail (self != NULL && concern != NULL, FALSE);
  return (self->concerns & (1u << concern->index)) != 0;
}

void
msk_request_set_concern (MskRequest       *self,
                         const MskConcern *concern,
                         gboolean          ticked)
{
  g_return_if_fail (self != NULL && concern != NULL);
  if (ticked)
    self->concerns |= 1u << concern->index;
  else
    {
      /* Unticking a concern takes its emergency signs with it. */
      self->concerns &= ~(1u << concern->index);
      for (guint i = 0; i < concern->n_signs; i++)
        self->signs &= ~(1u << concern->signs[i].index);
    }
}

gboolean
msk_request_has_sign (const MskRequest *self,
                      const MskSign    *sign)
{
  g_return_val_if_fail (self != NULL && sign != NULL, FALSE);
  return (self->signs & (1u << sign->index)) != 0;
}

void
msk_request_set_sign (MskRequest    *self,
                      const MskSign *sign,
                      gboolean       ticked)
{
  g_return_if_fail (self != NULL && sign != NULL);
  /* A sign never stands without its concern. */
  g_return_if_fail (!ticked || msk_request_has_concern (self, sign->concern));
  if (ticked)
    self->signs |= 1u << sign->index;
  else
    self->signs &= ~(1u << sign->index);
}

guint
msk_request_get_sign_mask (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->signs;
}

guint
msk_request_get_concern_mask (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->concerns;
}

const char *
msk_request_get_notes (const MskRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->notes;
}

void
msk_request_set_notes (MskRequest *self,
                       const char *notes)
{
  g_return_if_fail (self != NULL);
  g_free (self->notes);
  self->notes = msk_text_normalize_note (notes);  /* issue #11 */
}
