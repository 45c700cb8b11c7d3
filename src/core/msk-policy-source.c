/* msk-policy-source.c — which policy file is in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
      g_autofree char *path = g_build_filename (dirs[i], SYSTEM_POLICY_NAME, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static MskPolicy *
try_file (const char *path,
          GPtrArray  *refusals)
{
  g_autoptr(GError) error = NULL;
  MskPolicy *policy = msk_policy_new_from_file (path, &error);

  if (policy == NULL && refusals != NULL)
    {
      MskRefusal *r = g_new0 (MskRefusal, 1);
      r->path = g_strdup (path);
      r->error = g_steal_pointer (&error);
      g_ptr_array_add (refusals, r);
    }
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
    policy = try_file (system, refusals);
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
