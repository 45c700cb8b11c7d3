/* msk-summary.c — lays out the decision summary and the patient sheet with Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is built once as a column of blocks (paragraphs, headings,
 * boxes), then cut into pages. Every string that comes from the policy or
 * from the form goes through pango_layout_set_text(): policy text may hold
 * '<' or '&', and must print as written, never as markup.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "msk-policy-source.h"
#include "msk-summary-private.h"
#include "msk-summary.h"
#include "msk-text.h"  /* issue #11 */

#define MM (72.0 / 25.4)

typedef enum {
  STYLE_BODY,
  STYLE_STRONG,
  STYLE_SMALL,
  STYLE_CAPTION,
  STYLE_HEADING,
  STYLE_LARGE,
  STYLE_TITLE,
} Style;

typedef enum {
  BLOCK_PLAIN,    /* one layout; may split between its lines across pages */
  BLOCK_KEEP,     /* drawn whole; moves to the next page when it does not fit */
  BLOCK_HEADING,  /* drawn whole, and kept with the start of the next block */
  BLOCK_BOX,      /* its parts inside a ruled box */
  BLOCK_DETAILS,  /* the request table with the patient-label box beside it */
  BLOCK_RULE,
} BlockKind;

typedef struct {
  PangoLayout *layout;
  double       x;
  double       y;
} Part;

typedef struct {
  BlockKind  kind;
  double     space_before;
  double     height;
  GArray    *parts;     /* Part */
  GArray    *breaks;    /* double: bottom of each line, for BLOCK_PLAIN */
  double     border;    /* box line width */
  gboolean   shaded;
} Block;

typedef struct {
  guint  block;
  double from;   /* the slice of the block drawn here, in block coordinates */
  double to;
  double top;    /* where the slice starts on the page */
} Piece;

typedef struct {
  GString       *text;
  PangoAttrList *attrs;
} Rich;

struct _MskSummary {
  MskDecision          *decision;
  MskSummaryKind        kind;
  double                width;
  double                height;
  double                margin;
  double                content_width;
  double                body_size;
  double                header_height;
  double                footer_height;
  PangoContext         *context;
  PangoFontDescription *font;
  GArray               *blocks;  /* Block */
  GPtrArray            *pages;   /* GArray of Piece, one per page */
  char                 *title;
  char                 *running;  /* header of continuation pages */
  char                 *footer;
};

/* Cantarell is the GNOME face and installed with the app's dependencies;
 * the others only stand in when it is missing. It has no italic, so no
 * style below uses one. */
#define FONT_FAMILIES "Cantarell, DejaVu Sans, sans-serif"

/* Patient labels printed by clinical systems are about 64–99 × 38 mm. */
#define LABEL_WIDTH  (80.0 * MM)
#define LABEL_HEIGHT (40.0 * MM)

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

static void
rich_init (Rich *r)
{
  r->text = g_string_new (NULL);
  r->attrs = pango_attr_list_new ();
}

static void
rich_clear (Rich *r)
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

static void
rich_add (MskSummary *self,
          Rich       *r,
          Style       style,
          const char *text)
{
  static const struct { double scale; PangoWeight weight; gboolean grey; } styles[] = {
    [STYLE_BODY]    = { 1.0,  PANGO_WEIGHT_NORMAL, FALSE },
    [STYLE_STRONG]  = { 1.0,  PANGO_WEIGHT_BOLD,   FALSE },
    [STYLE_SMALL]   = { 0.85, PANGO_WEIGHT_NORMAL, FALSE },
    [STYLE_CAPTION] = { 0.85, PANGO_WEIGHT_NORMAL, TRUE },
    [STYLE_HEADING] = { 1.2,  PANGO_WEIGHT_BOLD,   FALSE },
    [STYLE_LARGE]   = { 1.35, PANGO_WEIGHT_BOLD,   FALSE },
    [STYLE_TITLE]   = { 1.7,  PANGO_WEIGHT_BOLD,   FALSE },
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

static void rich_addf (MskSummary *self, Rich *r, Style style, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
rich_addf (MskSummary *self,
           Rich       *r,
           Style       style,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  rich_add (self, r, style, text);
}

/* `hang` > 0 makes every paragraph a hanging one: its first line starts at
 * the margin and a tab jumps to `hang`, where its other lines start. That
 * gives label/value tables and numbered lists from one layout. */
static PangoLayout *
make_layout (MskSummary *self,
             Rich       *r,
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
push_block (MskSummary *self,
            BlockKind   kind,
            double      space_before)
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

static void
add_text (MskSummary *self,
          BlockKind   kind,
          double      space_before,
          double      indent,
          double      hang,
          Rich       *r)
{
  PangoLayout *layout = make_layout (self, r, self->content_width - indent, hang);
  Block *b = push_block (self, kind, space_before);

  push_part (b, layout, indent, 0);
  b->height = layout_height (layout);
  if (kind == BLOCK_PLAIN)
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
  rich_clear (r);
}

static void
add_heading (MskSummary *self,
             const char *text)
{
  Rich r;

  rich_init (&r);
  rich_add (self, &r, STYLE_HEADING, text);
  add_text (self, BLOCK_HEADING, self->body_size * 1.1, 0, 0, &r);
}

static void
add_rule (MskSummary *self,
          double      space_before)
{
  Block *b = push_block (self, BLOCK_RULE, space_before);

  b->height = 0.75;
}

/* A ruled box: `head` at full width, then `body` (nullable) with a hanging
 * indent, then `foot` (nullable) at full width. */
static void
add_box (MskSummary *self,
         double      space_before,
         double      border,
         gboolean    shaded,
         Rich       *head,
         Rich       *body,
         double      hang,
         Rich       *foot)
{
  double pad = self->body_size * 0.8;
  double inner = self->content_width - 2 * pad - 2 * border;
  PangoLayout *top = make_layout (self, head, inner, 0);
  Block *b = push_block (self, BLOCK_BOX, space_before);
  double y = pad + border;

  b->border = border;
  b->shaded = shaded;
  push_part (b, top, pad + border, y);
  y += layout_height (top);
  rich_clear (head);
  if (body != NULL)
    {
      PangoLayout *rest = make_layout (self, body, inner, hang);

      y += self->body_size * 0.3;
      push_part (b, rest, pad + border, y);
      y += layout_height (rest);
      rich_clear (body);
    }
  if (foot != NULL)
    {
      PangoLayout *last = make_layout (self, foot, inner, 0);

      y += self->body_size * 0.3;
      push_part (b, last, pad + border, y);
      y += layout_height (last);
      rich_clear (foot);
    }
  b->height = y + pad + border;
}

static char *
format_when (const MskDecision *decision,
             GDateTime         *when)
{
  if (when != NULL)
    return g_date_time_format (when, "%d/%m/%Y %H:%M");
  return msk_format_date_uk (msk_decision_get_date (decision));
}

static void
build_decision (MskSummary *self,
                GDateTime  *when)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskRequest *request = msk_decision_get_request (decision);
  const MskChoice *requester = msk_request_get_requester (request);
  const MskChoice *borough = msk_request_get_borough (request);
  const MskRegion *region = msk_request_get_region (request);
  const MskUrgency *urgency = msk_decision_get_urgency (decision);
  const MskVerdict *verdict = msk_decision_get_verdict (decision);
  const MskService *service = msk_decision_get_service (decision);
  const char *notes = msk_request_get_notes (request);
  g_autofree char *date = format_when (decision, when);
  double hang = 34 * MM;
  double number = 7 * MM;
  gboolean any_concern = FALSE;
  guint n_actions = msk_decision_get_n_actions (decision);
  Rich r, body;

  self->title = g_strdup (_("MSK MRI decision summary"));
  /* Translators: header of the second and later pages; %s is the date. */
  self->running = g_strdup_printf (_("MSK MRI decision summary, %s (continued)"), date);
  /* Translators: footer of the summary: the app and its version, the
   * policy id and version, and the date of the decision. */
  self->footer = g_strdup_printf (_("%s %s · policy %s %s · %s"), PACKAGE_NAME, PACKAGE_VERSION,
                                  msk_policy_get_id (policy), msk_policy_get_version (policy), date);

  rich_init (&r);
  rich_add (self, &r, STYLE_TITLE, self->title);
  g_string_append_c (r.text, '\n');
  rich_addf (self, &r, STYLE_CAPTION, "%s · %s", msk_policy_get_title (policy),
             msk_policy_get_organisation (policy));
  add_text (self, BLOCK_KEEP, 0, 0, 0, &r);
  add_rule (self, self->body_size * 0.6);

  /* The request, beside the box for the patient label. */
  rich_init (&r);
  rich_add (self, &r, STYLE_STRONG, when != NULL ? _("Date and time") : _("Date"));
  g_string_append_c (r.text, '\t');
  rich_add (self, &r, STYLE_BODY, date);
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_STRONG, _("Requester"));
  g_string_append_c (r.text, '\t');
  rich_add (self, &r, STYLE_BODY, requester != NULL ? requester->label : _("Not given"));
  if (requester != NULL && msk_policy_governance_applies (policy, requester))
    {
      g_string_append (r.text, "\n\t");
      rich_addf (self, &r, STYLE_SMALL, "%s: %s", msk_policy_get_governance_label (policy),
                 msk_request_get_fcp_governance (request) ? _("yes") : _("no"));
    }
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_STRONG, _("Borough"));
  g_string_append_c (r.text, '\t');
  rich_add (self, &r, STYLE_BODY, borough != NULL ? borough->label : _("Not given"));
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_STRONG, _("Body region"));
  g_string_append_c (r.text, '\t');
  rich_add (self, &r, STYLE_BODY, region != NULL ? region->label : _("Not given"));
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_STRONG, _("Red-flag concerns"));
  for (guint i = 0; i < msk_policy_get_n_concerns (policy); i++)
    {
      const MskConcern *c = msk_policy_get_concern (policy, i);

      if (!msk_request_has_concern (request, c))
        continue;
      g_string_append (r.text, any_concern ? "\n\t" : "\t");
      rich_add (self, &r, STYLE_BODY, c->label);
      any_concern = TRUE;
    }
  if (!any_concern)
    {
      g_string_append_c (r.text, '\t');
      rich_add (self, &r, STYLE_BODY, _("None ticked"));
    }
  {
    double width = self->content_width - LABEL_WIDTH - 6 * MM;
    PangoLayout *layout = make_layout (self, &r, width, MIN (hang, width / 2));
    Block *b = push_block (self, BLOCK_DETAILS, self->body_size);

    push_part (b, layout, 0, 0);
    b->height = MAX (layout_height (layout), LABEL_HEIGHT);
    rich_clear (&r);
  }

  /* The outcome, boxed so it is the first thing the eye finds. */
  rich_init (&r);
  rich_add (self, &r, STYLE_CAPTION, _("Outcome"));
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_LARGE, msk_decision_get_headline (decision));
  rich_init (&body);
  rich_add (self, &body, STYLE_BODY, msk_decision_get_outcome (decision)->label);
  if (urgency != NULL)
    {
      g_autofree char *how = msk_action_describe_urgency (msk_decision_get_action (decision, 0));

      g_string_append_c (body.text, '\n');
      rich_add (self, &body, STYLE_STRONG, _("Urgency"));
      g_string_append_c (body.text, '\t');
      rich_add (self, &body, STYLE_BODY, how);
    }
  if (verdict != NULL)
    {
      if (body.text->len > 0)
        g_string_append_c (body.text, '\n');
      rich_add (self, &body, STYLE_BODY, verdict->label);
    }
  if (msk_decision_get_missing (decision) != NULL)
    {
      if (body.text->len > 0)
        g_string_append_c (body.text, '\n');
      rich_add (self, &body, STYLE_BODY, msk_decision_get_missing (decision));
    }
  add_box (self, self->body_size, 1.5, FALSE, &r, &body, 22 * MM, NULL);

  if (msk_decision_get_n_warnings (decision) > 0)
    {
      rich_init (&r);
      rich_add (self, &r, STYLE_STRONG, _("Warning"));
      rich_init (&body);
      for (guint i = 0; i < msk_decision_get_n_warnings (decision); i++)
        {
          if (i > 0)
            g_string_append_c (body.text, '\n');
          rich_add (self, &body, STYLE_BODY, msk_decision_get_warning (decision, i));
        }
      add_box (self, self->body_size * 0.6, 2.5, TRUE, &r, &body, 0, NULL);
    }

  if (n_actions > 0)
    add_heading (self, _("What to do"));
  for (guint i = 0; i < n_actions; i++)
    {
      const MskAction *a = msk_decision_get_action (decision, i);
      const MskResource *res = a->pathway->resource;

      rich_init (&r);
      rich_addf (self, &r, STYLE_STRONG, "%u.\t", i + 1);
      rich_add (self, &r, STYLE_STRONG, a->pathway->title);
      g_string_append (r.text, "\n\t");
      {
        g_autofree char *how = msk_action_describe_urgency (a);
        rich_addf (self, &r, STYLE_CAPTION, _("Urgency: %s"), how);
      }
      g_string_append (r.text, "\n\t");
      /* Translators: the policy's own words, quoted. */
      rich_addf (self, &r, STYLE_BODY, _("Policy: “%s”"), a->pathway->text);
      if (a->pathway->in_short != NULL)
        {
          g_string_append (r.text, "\n\t");
          rich_addf (self, &r, STYLE_BODY, _("In short (this app's words): %s"), a->pathway->in_short);
        }
      if (a->pathway->needs_borough && service != NULL)
        {
          g_string_append (r.text, "\n\t");
          rich_addf (self, &r, STYLE_STRONG, "%s, %s: ", service->service, service->borough->label);
          rich_add (self, &r, STYLE_BODY, service->referral);
          if (!service->details_known && msk_policy_get_services_note (policy) != NULL)
            {
              g_string_append (r.text, "\n\t");
              rich_add (self, &r, STYLE_CAPTION, msk_policy_get_services_note (policy));
            }
        }
      if (res != NULL)
        {
          g_string_append (r.text, "\n\t");
          /* Translators: points to the document the policy names for a pathway. */
          rich_addf (self, &r, STYLE_CAPTION, _("See: %s"), res->title);
          if (res->url != NULL)
            rich_addf (self, &r, STYLE_CAPTION, " — %s", res->url);
          if (res->url_added)
            rich_addf (self, &r, STYLE_CAPTION, " (%s)", _("link added by this app — not in the policy"));
        }
      add_text (self, BLOCK_PLAIN, self->body_size * (i == 0 ? 0.4 : 0.6), 0, number, &r);
    }

  if (n_actions > 0)
    {
      add_heading (self, _("Why"));
      for (guint i = 0; i < n_actions; i++)
        {
          rich_init (&r);
          rich_add (self, &r, STYLE_BODY, "•\t");
          rich_add (self, &r, STYLE_BODY, msk_decision_get_action (decision, i)->why);
          add_text (self, BLOCK_PLAIN, self->body_size * 0.3, 0, number, &r);
        }
      for (guint i = 0; i < msk_decision_get_n_rationale (decision); i++)
        {
          const MskRationale *ra = msk_decision_get_rationale (decision, i);

          rich_init (&r);
          rich_add (self, &r, STYLE_BODY, "•\t");
          rich_addf (self, &r, STYLE_BODY, _("Policy: “%s”"), ra->text);
          if (ra->resource != NULL && ra->resource->url != NULL)
            {
              g_string_append (r.text, "\n\t");
              rich_add (self, &r, STYLE_CAPTION, ra->resource->url);
              if (ra->resource->url_added)
                rich_addf (self, &r, STYLE_CAPTION, " (%s)", _("link added by this app — not in the policy"));
            }
          add_text (self, BLOCK_PLAIN, self->body_size * 0.3, 0, number, &r);
        }
    }

  if (notes != NULL && *notes != '\0')
    {
      add_heading (self, _("Clinical note"));
      rich_init (&r);
      rich_add (self, &r, STYLE_BODY, notes);
      add_text (self, BLOCK_PLAIN, self->body_size * 0.4, 0, 0, &r);
    }

  /* The stamp that makes the record auditable, then the disclaimer. */
  add_rule (self, self->body_size * 1.2);
  rich_init (&r);
  {
    g_autofree char *stamp = msk_policy_format_stamp (policy);
    rich_addf (self, &r, STYLE_SMALL, _("Policy: %s. %s %s."), stamp, PACKAGE_NAME, PACKAGE_VERSION);
  }
  {
    /* A policy other than the bundled one is named on every record. */
    g_autofree char *source = msk_policy_describe_source (policy);
    if (source != NULL)
      {
        g_string_append_c (r.text, '\n');
        rich_addf (self, &r, STYLE_SMALL, _("Note: %s."), source);
      }
  }
  g_string_append_c (r.text, '\n');
  rich_add (self, &r, STYLE_STRONG, msk_policy_get_disclaimer (policy));
  add_text (self, BLOCK_KEEP, self->body_size * 0.4, 0, 0, &r);
}

static void
build_patient (MskSummary *self,
               GDateTime  *when)
{
  const MskDecision *decision = self->decision;
  MskPolicy *policy = msk_decision_get_policy (decision);
  const MskPatientSheet *sheet = msk_policy_get_patient_sheet (policy);
  const char *next = msk_policy_get_patient_next (policy, msk_decision_get_outcome (decision));
  g_autofree char *date = msk_format_date_uk (msk_decision_get_date (decision));
  double bullet = 8 * MM;
  Rich r, body, foot;

  self->title = g_strdup (sheet->title);
  self->running = g_strdup_printf (_("%s (continued)"), sheet->title);
  /* Translators: footer of the patient sheet: the policy id and version,
   * and the date the sheet was given. */
  self->footer = g_strdup_printf (_("%s %s · given on %s"), msk_policy_get_id (policy),
                                  msk_policy_get_version (policy), date);

  rich_init (&r);
  rich_add (self, &r, STYLE_TITLE, sheet->title);
  add_text (self, BLOCK_KEEP, 0, 0, 0, &r);
  rich_init (&r);
  rich_add (self, &r, STYLE_BODY, sheet->intro);
  add_text (self, BLOCK_PLAIN, self->body_size * 0.8, 0, 0, &r);

  if (next != NULL)
    {
      add_heading (self, sheet->next_heading);
      rich_init (&r);
      rich_add (self, &r, STYLE_BODY, next);
      add_text (self, BLOCK_PLAIN, self->body_size * 0.4, 0, 0, &r);
    }

  /* The policy names the outcomes the "why" paragraphs fit: told to someone on
   * an urgent pathway, or whose practitioner may order the scan, they would
   * mislead. */
  if (msk_policy_patient_why_applies (policy, msk_decision_get_outcome (decision)) &&
      sheet->why != NULL && sheet->why[0] != NULL)
    {
      add_heading (self, sheet->why_heading);
      for (guint i = 0; sheet->why[i] != NULL; i++)
        {
          rich_init (&r);
          rich_add (self, &r, STYLE_BODY, "•\t");
          rich_add (self, &r, STYLE_BODY, sheet->why[i]);
          add_text (self, BLOCK_PLAIN, self->body_size * 0.4, 0, bullet, &r);
        }
    }

  /* The safety nets that fit this decision, boxed, each with its source:
   * cauda equina signs for a back, cord compression signs for a patient
   * under oncology care, hot-joint signs for an urgent MSK problem. */
  for (guint n = 0; n < msk_decision_get_n_safety_nets (decision); n++)
    {
      const MskSafetyNet *net = msk_decision_get_safety_net (decision, n);

      rich_init (&r);
      rich_add (self, &r, STYLE_HEADING, sheet->urgent_heading);
      g_string_append_c (r.text, '\n');
      rich_add (self, &r, STYLE_BODY, net->intro);
      rich_init (&body);
      for (guint i = 0; net->signs[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (body.text, '\n');
          rich_add (self, &body, STYLE_BODY, "•\t");
          rich_add (self, &body, STYLE_BODY, net->signs[i]);
        }
      rich_init (&foot);
      rich_add (self, &foot, STYLE_CAPTION, net->source);
      add_box (self, self->body_size * 1.4, 3.0, FALSE, &r, &body, bullet, &foot);
    }
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
  if (b->kind == BLOCK_PLAIN && b->breaks->len > 0)
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

      if (b->kind == BLOCK_RULE && at_top)
        continue;

      if (b->kind == BLOCK_PLAIN)
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
      if (b->kind == BLOCK_HEADING && i + 1 < self->blocks->len)
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
  if (self->content_width < LABEL_WIDTH + 40 * MM)
    self->content_width = LABEL_WIDTH + 40 * MM;
}

/* Builds the blocks at a body size and cuts them into pages, replacing
 * any earlier layout. */
static void
lay_out (MskSummary *self,
         GDateTime  *when,
         double      body_size)
{
  self->body_size = body_size;
  pango_font_description_set_size (self->font, (int) (body_size * PANGO_SCALE));
  g_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->running, g_free);
  g_clear_pointer (&self->footer, g_free);

  if (self->kind == MSK_SUMMARY_DECISION)
    build_decision (self, when);
  else
    build_patient (self, when);
  paginate (self);
}

MskSummary *
msk_summary_new (const MskDecision *decision,
                 MskSummaryKind     kind,
                 GDateTime         *when,
                 double             page_width,
                 double             page_height)
{
  /* The patient sheet is for reading without glasses: large print. The
   * summary steps down only as far as still reads comfortably. */
  static const struct { double size, margin_mm; } fits[] = {
    { 10, 18 }, { 9.5, 18 }, { 9, 18 }, { 9, 12 }, { 8.5, 12 }, { 8, 12 }, { 8, 10 },
  };
  MskSummary *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (kind == MSK_SUMMARY_DECISION || kind == MSK_SUMMARY_PATIENT_SHEET, NULL);
  g_return_val_if_fail (page_width >= 72 && page_height >= 72, NULL);

  self = g_new0 (MskSummary, 1);
  self->decision = msk_decision_ref ((MskDecision *) decision);
  self->kind = kind;
  self->width = page_width;
  self->height = page_height;
  self->header_height = 10 * 1.4 + 10;
  self->footer_height = 10 * 1.4 + 8;
  set_margin (self, 18 * MM);

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

  /* The patient sheet is read by someone unwell: large type, but one page,
   * even with two safety nets (a patient under oncology care with back pain
   * gets both the cauda equina and the cord compression signs). */
  if (kind == MSK_SUMMARY_PATIENT_SHEET)
    {
      static const double sizes[] = { 14, 13, 12, 11 };

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          lay_out (self, when, sizes[i]);
          if (self->pages->len == 1)
            break;
        }
      return self;
    }
  /* The summary is meant to be one page for the notes. A busy decision
   * (every red flag, a spinal region, a warning) may not fit at 10 pt; a
   * slightly smaller size, then narrower margins (still wider than any
   * printer's), usually do. If not even that fits (a long clinical note),
   * the first style it is, on more pages. */
  for (guint i = 0; i < G_N_ELEMENTS (fits); i++)
    {
      set_margin (self, fits[i].margin_mm * MM);
      lay_out (self, when, fits[i].size);
      if (self->pages->len == 1)
        return self;
    }
  set_margin (self, fits[0].margin_mm * MM);
  lay_out (self, when, fits[0].size);
  return self;
}

void
msk_summary_free (MskSummary *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_pointer (&self->decision, msk_decision_unref);
  g_free (self->title);
  g_free (self->running);
  g_free (self->footer);
  g_free (self);
}

guint
msk_summary_get_n_pages (MskSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

void
msk_summary_get_page_size (MskSummary *self,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (self != NULL);
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

const char *
msk_summary_get_title (MskSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

static void
draw_text (MskSummary *self,
           cairo_t    *cr,
           Rich       *r,
           double      x,
           double      y,
           double      width,
           PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = make_layout (self, r, width, 0);

  pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  rich_clear (r);
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
    case BLOCK_RULE:
      draw_rule (cr, 0, 0.375, self->content_width);
      return;

    case BLOCK_BOX:
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

    case BLOCK_DETAILS:
      {
        double x = self->content_width - LABEL_WIDTH;
        static const double dash[] = { 4, 3 };
        Rich r;

        cairo_save (cr);
        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        cairo_set_line_width (cr, 0.75);
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_rectangle (cr, x, 0, LABEL_WIDTH, LABEL_HEIGHT);
        cairo_stroke (cr);
        cairo_restore (cr);
        rich_init (&r);
        rich_add (self, &r, STYLE_CAPTION, _("Patient label"));
        draw_text (self, cr, &r, x + 2 * MM, 1.5 * MM, LABEL_WIDTH - 4 * MM, PANGO_ALIGN_LEFT);
      }
      break;

    case BLOCK_PLAIN:
    case BLOCK_KEEP:
    case BLOCK_HEADING:
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
msk_summary_render_page (MskSummary *self,
                         cairo_t    *cr,
                         guint       page)
{
  GArray *pieces;
  double left;
  Rich r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  pieces = g_ptr_array_index (self->pages, page);
  left = self->margin;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (page > 0)
    {
      rich_init (&r);
      rich_add (self, &r, STYLE_CAPTION, self->running);
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
    rich_init (&r);
    rich_add (self, &r, STYLE_CAPTION, self->footer);
    draw_text (self, cr, &r, left, y, self->content_width * 0.7, PANGO_ALIGN_LEFT);
    rich_init (&r);
    /* Translators: page numbers in the footer. */
    rich_addf (self, &r, STYLE_CAPTION, _("Page %u of %u"), page + 1, self->pages->len);
    draw_text (self, cr, &r, left + self->content_width * 0.7, y, self->content_width * 0.3,
               PANGO_ALIGN_RIGHT);
  }
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
msk_summary_to_pdf (const MskDecision  *decision,
                    MskSummaryKind      kind,
                    GDateTime          *when,
                    double              page_width,
                    double              page_height,
                    GError            **error)
{
  g_autoptr(MskSummary) summary = NULL;
  g_autoptr(GByteArray) buf = NULL;
  g_autofree char *create_date = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A patient told "what happens next" before anything is decided could act
   * on it: the sheet exists only for a decision. */
  if (kind == MSK_SUMMARY_PATIENT_SHEET && msk_decision_is_incomplete (decision))
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_REQUEST,
                           _("no patient sheet for an incomplete decision: choose the body region or tick a red-flag concern first"));
      return NULL;
    }

  summary = msk_summary_new (decision, kind, when, page_width, page_height);
  g_return_val_if_fail (summary != NULL, NULL);

  /* Built in memory, so a failure never leaves half a file behind. */
  buf = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes, buf, page_width, page_height);
  /* Metadata names the document only: nothing the form holds goes here. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, summary->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  /* The stamp's moment, not the clock's: the same decision gives the same
   * bytes, which audits and tests can compare. */
  create_date = when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
  if (create_date == NULL && g_date_valid (msk_decision_get_date (decision)))
    {
      const GDate *d = msk_decision_get_date (decision);
      create_date = g_strdup_printf ("%04u-%02u-%02uT00:00:00Z", g_date_get_year (d),
                                     g_date_get_month (d), g_date_get_day (d));
    }
  if (create_date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, create_date);
  cr = cairo_create (surface);
  for (guint i = 0; i < summary->pages->len; i++)
    {
      msk_summary_render_page (summary, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MSK_ERROR, MSK_ERROR_IO, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

gboolean
msk_summary_write_pdf (const MskDecision  *decision,
                       MskSummaryKind      kind,
                       GDateTime          *when,
                       const char         *path,
                       GError            **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (decision != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = msk_summary_to_pdf (decision, kind, when, MSK_SUMMARY_A4_WIDTH, MSK_SUMMARY_A4_HEIGHT, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &len);
  /* g_file_set_contents() writes beside the target and renames: the file
   * appears whole or not at all. */
  return g_file_set_contents (path, data, (gssize) len, error);
}
