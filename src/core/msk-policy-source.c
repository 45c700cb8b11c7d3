/* msk-policy-source.c — which policy file is in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "msk-core-resources.h"
#include "msk-io.h"
#include "msk-json-guard-private.h"
#include "msk-policy-private.h"
#include "msk-policy-source.h"

#define SYSTEM_POLICY_NAME "msk-mri-advisor", "policy.json"

void
msk_refusal_free (MskRefusal *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->path);
  g_clear_error (&refusal->error);
  g_free (refusal);
}

char *
msk_policy_find_system_file (void)
{
  const char * const *dirs = g_get_system_config_dirs ();

  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      /* The XDG specification: a relative path in the list is ignored. It
       * would name a file relative to wherever the app was started from. */
      if (!g_path_is_absolute (dirs[i]))
        continue;
      path = g_build_filename (dirs[i], SYSTEM_POLICY_NAME, NULL);

      /* lstat, not stat: a dangling link is still the first directory's
       * entry, and is refused as missing rather than passed over for a file
       * in a later directory that the administrator did not choose. */
      if (g_lstat (path, &st) == 0)
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
add_refusal (GPtrArray  *refusals,
             const char *path,
             GError     *error)  /* taken */
{
  MskRefusal *r;

  if (refusals == NULL)
    {
      g_error_free (error);
      return;
    }
  r = g_new0 (MskRefusal, 1);
  r->path = g_strdup (path);
  r->error = error;
  g_ptr_array_add (refusals, r);
}

static MskPolicy *
try_file (const char *path,
          GPtrArray  *refusals)
{
  GError *error = NULL;
  MskPolicy *policy = msk_policy_new_from_file (path, &error);

  if (policy == NULL)
    add_refusal (refusals, path, error);
  return policy;
}

/* The system-wide file decides for every user of the machine: one that
 * anyone could have written is refused, whatever it holds. */
static MskPolicy *
try_system_file (const char *path,
                 GPtrArray  *refusals)
{
  GError *error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;
  MskPolicy *policy;

  /* Any directory on the way to the file (links followed) that someone
   * else could write to lets them replace it: one anyone may write to
   * (unless sticky), or one owned by another user who is not root. */
  {
    g_autofree char *real = realpath (path, NULL);
    g_autofree char *up = g_path_get_dirname (real != NULL ? real : path);

    g_free (dir);
    dir = NULL;
    while (up != NULL)
      {
        const char *why = NULL;

        if (g_stat (up, &st) == 0)
          {
            if ((st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_ISVTX) == 0)
              why = "anyone can write to";
            else if (st.st_uid != 0 && st.st_uid != getuid ())
              why = "another user owns";
          }
        if (why != NULL)
          {
            g_autofree char *safe_path = _msk_printable (path);
            g_autofree char *safe_dir = _msk_printable (up);
            g_set_error (&error, MSK_ERROR, MSK_ERROR_IO,
                         "%s: refused: %s the directory %s (mode %04o), on the way to it",
                         safe_path, why, safe_dir, (guint) (st.st_mode & 07777));
            add_refusal (refusals, path, error);
            return NULL;
          }
        if (strcmp (up, "/") == 0 || strcmp (up, ".") == 0)
          break;
        {
          char *next = g_path_get_dirname (up);
          g_free (up);
          up = next;
        }
      }
  }

  bytes = msk_read_limited_full (path, MSK_POLICY_MAX_BYTES, "$", MSK_ERROR_INVALID_POLICY,
                                 MSK_READ_OWNER_ONLY, &error);
  if (bytes == NULL)
    {
      add_refusal (refusals, path, error);
      return NULL;
    }
  policy = msk_policy_new_from_bytes (bytes, path, &error);
  if (policy == NULL)
    add_refusal (refusals, path, error);
  return policy;
}

MskPolicy *
msk_policy_load_preferred (const char *override_path,
                           GPtrArray  *refusals)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *system = NULL;
  MskPolicy *policy = NULL;

  if (override_path != NULL)
    policy = try_file (override_path, refusals);
  if (policy == NULL && (system = msk_policy_find_system_file ()) != NULL)
    policy = try_system_file (system, refusals);
  if (policy == NULL)
    {
      policy = msk_policy_new_bundled (&error);
      /* The tests load the bundled policy on every run: failing here means
       * the program itself is broken, not the user's input. */
      if (policy == NULL)
        g_error ("The bundled policy does not load: %s", error->message);
    }
  return policy;
}

/* By content, not by name: a file that is a copy of the bundled policy
 * decides exactly as it does, and any other file does not. A byte
 * comparison with the resource, which is not compressed: hashing the
 * bundled file again cost --evaluate 8 % of its instructions. */
gboolean
_msk_policy_bytes_are_bundled (GBytes *bytes)
{
  g_autoptr(GBytes) bundled = g_resource_lookup_data (msk_core_get_resource (), MSK_BUNDLED_RESOURCE, 0, NULL);

  return bundled != NULL && g_bytes_equal (bundled, bytes);
}

/* sha256sum's line for the bundled file, written by the build (data/
 * meson.build); NULL if it is not 64 hex digits. */
char *
_msk_policy_bundled_sha256 (void)
{
  g_autoptr(GBytes) line = g_resource_lookup_data (msk_core_get_resource (), MSK_BUNDLED_RESOURCE ".sha256", 0, NULL);
  gsize len = 0;
  const char *text = line != NULL ? g_bytes_get_data (line, &len) : NULL;

  if (text == NULL || len < 64)
    return NULL;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return NULL;
  return g_strndup (text, 64);
}

gboolean
msk_policy_is_bundled (MskPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  return policy->bundled;
}

char *
msk_policy_describe_source (MskPolicy *policy)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  if (msk_policy_is_bundled (policy))
    return NULL;
  origin = _msk_printable (msk_policy_get_origin (policy));
  return g_strdup_printf ("using the policy in %s (sha256 %s), not the one bundled with the program",
                          origin, msk_policy_get_sha256 (policy));
}
