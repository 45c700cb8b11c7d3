/* test-glyphs.c — every name East London writes prints as letters, not boxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A clinical note may hold a patient's or carer's name in Bengali, Urdu,
 * Gujarati, Punjabi, Tamil, Hindi, or Latin with the accents of Polish,
 * Lithuanian, Romanian, Turkish or Somali. The summary lays notes out with
 * Pango in the summary's own face list; a letter no installed font has is
 * drawn as a box with its hex code, which nobody can read on paper. The
 * names below are made up.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "msk-io.h"
#include "msk-summary-private.h"
#include "msk-summary.h"

/* The summary's face list (FONT_FAMILIES in src/summary/msk-summary.c).
 * Kept equal by hand: if the summary's list changes, change this one. */
#define SUMMARY_FONT "Cantarell, DejaVu Sans, sans-serif 10"

/* The face the renderer sets Urdu in (src/summary/msk-summary.c). */
#define NASTALIQ "Noto Nastaliq Urdu"

typedef struct {
  const char *script;
  const char *text;
} Sample;

static const Sample samples[] = {
  { "Bengali",    "আমার নাম রহিমা বেগম। শুভ সকাল, সুলতানা খাতুন" },
  { "Urdu",       "میرا نام عائشہ خان ہے۔ صبح بخیر، ڈاکٹر صاحب" },
  { "Arabic",     "اسمي فاطمة الزهراء، صباح الخير" },
  { "Gujarati",   "મારું નામ પ્રિયા પટેલ છે. સુપ્રભાત" },
  { "Gurmukhi",   "ਮੇਰਾ ਨਾਮ ਹਰਪ੍ਰੀਤ ਕੌਰ ਹੈ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ" },
  { "Tamil",      "என் பெயர் கவிதா செல்வராஜ்" },
  { "Devanagari", "मेरा नाम अंजलि शर्मा है" },
  { "Polish",     "Łucja Wójcik, Zażółć gęślą jaźń, Małgorzata Źródło" },
  { "Lithuanian", "Ėglė Žemaitytė, Ąžuolas Šimkūnas, Įvairūs ųūčę" },
  { "Romanian",   "Ștefan Țurcanu, Ioana Bălănescu, Râșnov, Înălțime" },
  { "Turkish",    "Şükrü Çelik, Gülşen Öztürk, Ağrı, İstanbul, ığüşöç" },
  { "Somali",     "Cabdullaahi Maxamed Xasan, Faadumo Cali Warsame" },
};

static PangoLayout *
lay_out (const char *text)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoLayout *layout;
  PangoFontDescription *font = pango_font_description_from_string (SUMMARY_FONT);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_context_set_language (context, pango_language_from_string ("en-gb"));
  layout = pango_layout_new (context);
  g_object_unref (context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 400 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  _msk_summary_mark_urdu (attrs, text, 0);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_font_description_free (font);
  return layout;
}

/* The families Pango chose for the text's glyph runs. */
static GPtrArray *
families_used (PangoLayout *layout)
{
  GPtrArray *families = g_ptr_array_new_with_free_func (g_free);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      if (run != NULL)
        {
          PangoFontDescription *d = pango_font_describe (run->item->analysis.font);
          g_ptr_array_add (families, g_strdup (pango_font_description_get_family (d)));
          pango_font_description_free (d);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  return families;
}

static gboolean
uses_family (GPtrArray  *families,
             const char *family)
{
  for (guint i = 0; i < families->len; i++)
    if (g_strcmp0 (families->pdata[i], family) == 0)
      return TRUE;
  return FALSE;
}

static void
test_sample (gconstpointer data)
{
  const Sample *s = data;
  PangoLayout *layout = lay_out (s->text);
  g_autoptr(GPtrArray) families = families_used (layout);
  int unknown = pango_layout_get_unknown_glyphs_count (layout);

  g_object_unref (layout);

  if (unknown != 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < families->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) families->pdata[i]);
      g_test_message ("%s: %d letters with no font (faces used: %s)", s->script, unknown, list->str);
      g_test_fail ();
      return;
    }
  if (strcmp (s->script, "Urdu") == 0)
    g_assert_true (uses_family (families, NASTALIQ));
  else
    /* Arabic and every other script keep their usual faces. */
    g_assert_false (uses_family (families, NASTALIQ));
}

/* The check can fail: a code point no font has is counted. */
static void
test_unknown_is_counted (void)
{
  PangoLayout *layout = lay_out ("Name: \xcd\xb8\xf0\x9f\xaf\xb0");  /* U+0378 (unassigned), U+1FBF0 */

  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), >, 0);
  g_object_unref (layout);
}

/* Through the real renderer: a summary whose note holds every sample is
 * written as PDF, and the fonts it embeds include a face for each Indic
 * script (pdffonts, from poppler-utils). */
static void
test_summary_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPolicy) policy = msk_policy_new_bundled (&error);
  g_autoptr(MskRequest) request = NULL;
  g_autoptr(MskDecision) decision = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* By script, not face: fontconfig may pick the serif or sans cut. */
  const char *needed[] = { "Bengali", "Gujarati", "Gurmukhi", "Tamil", "Devanagari", "NastaliqUrdu" };
  int status = 0;
  GDate today;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_string_append_printf (note, "%s%s", i ? " / " : "", samples[i].text);
  g_assert_cmpuint (g_utf8_strlen (note->str, -1), <=, MSK_REQUEST_NOTES_MAX_CHARS);
  request = msk_request_new (policy);
  msk_request_set_requester (request, msk_policy_get_requester (policy, 0));
  msk_request_set_region (request, msk_policy_get_region (policy, 0));
  msk_request_set_notes (request, note->str);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2026);
  decision = msk_evaluate (policy, request, &today);

  dir = g_dir_make_tmp ("msk-glyphs-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "summary.pdf", NULL);
  bytes = msk_summary_to_pdf (decision, MSK_SUMMARY_DECISION, NULL, MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT,
                              &error);
  g_assert_no_error (error);
  g_assert_true (msk_write_file_atomic (pdf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdffonts", pdf, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (strstr (out, needed[i]) == NULL)
      {
        g_test_message ("the summary PDF embeds no %s; its fonts:\n%s", needed[i], out);
        g_test_fail ();
      }
  g_remove (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/glyphs/%s", samples[i].script);
      g_test_add_data_func (path, &samples[i], test_sample);
    }
  g_test_add_func ("/glyphs/unknown-is-counted", test_unknown_is_counted);
  g_test_add_func ("/glyphs/summary-pdf", test_summary_pdf);
  return g_test_run ();
}
