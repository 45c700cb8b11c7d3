/* msk-summary-layout.c — pages of Pango text blocks, cut and drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is built once as a column of blocks (paragraphs, headings,
 * boxes), then cut into pages. Every string that comes from the policy or
 * from the form goes through pango_layout_set_text(): policy text may hold
 * '<' or '&', and must print as written, never as markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-summary-layout-private.h"
#include "msk-summary-private.h"
#include "msk-text.h"  /* issue #11 */

typedef struct {
  PangoLayout *layout;
  double       x;
  double       y;
} Part;

typedef struct {
  MskBlockKind kind;
  double       space_before;
  double       height;
  GArray      *parts;     /* Part */
  GArray      *breaks;    /* double: bottom of each line, for MSK_BLOCK_PLAIN */
  double       border;    /* box line width */
  gboolean     shaded;
} Block;

typedef struct {
  guint  block;
  double from;   /* the slice of the block drawn here, in block coordinates */
  double to;
  double top;    /* where the slice starts on the page */
} Piece;

/* Cantarell is the GNOME face and installed with the app's dependencies;
 * the others only stand in when it is missing. It has no italic, so no
 * style below uses one. */
#define FONT_FAMILIES "Cantarell, DejaVu Sans, sans-serif"

/* Patient labels printed by clinical systems are about 64–99 × 38 mm. */
#define LABEL_WIDTH  (80.0 * MSK_MM)
#define LABEL_HEIGHT (40.0 * MSK_MM)

static void
block_clear (gpointer data)
{
  Block *b = data;

  g_clear_pointer (&b->parts, g_array_unref);
  g_clear_pointer (&b->breaks, g_array_unref);
}

static void
part_clear (gpointer data)
{
  Part *p = data;

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
static PangoLayout *
make_layout (MskSummary *self,
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

static Block *
push_block (MskSummary   *self,
            MskBlockKind  kind,
            double        space_before)
{
  Block b = { 0 };

  b.kind = kind;
  b.space_before = space_before;
  b.parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (b.parts, part_clear);
  g_array_append_val (self->blocks, b);
  /* Valid until the next push. */
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static void
push_part (Block       *b,
           PangoLayout *layout,
           double       x,
           double       y)
{
  Part p = { layout, x, y };

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
  PangoLayout *layout = make_layout (self, r, self->content_width - indent, hang);
  Block *b = push_block (self, kind, space_before);

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
  Block *b = push_block (self, MSK_BLOCK_RULE, space_before);

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
  PangoLayout *top = make_layout (self, head, inner, 0);
  Block *b = push_block (self, MSK_BLOCK_BOX, space_before);
  double y = pad + border;

  b->border = border;
  b->shaded = shaded;
  push_part (b, top, pad + border, y);
  y += layout_height (top);
  _msk_rich_clear (head);
  if (body != NULL)
    {
      PangoLayout *rest = make_layout (self, body, inner, hang);

      y += self->body_size * 0.3;
      push_part (b, rest, pad + border, y);
      y += layout_height (rest);
      _msk_rich_clear (body);
    }
  if (foot != NULL)
    {
      PangoLayout *last = make_layout (self, foot, inner, 0);

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
  double width = self->content_width - LABEL_WIDTH - 6 * MSK_MM;
  PangoLayout *layout = make_layout (self, r, width, MIN (hang, width / 2));
  Block *b = push_block (self, MSK_BLOCK_DETAILS, space_before);

  push_part (b, layout, 0, 0);
  b->height = MAX (layout_height (layout), LABEL_HEIGHT);
  _msk_rich_clear (r);
}

static GArray *
new_page (MskSummary *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Piece));

  g_ptr_array_add (self->pages, page);
  return page;
}

static void
place (GArray *page,
       guint   block,
       double  from,
       double  to,
       double  top)
{
  Piece p = { block, from, to, top };

  g_array_append_val (page, p);
}

/* Height of the part of a block that must share a page with the heading
 * before it: its first line, or all of it when it cannot split. */
static double
first_chunk (const Block *b)
{
  if (b->kind == MSK_BLOCK_PLAIN && b->breaks->len > 0)
    return g_array_index (b->breaks, double, 0);
  return b->height;
}

static void
paginate (MskSummary *self)
{
  double bottom = self->height - self->margin - self->footer_height;
  double next_top = self->margin + self->header_height;
  GArray *page = new_page (self);
  double y = self->margin;
  gboolean at_top = TRUE;

  /* Small slack so rounding never pushes a line that fits to the next page. */
  bottom += 0.01;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);
      double space = at_top ? 0 : b->space_before;
      double need;

      if (b->kind == MSK_BLOCK_RULE && at_top)
        continue;

      if (b->kind == MSK_BLOCK_PLAIN)
        {
          double from = 0;

          while (from < b->height)
            {
              double to = from;

              space = at_top ? 0 : b->space_before;
              for (guint k = 0; k < b->breaks->len; k++)
                {
                  double brk = g_array_index (b->breaks, double, k);
                  if (brk > from && y + space + (brk - from) <= bottom)
                    to = brk;
                }
              if (to == from)
                {
                  if (!at_top)
                    {
                      page = new_page (self);
                      y = next_top;
                      at_top = TRUE;
                      continue;
                    }
                  /* A line taller than a page: draw it anyway, clipped. */
                  for (guint k = 0; k < b->breaks->len && to == from; k++)
                    if (g_array_index (b->breaks, double, k) > from)
                      to = g_array_index (b->breaks, double, k);
                }
              place (page, i, from, to, y + space);
              y += space + (to - from);
              at_top = FALSE;
              from = to;
              if (from < b->height)
                {
                  page = new_page (self);
                  y = next_top;
                  at_top = TRUE;
                }
            }
          continue;
        }

      need = b->height;
      if (b->kind == MSK_BLOCK_HEADING && i + 1 < self->blocks->len)
        {
          const Block *n = &g_array_index (self->blocks, Block, i + 1);
          need += n->space_before + first_chunk (n);
        }
      if (!at_top && y + space + need > bottom)
        {
          page = new_page (self);
          y = next_top;
          space = 0;
        }
      place (page, i, 0, b->height, y + space);
      y += space + b->height;
      at_top = FALSE;
    }
}

static void
set_margin (MskSummary *self,
            double      margin)
{
  self->margin = MIN (margin, self->width / 8);
  self->content_width = self->width - 2 * self->margin;
  /* A page too small for the label box and a column of text: lay out as if
   * it were wide enough and let the page clip, rather than fail. */
  if (self->content_width < LABEL_WIDTH + 40 * MSK_MM)
    self->content_width = LABEL_WIDTH + 40 * MSK_MM;
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
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
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
  pango_font_description_set_size (self->font, (int) (fit->size * PANGO_SCALE));
  g_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->running, g_free);
  g_clear_pointer (&self->footer, g_free);

  doc->build (self, when);
  paginate (self);
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

static void
draw_text (MskSummary     *self,
           cairo_t        *cr,
           MskRich        *r,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = make_layout (self, r, width, 0);

  pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  _msk_rich_clear (r);
}

static void
draw_rule (cairo_t *cr,
           double   x,
           double   y,
           double   width)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_block (MskSummary  *self,
            cairo_t     *cr,
            const Block *b,
            double       from,
            double       to)
{
  switch (b->kind)
    {
    case MSK_BLOCK_RULE:
      draw_rule (cr, 0, 0.375, self->content_width);
      return;

    case MSK_BLOCK_BOX:
      cairo_save (cr);
      cairo_rectangle (cr, b->border / 2, b->border / 2,
                       self->content_width - b->border, b->height - b->border);
      if (b->shaded)
        {
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, b->border);
      cairo_stroke (cr);
      cairo_restore (cr);
      break;

    case MSK_BLOCK_DETAILS:
      {
        double x = self->content_width - LABEL_WIDTH;
        static const double dash[] = { 4, 3 };
        MskRich r;

        cairo_save (cr);
        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        cairo_set_line_width (cr, 0.75);
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_rectangle (cr, x, 0, LABEL_WIDTH, LABEL_HEIGHT);
        cairo_stroke (cr);
        cairo_restore (cr);
        _msk_rich_init (&r);
        _msk_rich_add (self, &r, MSK_STYLE_CAPTION, _("Patient label"));
        draw_text (self, cr, &r, x + 2 * MSK_MM, 1.5 * MSK_MM, LABEL_WIDTH - 4 * MSK_MM, PANGO_ALIGN_LEFT);
      }
      break;

    case MSK_BLOCK_PLAIN:
    case MSK_BLOCK_KEEP:
    case MSK_BLOCK_HEADING:
    default:
      break;
    }

  if (from > 0 || to < b->height)
    {
      /* A slice of a paragraph cut between lines: show only its lines. */
      cairo_rectangle (cr, -self->margin, 0, self->width, to - from);
      cairo_clip (cr);
      cairo_translate (cr, 0, -from);
    }
  for (guint i = 0; i < b->parts->len; i++)
    {
      const Part *p = &g_array_index (b->parts, Part, i);

      cairo_move_to (cr, p->x, p->y);
      pango_cairo_show_layout (cr, p->layout);
    }
}

void
_msk_summary_draw_page (MskSummary *self,
                        cairo_t    *cr,
                        guint       page)
{
  GArray *pieces = g_ptr_array_index (self->pages, page);
  double left = self->margin;
  MskRich r;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (page > 0)
    {
      _msk_rich_init (&r);
      _msk_rich_add (self, &r, MSK_STYLE_CAPTION, self->running);
      draw_text (self, cr, &r, left, self->margin, self->content_width, PANGO_ALIGN_LEFT);
      draw_rule (cr, left, self->margin + self->header_height - 6, self->content_width);
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *p = &g_array_index (pieces, Piece, i);

      cairo_save (cr);
      cairo_translate (cr, left, p->top);
      draw_block (self, cr, &g_array_index (self->blocks, Block, p->block), p->from, p->to);
      cairo_restore (cr);
    }

  {
    double y = self->height - self->margin - self->footer_height + 8;

    draw_rule (cr, left, y - 3, self->content_width);
    _msk_rich_init (&r);
    _msk_rich_add (self, &r, MSK_STYLE_CAPTION, self->footer);
    draw_text (self, cr, &r, left, y, self->content_width * 0.7, PANGO_ALIGN_LEFT);
    _msk_rich_init (&r);
    /* Translators: page numbers in the footer. */
    _msk_rich_addf (self, &r, MSK_STYLE_CAPTION, _("Page %u of %u"), page + 1, self->pages->len);
    draw_text (self, cr, &r, left + self->content_width * 0.7, y, self->content_width * 0.3,
               PANGO_ALIGN_RIGHT);
  }
  cairo_restore (cr);
}
