/* layout-count.c — counts the Pango layouts a program measures, per text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An LD_PRELOAD shim for `bench/run --layouts`: it wraps
 * pango_layout_get_size() and pango_layout_get_pixel_size(), which is how GTK
 * measures label text, and at exit writes to $BENCH_LAYOUT_REPORT (or
 * stderr) the total and, per text, how many layouts were measured and at how
 * many distinct widths. A label measured at many widths is being bisected by
 * a width-for-height search; see docs/performance.md.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  guint       count;
  GHashTable *widths;
} Entry;

static GHashTable *entries;  /* text → Entry */
static guint total;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = g_hash_table_lookup (entries, *(const char * const *) a);
  const Entry *y = g_hash_table_lookup (entries, *(const char * const *) b);

  return (int) y->count - (int) x->count;
}

static void
report (void)
{
  const char *path = g_getenv ("BENCH_LAYOUT_REPORT");
  FILE *out = path != NULL ? fopen (path, "w") : NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (out == NULL)
    out = stderr;
  fprintf (out, "layouts=%u\n", total);
  if (entries != NULL)
    {
      g_hash_table_iter_init (&iter, entries);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (texts, key);
      g_ptr_array_sort (texts, compare_entries);
      for (guint i = 0; i < texts->len && i < 12; i++)
        {
          const Entry *e = g_hash_table_lookup (entries, texts->pdata[i]);
          fprintf (out, "%5u layouts at %2u widths  %s\n", e->count,
                   g_hash_table_size (e->widths), (const char *) texts->pdata[i]);
        }
    }
  if (out != stderr)
    fclose (out);
}

/* Report even when nothing was measured. */
__attribute__ ((constructor)) static void
init (void)
{
  entries = g_hash_table_new (g_str_hash, g_str_equal);
  atexit (report);
}

static void
count (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  g_autofree char *key = NULL;
  Entry *e;

  /* The first line, shortened: enough to tell the labels apart. */
  key = g_strndup (text != NULL ? text : "", 60);
  g_strdelimit (key, "\n", '\0');
  e = g_hash_table_lookup (entries, key);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->widths = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (entries, g_strdup (key), e);
    }
  e->count++;
  g_hash_table_add (e->widths, GINT_TO_POINTER (pango_layout_get_width (layout)));
  total++;
}

void
pango_layout_get_size (PangoLayout *layout,
                       int         *width,
                       int         *height)
{
  static void (*real) (PangoLayout *, int *, int *);

  if (real == NULL)
    real = (void (*) (PangoLayout *, int *, int *)) dlsym (RTLD_NEXT, "pango_layout_get_size");
  count (layout);
  real (layout, width, height);
}

void
pango_layout_get_pixel_size (PangoLayout *layout,
                             int         *width,
                             int         *height)
{
  static void (*real) (PangoLayout *, int *, int *);

  if (real == NULL)
    real = (void (*) (PangoLayout *, int *, int *)) dlsym (RTLD_NEXT, "pango_layout_get_pixel_size");
  count (layout);
  real (layout, width, height);
}
