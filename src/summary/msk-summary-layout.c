/* msk-summary-layout.c — styled text set with Pango into blocks, fonts, shrink-to-fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is built once as a column of blocks (paragraphs, headings,
 * boxes), then cut into pages (msk-summary-pages.c). Every string that comes from the policy or
 * from the form goes through pango_layout_set_text(): policy text may hold
 * '<' or '&', and must print as written, never as markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-summary-layout-private.h"
#include "msk-summary-private.h"
#include "msk-text.h"  /* issue #11 */

/* Cantarell is the GNOME face and installed with the app's dependencies;
 * the others only stand in when it is missing. It has no italic, so no
 * style below uses one. */
#define FONT_FAMILIES "Cantarell, DejaVu Sans, sans-serif"

static void
block_clear (gpointer data)
{
  MskBlock *b = data;

  g_clear_pointer (&b->parts, g_array_unref);
  g_clear_pointer (&b->breaks, g_array_unref);
}

static void
part_clear (gpointer data)
{
  MskPart *p = data;

  g_clear_object (&p->layout);
}

void
_msk_rich_init (MskRich *r)
{
  r->text = g_string_new (NULL);
  r->attrs = pango_attr_list_new ();
}

void
_msk_rich_clear (MskRich *r)
{
  g_string_free (r->text, TRUE);
  pango_attr_list_unref (r->attrs);
  r->text = NULL;
  r->attrs = NULL;
}

/* Letters Urdu uses and Arabic does not: a run of Arabic script holding one
 * is Urdu, and Urdu readers expect Nastaliq, not the Naskh face Pango would
 * otherwise choose for Arabic script. */
static gboolean
is_urdu_letter (gunichar c)
{
  return c == 0x0679 || c == 0x067E || c == 0x0686 || c == 0x0688 || c == 0x0691 || c == 0x0698 ||
         c == 0x06AF || c == 0x06BA || c == 0x06BE || c == 0x06C1 || c == 0x06C3 || c == 0x06CC ||
         c == 0x06D2 || c == 0x06D3;
}

void
_msk_summary_mark_urdu (PangoAttrList *attrs,
                        const char    *text,
                        guint          offset)
{
  PangoScriptIter *iter = pango_script_iter_new (text, -1);

  do
    {
      const char *start, *end;
      PangoScript script;
      gboolean urdu = FALSE;

      pango_script_iter_get_range (iter, &start, &end, &script);
      if (script != PANGO_SCRIPT_ARABIC)
        continue;
      for (const char *p = start; p < end; p = g_utf8_next_char (p))
        urdu |= is_urdu_letter (g_utf8_get_char (p));
      if (urdu)
        {
          PangoAttribute *family = pango_attr_family_new ("Noto Nastaliq Urdu");
          PangoAttribute *language = pango_attr_language_new (pango_language_from_string ("ur"));

          family->start_index = language->start_index = offset + (guint) (start - text);
          family->end_index = language->end_index = offset + (guint) (end - text);
          pango_attr_list_insert (attrs, family);
          pango_attr_list_insert (attrs, language);
        }
    }
  while (pango_script_iter_next (iter));
  pango_script_iter_free (iter);
}

void
_msk_rich_add (MskSummary *self,
               MskRich    *r,
               MskStyle    style,
               const char *text)
{
  static const struct { double scale; PangoWeight weight; gboolean grey; } styles[] = {
    [MSK_STYLE_BODY]    = { 1.0,  PANGO_WEIGHT_NORMAL, FALSE },
    [MSK_STYLE_STRONG]  = { 1.0,  PANGO_WEIGHT_BOLD,   FALSE },
    [MSK_STYLE_SMALL]   = { 0.85, PANGO_WEIGHT_NORMAL, FALSE },
    [MSK_STYLE_CAPTION] = { 0.85, PANGO_WEIGHT_NORMAL, TRUE },
    [MSK_STYLE_HEADING] = { 1.2,  PANGO_WEIGHT_BOLD,   FALSE },
    [MSK_STYLE_LARGE]   = { 1.35, PANGO_WEIGHT_BOLD,   FALSE },
    [MSK_STYLE_TITLE]   = { 1.7,  PANGO_WEIGHT_BOLD,   FALSE },
  };
  guint start = r->text->len;
  PangoAttribute *a;

  if (text == NULL || *text == '\0')
    return;
  {
    g_autofree char *safe = msk_text_sanitize (text, MSK_TEXT_DEFAULT);  /* issue #11 */
    g_string_append (r->text, safe);
  }

  a = pango_attr_size_new ((int) (self->body_size * styles[style].scale * PANGO_SCALE));
  a->start_index = start;
  a->end_index = r->text->len;
  pango_attr_list_insert (r->attrs, a);
  _msk_summary_mark_urdu (r->attrs, r->text->str + start, start);
  if (styles[style].weight != PANGO_WEIGHT_NORMAL)
    {
      a = pango_attr_weight_new (styles[style].weight);
      a->start_index = start;
      a->end_index = r->text->len;
      pango_attr_list_insert (r->attrs, a);
    }
  if (styles[style].grey)
    {
      /* Dark enough to photocopy; lighter than the text it explains. */
      a = pango_attr_foreground_new (0x4000, 0x4000, 0x4000);
      a->start_index = start;
      a->end_index = r->text->len;
      pango_attr_list_insert (r->attrs, a);
    }
}

void
_msk_rich_addf (MskSummary *self,
                MskRich    *r,
                MskStyle    style,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  _msk_rich_add (self, r, style, text);
}

/* Hanging paragraphs give label/value tables and numbered lists from one
 * layout. */
PangoLayout *
_msk_summary_make_layout (MskSummary *self,
                          MskRich    *r,
                          double      width,
                          double      hang)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->font);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (hang > 0)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                                pango_units_from_double (hang));
      pango_layout_set_tabs (layout, tabs);
      pango_tab_array_free (tabs);
      pango_layout_set_indent (layout, -pango_units_from_double (hang));
    }
  pango_layout_set_text (layout, r->text->str, (int) r->text->len);
  pango_layout_set_attributes (layout, r->attrs);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static MskBlock *
push_block (MskSummary   *self,
            MskBlockKind  kind,
            double        space_before)
{
  MskBlock b = { 0 };

  b.kind = kind;
  b.space_before = space_before;
  b.parts = g_array_new (FALSE, TRUE, sizeof (MskPart));
  g_array_set_clear_func (b.parts, part_clear);
  g_array_append_val (self->blocks, b);
  /* Valid until the next push. */
  return &g_array_index (self->blocks, MskBlock, self->blocks->len - 1);
}

static void
push_part (MskBlock    *b,
           PangoLayout *layout,
           double       x,
           double       y)
{
  MskPart p = { layout, x, y };

  g_array_append_val (b->parts, p);
}

void
_msk_summary_add_text (MskSummary   *self,
                       MskBlockKind  kind,
                       double        space_before,
                       double        indent,
                       double        hang,
                       MskRich      *r)
{
  PangoLayout *layout = _msk_summary_make_layout (self, r, self->content_width - indent, hang);
  MskBlock *b = push_block (self, kind, space_before);

  push_part (b, layout, indent, 0);
  b->height = layout_height (layout);
  if (kind == MSK_BLOCK_PLAIN)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (layout);

      b->breaks = g_array_new (FALSE, FALSE, sizeof (double));
      do
        {
          int y0, y1;
          double bottom;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          bottom = (double) y1 / PANGO_SCALE;
          g_array_append_val (b->breaks, bottom);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
  _msk_rich_clear (r);
}

void
_msk_summary_add_paragraph (MskSummary *self,
                            double      space_before,
                            const char *text)
{
  MskRich r;

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_BODY, text);
  _msk_summary_add_text (self, MSK_BLOCK_PLAIN, space_before, 0, 0, &r);
}

void
_msk_summary_add_bullet (MskSummary *self,
                         double      space_before,
                         double      hang,
                         const char *text)
{
  MskRich r;

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_BODY, "•\t");
  _msk_rich_add (self, &r, MSK_STYLE_BODY, text);
  _msk_summary_add_text (self, MSK_BLOCK_PLAIN, space_before, 0, hang, &r);
}

void
_msk_summary_add_heading (MskSummary *self,
                          const char *text)
{
  MskRich r;

  _msk_rich_init (&r);
  _msk_rich_add (self, &r, MSK_STYLE_HEADING, text);
  _msk_summary_add_text (self, MSK_BLOCK_HEADING, self->body_size * 1.1, 0, 0, &r);
}

void
_msk_summary_add_rule (MskSummary *self,
                       double      space_before)
{
  MskBlock *b = push_block (self, MSK_BLOCK_RULE, space_before);

  b->height = 0.75;
}

void
_msk_summary_add_box (MskSummary *self,
                      double      space_before,
                      double      border,
                      gboolean    shaded,
                      MskRich    *head,
                      MskRich    *body,
                      double      hang,
                      MskRich    *foot)
{
  double pad = self->body_size * 0.8;
  double inner = self->content_width - 2 * pad - 2 * border;
  PangoLayout *top = _msk_summary_make_layout (self, head, inner, 0);
  MskBlock *b = push_block (self, MSK_BLOCK_BOX, space_before);
  double y = pad + border;

  b->border = border;
  b->shaded = shaded;
  push_part (b, top, pad + border, y);
  y += layout_height (top);
  _msk_rich_clear (head);
  if (body != NULL)
    {
      PangoLayout *rest = _msk_summary_make_layout (self, body, inner, hang);

      y += self->body_size * 0.3;
      push_part (b, rest, pad + border, y);
      y += layout_height (rest);
      _msk_rich_clear (body);
    }
  if (foot != NULL)
    {
      PangoLayout *last = _msk_summary_make_layout (self, foot, inner, 0);

      y += self->body_size * 0.3;
      push_part (b, last, pad + border, y);
      y += layout_height (last);
      _msk_rich_clear (foot);
    }
  b->height = y + pad + border;
}

void
_msk_summary_add_details (MskSummary *self,
                          double      space_before,
                          double      hang,
                          MskRich    *r)
{
  double width = self->content_width - MSK_LABEL_WIDTH - 6 * MSK_MM;
  PangoLayout *layout = _msk_summary_make_layout (self, r, width, MIN (hang, width / 2));
  MskBlock *b = push_block (self, MSK_BLOCK_DETAILS, space_before);

  push_part (b, layout, 0, 0);
  b->height = MAX (layout_height (layout), MSK_LABEL_HEIGHT);
  _msk_rich_clear (r);
}

static void
set_margin (MskSummary *self,
            double      margin)
{
  self->margin = MIN (margin, self->width / 8);
  self->content_width = self->width - 2 * self->margin;
  /* A page too small for the label box and a column of text: lay out as if
   * it were wide enough and let the page clip, rather than fail. */
  if (self->content_width < MSK_LABEL_WIDTH + 40 * MSK_MM)
    self->content_width = MSK_LABEL_WIDTH + 40 * MSK_MM;
}

void
_msk_summary_layout_init (MskSummary *self)
{
  cairo_font_options_t *options;

  self->header_height = 10 * 1.4 + 10;
  self->footer_height = 10 * 1.4 + 8;
  set_margin (self, 18 * MSK_MM);

  /* Unhinted metrics at 72 dpi: one Pango point is one user unit, and the
   * layout is the same on screen preview, printer and PDF, so the page
   * breaks found here hold on every surface. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("en-gb"));

  self->font = pango_font_description_from_string (FONT_FAMILIES);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (MskBlock));
  g_array_set_clear_func (self->blocks, block_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

void
_msk_summary_layout_clear (MskSummary *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_object (&self->context);
}

/* Builds the blocks at a body size and cuts them into pages, replacing
 * any earlier layout. */
static void
lay_out (MskSummary               *self,
         const MskSummaryDocument *doc,
         GDateTime                *when,
         const MskSummaryFit      *fit)
{
  set_margin (self, fit->margin_mm * MSK_MM);
  self->body_size = fit->size;
  self->compact = fit->compact;
  pango_font_description_set_size (self->font, (int) (fit->size * PANGO_SCALE));
  g_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->running, g_free);
  g_clear_pointer (&self->footer, g_free);

  doc->build (self, when);
  _msk_summary_paginate (self);
}

void
_msk_summary_layout_fit (MskSummary               *self,
                         const MskSummaryDocument *doc,
                         GDateTime                *when)
{
  g_assert (doc->n_fits > 0 && doc->fallback < doc->n_fits);

  for (guint i = 0; i < doc->n_fits; i++)
    {
      lay_out (self, doc, when, &doc->fits[i]);
      if (self->pages->len == 1)
        return;
    }
  if (doc->fallback != doc->n_fits - 1)
    lay_out (self, doc, when, &doc->fits[doc->fallback]);
}

