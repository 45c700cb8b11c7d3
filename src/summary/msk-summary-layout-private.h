/* msk-summary-layout-private.h — what the documents build their pages from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout holds fonts, blocks and shrink-to-fit (msk-summary-layout.c),
 * pagination and drawing (msk-summary-pages.c); a document
 * (msk-summary-decision.c, msk-summary-patient.c) says only what goes on
 * it, as styled runs of text gathered into blocks.
 */
#pragma once

#include <pango/pangocairo.h>

#include "msk-summary.h"

G_BEGIN_DECLS

#define MSK_MM (72.0 / 25.4)

typedef enum {
  MSK_STYLE_BODY,
  MSK_STYLE_STRONG,
  MSK_STYLE_SMALL,
  MSK_STYLE_CAPTION,
  MSK_STYLE_HEADING,
  MSK_STYLE_LARGE,
  MSK_STYLE_TITLE,
} MskStyle;

typedef enum {
  MSK_BLOCK_PLAIN,    /* one layout; may split between its lines across pages */
  MSK_BLOCK_KEEP,     /* drawn whole; moves to the next page when it does not fit */
  MSK_BLOCK_HEADING,  /* drawn whole, and kept with the start of the next block */
  MSK_BLOCK_BOX,      /* its parts inside a ruled box */
  MSK_BLOCK_DETAILS,  /* the request table with the patient-label box beside it */
  MSK_BLOCK_RULE,
} MskBlockKind;

/* The layout's own: a document is a column of blocks, each drawn from its
 * parts (Pango layouts). Documents make them only through the add
 * functions below. */
typedef struct {
  PangoLayout *layout;
  double       x;
  double       y;
} MskPart;

typedef struct {
  MskBlockKind kind;
  double       space_before;
  double       height;
  GArray      *parts;     /* MskPart */
  GArray      *breaks;    /* double: bottom of each line, for MSK_BLOCK_PLAIN */
  double       border;    /* box line width */
  gboolean     shaded;
} MskBlock;

/* Patient labels printed by clinical systems are about 64–99 × 38 mm. */
#define MSK_LABEL_WIDTH  (80.0 * MSK_MM)
#define MSK_LABEL_HEIGHT (40.0 * MSK_MM)

/* Text with its styles, gathered before it becomes a layout. */
typedef struct {
  GString       *text;
  PangoAttrList *attrs;
} MskRich;

struct _MskSummary {
  MskDecision          *decision;
  double                width;
  double                height;
  double                margin;
  double                content_width;
  double                body_size;
  gboolean              compact;  /* the fit's: leave out what repeats */
  double                header_height;
  double                footer_height;
  PangoContext         *context;
  PangoFontDescription *font;
  GArray               *blocks;  /* MskBlock */
  GPtrArray            *pages;   /* GArray of slices of blocks, one per page */
  char                 *title;
  char                 *running;  /* header of continuation pages */
  char                 *footer;
};

/* A document: what it puts on the page at the current body size, and the
 * sizes and margins it may shrink to, tried in order until it fits one
 * page; when none does, it is laid out with `fits[fallback]`. */
typedef struct {
  double   size;
  double   margin_mm;
  /* Leave out what only restates what is already on the page (the app's
   * paraphrase of a policy sentence quoted just above it): never a
   * reason, a pathway, a warning or a safety net. */
  gboolean compact;
} MskSummaryFit;

typedef struct {
  void                (*build) (MskSummary *self,
                                GDateTime  *when);
  const MskSummaryFit  *fits;
  guint                 n_fits;
  guint                 fallback;
} MskSummaryDocument;

extern const MskSummaryDocument _msk_summary_decision;
extern const MskSummaryDocument _msk_summary_patient_sheet;

void  _msk_rich_init              (MskRich            *r);
void  _msk_rich_clear             (MskRich            *r);
/* Appends `text` (nullable: nothing), sanitised, in `style`. */
void  _msk_rich_add               (MskSummary         *self,
                                   MskRich            *r,
                                   MskStyle            style,
                                   const char         *text);
void  _msk_rich_addf              (MskSummary         *self,
                                   MskRich            *r,
                                   MskStyle            style,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (4, 5);

/* The add functions take the text of every MskRich given and clear it.
 * `hang` > 0 makes every paragraph a hanging one: its first line starts at
 * the margin and a tab jumps to `hang`, where its other lines start. */
void  _msk_summary_add_text       (MskSummary         *self,
                                   MskBlockKind        kind,
                                   double              space_before,
                                   double              indent,
                                   double              hang,
                                   MskRich            *r);
/* One run of body text, as a paragraph that may split across pages. */
void  _msk_summary_add_paragraph  (MskSummary         *self,
                                   double              space_before,
                                   const char         *text);
/* A bulleted paragraph whose text hangs at `hang`. */
void  _msk_summary_add_bullet     (MskSummary         *self,
                                   double              space_before,
                                   double              hang,
                                   const char         *text);
void  _msk_summary_add_heading    (MskSummary         *self,
                                   const char         *text);
void  _msk_summary_add_rule       (MskSummary         *self,
                                   double              space_before);
/* A ruled box: `head` at full width, then `body` (nullable) with a hanging
 * indent, then `foot` (nullable) at full width. */
void  _msk_summary_add_box        (MskSummary         *self,
                                   double              space_before,
                                   double              border,
                                   gboolean            shaded,
                                   MskRich            *head,
                                   MskRich            *body,
                                   double              hang,
                                   MskRich            *foot);
/* `r` as a label/value table beside the box for the patient label. */
void  _msk_summary_add_details    (MskSummary         *self,
                                   double              space_before,
                                   double              hang,
                                   MskRich            *r);

/* A layout of `r` (not cleared) in the summary's font, `width` wide;
 * `hang` as above. */
PangoLayout *_msk_summary_make_layout (MskSummary  *self,
                                       MskRich     *r,
                                       double       width,
                                       double       hang);
/* Cuts the blocks into pages. */
void  _msk_summary_paginate       (MskSummary         *self);

/* Sets up fonts and an empty document on pages of the summary's size. */
void  _msk_summary_layout_init    (MskSummary         *self);
void  _msk_summary_layout_clear   (MskSummary         *self);
/* Builds `doc` at the largest of its sizes that fits one page, and cuts it
 * into pages. */
void  _msk_summary_layout_fit     (MskSummary               *self,
                                   const MskSummaryDocument *doc,
                                   GDateTime                *when);
/* Draws page `page` (from 0): its running header, blocks and footer. */
void  _msk_summary_draw_page      (MskSummary         *self,
                                   cairo_t            *cr,
                                   guint               page);

G_END_DECLS
