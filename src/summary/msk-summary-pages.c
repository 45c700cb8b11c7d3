/* msk-summary-pages.c — the blocks cut into pages, and each page drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-summary-layout-private.h"

typedef struct {
  guint  block;
  double from;   /* the slice of the block drawn here, in block coordinates */
  double to;
  double top;    /* where the slice starts on the page */
} Piece;

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
first_chunk (const MskBlock *b)
{
  if (b->kind == MSK_BLOCK_PLAIN && b->breaks->len > 0)
    return g_array_index (b->breaks, double, 0);
  return b->height;
}

void
_msk_summary_paginate (MskSummary *self)
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
      const MskBlock *b = &g_array_index (self->blocks, MskBlock, i);
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
          const MskBlock *n = &g_array_index (self->blocks, MskBlock, i + 1);
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
draw_text (MskSummary     *self,
           cairo_t        *cr,
           MskRich        *r,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = _msk_summary_make_layout (self, r, width, 0);

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
            const MskBlock *b,
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
        double x = self->content_width - MSK_LABEL_WIDTH;
        static const double dash[] = { 4, 3 };
        MskRich r;

        cairo_save (cr);
        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        cairo_set_line_width (cr, 0.75);
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_rectangle (cr, x, 0, MSK_LABEL_WIDTH, MSK_LABEL_HEIGHT);
        cairo_stroke (cr);
        cairo_restore (cr);
        _msk_rich_init (&r);
        _msk_rich_add (self, &r, MSK_STYLE_CAPTION, _("Patient label"));
        draw_text (self, cr, &r, x + 2 * MSK_MM, 1.5 * MSK_MM, MSK_LABEL_WIDTH - 4 * MSK_MM, PANGO_ALIGN_LEFT);
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
      const MskPart *p = &g_array_index (b->parts, MskPart, i);

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
      draw_block (self, cr, &g_array_index (self->blocks, MskBlock, p->block), p->from, p->to);
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
