/* msk-policy-view.c — the whole policy, readable offline, with search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy goes into one read-only GtkTextBuffer, inserted as plain text
 * with tags: policy text that contains < or & or Pango markup is shown
 * literally, and search can highlight across every section at once. The
 * buffer is filled the first time the view is shown, so start-up does not
 * pay for a view the user may never open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-clamp-scrollable.h"
#include "msk-links.h"
#include "msk-policy-view.h"
#include "msk-utils-private.h"

struct _MskPolicyView
{
  GtkBox             parent_instance;

  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *match_label;
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
  GtkListBox        *sections_list;
  GtkScrolledWindow *text_scroller;
  GtkTextView       *text_view;

  MskPolicy         *policy;
  gboolean           built;
  /* The policy's text: the text view's buffer, except while the view is
   * prepared but not yet shown (msk_policy_view_prepare). Links filled in
   * then wait for the buffer to be the view's. */
  GtkTextBuffer     *text;
  GPtrArray         *pending_links;  /* GtkTextChildAnchor, GtkWidget pairs */
  /* Character offsets of each match's start and end, in buffer order. */
  GArray            *matches;
  int                current;
  char              *searched;  /* the text the matches are of */
  /* A scroll asked for before the text view's first allocation, made in
   * a frame after it (bring_into_view). */
  gboolean           scroll_waiting;
  double             scroll_fraction;
  guint              scroll_tick;
  double             scroll_upper;  /* the page's height when last scrolled */
  guint              scroll_still;  /* frames since it last changed */
};

G_DEFINE_FINAL_TYPE (MskPolicyView, msk_policy_view, GTK_TYPE_BOX)

typedef struct {
  int start;
  int end;
} Match;

static void
create_tags (GtkTextBuffer *buffer)
{
  /* Sizes and weights only, so the text keeps the theme's colours in light
   * and dark styles. The match highlights set both colours for contrast.
   * The fonts are the Decide view's (body, bold, the titles' 1.4em heavy)
   * and one italic: each other (size, weight, style) is a font of its own
   * that the first Policy view looked up and rasterised, about 6 M
   * instructions each (docs/performance.md); the title and the section
   * headings are told apart by their space above. */
  gtk_text_buffer_create_tag (buffer, "title",
                              "scale", 1.4, "weight", 800,
                              "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "scale", 1.4, "weight", 800,
                              "pixels-above-lines", 28, "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "subheading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "resource",
                              "left-margin", 36, NULL);
  gtk_text_buffer_create_tag (buffer, "item",
                              "left-margin", 36, "indent", -14, NULL);
  /* The app's own words (a link not in the policy, a source): italic. */
  gtk_text_buffer_create_tag (buffer, "note",
                              "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "field",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "match",
                              "background", "#f6d32d", "foreground", "#000000", NULL);
  gtk_text_buffer_create_tag (buffer, "current-match",
                              "background", "#ff7800", "foreground", "#000000", NULL);
}

static void
insert (MskPolicyView *self,
        const char    *text,
        const char    *tag1,
        const char    *tag2)
{
  GtkTextBuffer *buffer = self->text;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag1, tag2, NULL);
}

/* Where `link`'s anchor is in the text (buffer coordinates). */
static GdkRectangle
link_location (MskPolicyView *self,
               GtkWidget     *link)
{
  GtkTextChildAnchor *anchor = g_object_get_data (G_OBJECT (link), "msk-anchor");
  GdkRectangle at;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_child_anchor (self->text, &iter, anchor);
  gtk_text_view_get_iter_location (self->text_view, &iter, &at);
  return at;
}

/* Whether the whole of `link`'s line is on the page shown. */
static gboolean
link_on_screen (MskPolicyView *self,
                GtkWidget     *link)
{
  GdkRectangle at = link_location (self, link);
  GdkRectangle visible;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  return at.y >= visible.y && at.y + at.height <= visible.y + visible.height;
}

static int
compare_link_offsets (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  MskPolicyView *self = data;
  GtkTextIter ia, ib;

  gtk_text_buffer_get_iter_at_child_anchor (self->text, &ia,
                                            g_object_get_data (G_OBJECT (*(GtkWidget **) a), "msk-anchor"));
  gtk_text_buffer_get_iter_at_child_anchor (self->text, &ib,
                                            g_object_get_data (G_OBJECT (*(GtkWidget **) b), "msk-anchor"));
  return gtk_text_iter_compare (&ia, &ib);
}

/* Brings `link` into view, moving the page as little as it can. */
static void
scroll_to_link (MskPolicyView *self,
                GtkWidget     *link)
{
  GtkTextChildAnchor *anchor = g_object_get_data (G_OBJECT (link), "msk-anchor");
  GtkTextMark *mark = gtk_text_buffer_get_mark (self->text, "focus-target");
  GtkTextIter iter;

  if (anchor == NULL || gtk_text_child_anchor_get_deleted (anchor) ||
      gtk_text_view_get_buffer (self->text_view) != self->text)
    return;
  gtk_text_buffer_get_iter_at_child_anchor (self->text, &iter, anchor);
  gtk_text_buffer_move_mark (self->text, mark, &iter);
  gtk_text_view_scroll_to_mark (self->text_view, mark, 0.1, FALSE, 0, 0);
}

/* A link that takes the focus (by Tab, or a click) comes into view:
 * GtkTextView 4.8 does not scroll to a child that takes the focus, so
 * Return could open a link the GP could not see (GP review). */
static void
link_focused_cb (GtkEventControllerFocus *focus,
                 MskPolicyView           *self)
{
  scroll_to_link (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));
}

/* The links in the text, in the text's order. */
static GPtrArray *
links_in_order (MskPolicyView *self)
{
  GPtrArray *links = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->text_view)); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkTextChildAnchor *anchor = g_object_get_data (G_OBJECT (c), "msk-anchor");

      if (anchor != NULL && !gtk_text_child_anchor_get_deleted (anchor))
        g_ptr_array_add (links, c);
    }
  g_ptr_array_sort_with_data (links, compare_link_offsets, self);
  return links;
}

/* Tab and Shift+Tab in the text go from link to link in the text's order,
 * each brought into view, and Tab from the text itself to the first link
 * on the page shown or the next below it (GP reviews: after Page Down,
 * Tab focused the policy's first link, off screen, and Return opened it;
 * GTK's own order left the text for the header at a link off screen, so
 * the links further down were never reached). */
static gboolean
text_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        modifiers,
                     MskPolicyView         *self)
{
  GtkWidget *text_view = GTK_WIDGET (self->text_view);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (text_view));
  g_autoptr(GPtrArray) links = NULL;
  gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (modifiers & GDK_SHIFT_MASK) != 0;
  GtkWidget *to = NULL;
  guint at;

  if (!_msk_is_plain_tab (keyval, modifiers) || focus == NULL ||
      (focus != text_view && !gtk_widget_is_ancestor (focus, text_view)))
    return GDK_EVENT_PROPAGATE;
  links = links_in_order (self);
  while (focus != text_view && gtk_widget_get_parent (focus) != text_view)
    focus = gtk_widget_get_parent (focus);
  if (focus != text_view && !g_ptr_array_find (links, focus, &at))
    return GDK_EVENT_PROPAGATE;
  /* From the text, or from a link the GP has since scrolled away from
   * (Ctrl+Home, Page Down): the links of the page shown, not the ones
   * after the link left behind (GP review: the view jumped screens away). */
  if (focus == text_view || !link_on_screen (self, focus))
    {
      GdkRectangle visible;

      gtk_text_view_get_visible_rect (self->text_view, &visible);
      if (!back)
        {
          for (guint i = 0; i < links->len && to == NULL; i++)
            if (link_location (self, g_ptr_array_index (links, i)).y >= visible.y)
              to = g_ptr_array_index (links, i);
        }
      else if (focus != text_view)
        {
          to = text_view;
          for (guint i = 0; i < links->len; i++)
            if (link_on_screen (self, g_ptr_array_index (links, i)))
              to = g_ptr_array_index (links, i);
        }
      else
        return GDK_EVENT_PROPAGATE;
    }
  else if (back)
    to = at > 0 ? g_ptr_array_index (links, at - 1) : text_view;
  else if (at + 1 < links->len)
    to = g_ptr_array_index (links, at + 1);
  if (to == NULL)
    return GDK_EVENT_PROPAGATE;
  if (to != text_view)
    scroll_to_link (self, to);
  gtk_widget_grab_focus (to);
  return GDK_EVENT_STOP;
}

/* Escape, or the close button, ends a search with the keyboard in the
 * text, where the arrow and page keys read on from the match; GTK left it
 * to the section list (GP review). */
static void
search_mode_cb (MskPolicyView *self)
{
  GtkWidget *focus;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
insert_link (MskPolicyView     *self,
             const MskResource *resource)
{
  GtkTextBuffer *buffer = self->text;
  GtkWidget *link = msk_resource_link_new (resource);
  GtkTextChildAnchor *anchor;
  GtkEventController *focus;
  GtkTextIter end;

  if (link == NULL)
    return;

  insert (self, " ", NULL, NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  anchor = gtk_text_buffer_create_child_anchor (buffer, &end);
  /* The title is already in the text; the button only opens the address. */
  gtk_button_set_label (GTK_BUTTON (link), _("Open link"));
  /* Inside text a child gets its minimum width; a wrapping label would
   * break the words letter by letter. */
  if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (link))))
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

      /* Nor the wrapping title's minimum width, which left the words
       * "Open link" in a button (and focus ring) half as wide again. */
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_width_chars (GTK_LABEL (label), -1);
      gtk_widget_set_layout_manager (label, NULL);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (link),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, resource->title,
                                  -1);
  g_object_set_data_full (G_OBJECT (link), "msk-anchor", g_object_ref (anchor), g_object_unref);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (link_focused_cb), self, 0);
  gtk_widget_add_controller (link, focus);
  if (gtk_text_view_get_buffer (self->text_view) == buffer)
    gtk_text_view_add_child_at_anchor (self->text_view, link, anchor);
  else
    {
      g_ptr_array_add (self->pending_links, g_object_ref (anchor));
      g_ptr_array_add (self->pending_links, g_object_ref_sink (link));
    }
}

/* The policy's text goes into the text view, with the links that wait for
 * it (msk_policy_view_prepare). */
static void
show_text (MskPolicyView *self)
{
  if (gtk_text_view_get_buffer (self->text_view) == self->text)
    return;
  gtk_text_view_set_buffer (self->text_view, self->text);
  for (guint i = 0; i + 1 < self->pending_links->len; i += 2)
    {
      GtkTextChildAnchor *anchor = g_ptr_array_index (self->pending_links, i);

      if (!gtk_text_child_anchor_get_deleted (anchor))
        gtk_text_view_add_child_at_anchor (self->text_view, g_ptr_array_index (self->pending_links, i + 1), anchor);
    }
  g_ptr_array_set_size (self->pending_links, 0);
}

static void
insert_resource (MskPolicyView     *self,
                 const MskResource *resource)
{
  insert (self, resource->title, "resource", "field");
  insert_link (self, resource);
  insert (self, "\n", NULL, NULL);
  if (resource->url_added)
    {
      insert (self, _("Link added by this app — not in the policy"), "resource", "note");
      insert (self, "\n", NULL, NULL);
    }
  if (resource->note != NULL)
    {
      insert (self, resource->note, "resource", "note");
      insert (self, "\n", NULL, NULL);
    }
}

static void
insert_field (MskPolicyView *self,
              const char    *name,
              const char    *value)
{
  if (value == NULL)
    return;
  insert (self, name, "field", NULL);
  insert (self, " ", NULL, NULL);
  insert (self, value, NULL, NULL);
  insert (self, "\n", NULL, NULL);
}

static void
insert_services (MskPolicyView *self)
{
  const char *note = msk_policy_get_services_note (self->policy);

  for (guint i = 0; i < msk_policy_get_n_services (self->policy); i++)
    {
      const MskService *service = msk_policy_get_service (self->policy, i);

      insert (self, service->borough->label, "subheading", NULL);
      insert (self, "\n", NULL, NULL);
      insert_field (self, _("Service:"), service->service);
      insert_field (self, _("Referral:"), service->referral);
      if (service->resource != NULL)
        insert_resource (self, service->resource);
    }
  if (note != NULL)
    {
      insert (self, "\n", NULL, NULL);
      insert (self, note, "note", NULL);
      insert (self, "\n", NULL, NULL);
    }
}

static void
insert_prompts (MskPolicyView *self)
{
  const char *note = msk_policy_get_prompts_note (self->policy);

  if (note != NULL)
    {
      insert (self, note, "note", NULL);
      insert (self, "\n", NULL, NULL);
    }
  for (guint i = 0; i < msk_policy_get_n_concerns (self->policy); i++)
    {
      const MskConcern *concern = msk_policy_get_concern (self->policy, i);

      insert (self, concern->label, "subheading", NULL);
      insert (self, "\n", NULL, NULL);
      if (concern->help != NULL)
        {
          insert (self, concern->help, NULL, NULL);
          insert (self, "\n", NULL, NULL);
        }
      for (guint j = 0; j < concern->n_prompts; j++)
        {
          const MskPrompt *prompt = &concern->prompts[j];

          insert (self, "• ", "item", NULL);
          insert (self, prompt->text, "item", NULL);
          if (prompt->source != NULL)
            {
              g_autofree char *source = NULL;

              if (prompt->secondary)
                source = g_strdup_printf (_("Source: %s (secondary source)"), prompt->source->title);
              else
                source = g_strdup_printf (_("Source: %s"), prompt->source->title);
              insert (self, " — ", "item", NULL);
              insert (self, source, "item", "note");
            }
          insert (self, "\n", NULL, NULL);
        }
    }
}

static void
insert_metadata (MskPolicyView *self)
{
  const char * const *approvers = msk_policy_get_approvers (self->policy);
  g_autofree char *effective = msk_format_date_uk (msk_policy_get_effective (self->policy));
  g_autofree char *review = msk_format_date_uk (msk_policy_get_review (self->policy));

  insert_field (self, _("Title:"), msk_policy_get_title (self->policy));
  insert_field (self, _("Organisation:"), msk_policy_get_organisation (self->policy));
  insert_field (self, _("Status:"), msk_policy_get_status (self->policy));
  insert_field (self, _("Version:"), msk_policy_get_version (self->policy));
  insert_field (self, _("Effective:"), effective);
  insert_field (self, _("Review:"), review);
  insert_field (self, _("Author:"), msk_policy_get_author (self->policy));
  if (approvers != NULL && approvers[0] != NULL)
    {
      insert (self, _("Approved by:"), "field", NULL);
      insert (self, "\n", NULL, NULL);
      for (guint i = 0; approvers[i] != NULL; i++)
        {
          insert (self, "• ", "item", NULL);
          insert (self, approvers[i], "item", NULL);
          insert (self, "\n", NULL, NULL);
        }
    }
  insert_field (self, _("Policy identifier:"), msk_policy_get_id (self->policy));
  insert_field (self, _("Policy file:"), msk_policy_get_origin (self->policy));
  insert_field (self, _("SHA-256:"), msk_policy_get_sha256 (self->policy));
}

static void
append_section_row (MskPolicyView *self,
                    const char    *heading,
                    guint          index)
{
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *row;

  _msk_label_set_wrapping (GTK_LABEL (label));
  gtk_list_box_append (self->sections_list, label);
  row = gtk_widget_get_parent (label);
  g_object_set_data (G_OBJECT (row), "msk-section-index", GUINT_TO_POINTER (index));
  /* A row takes the focus, not its label: it needs the name itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
}

/* GtkSearchBar's own close button has an icon and no name in GTK 4.8;
 * a screen reader would say "GtkButton". */
static void
name_close_button (MskPolicyView *self,
                   GtkWidget     *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && c != self->previous_button && c != self->next_button)
        gtk_accessible_update_property (GTK_ACCESSIBLE (c),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close search"),
                                        -1);
      else
        name_close_button (self, c);
    }
}

static void
build (MskPolicyView *self)
{
  GtkTextBuffer *buffer = self->text;
  const char *disclaimer;
  GtkTextIter start;

  if (self->built || self->policy == NULL)
    return;
  self->built = TRUE;

  insert (self, msk_policy_get_title (self->policy), "title", NULL);
  insert (self, "\n", NULL, NULL);
  disclaimer = msk_policy_get_disclaimer (self->policy);
  if (disclaimer != NULL)
    {
      insert (self, disclaimer, "note", NULL);
      insert (self, "\n", NULL, NULL);
    }

  for (guint i = 0; i < msk_policy_get_n_sections (self->policy); i++)
    {
      const MskSection *section = msk_policy_get_section (self->policy, i);
      g_autofree char *mark_name = g_strdup_printf ("section-%u", i);
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_create_mark (buffer, mark_name, &end, TRUE);
      insert (self, section->heading, "heading", NULL);
      insert (self, "\n", NULL, NULL);
      append_section_row (self, section->heading, i);

      for (guint j = 0; j < section->n_paragraphs; j++)
        {
          const MskParagraph *paragraph = &section->paragraphs[j];

          insert (self, paragraph->text, NULL, NULL);
          insert (self, "\n", NULL, NULL);
          for (guint k = 0; k < paragraph->n_resources; k++)
            insert_resource (self, paragraph->resources[k]);
        }
      for (guint j = 0; j < section->n_resources; j++)
        insert_resource (self, section->resources[j]);
      if (section->services_table)
        insert_services (self);
      if (section->concern_prompts)
        insert_prompts (self);
      if (section->metadata)
        insert_metadata (self);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/* The text view scrolls itself (its clamp is scrollable); scroll_to_mark()
 * rather than scroll_to_iter() because it waits for the lines around the
 * mark to be laid out, so a page filled a moment ago still scrolls to the
 * right place. */
static void
scroll_to_target (MskPolicyView *self,
                  double         fraction)
{
  GtkTextMark *target = gtk_text_buffer_get_mark (self->text, "scroll-target");

  gtk_text_view_scroll_to_mark (self->text_view, target, 0, TRUE, 0, fraction);
}

static gboolean
scroll_when_allocated_cb (GtkWidget     *text_view,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  MskPolicyView *self = user_data;
  double upper;

  /* Hidden again before it was laid out: wait for the next map rather
   * than tick the window's clock. */
  if (!gtk_widget_get_mapped (text_view))
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  /* Ticks come before a frame's layout, so the frame after the first
   * allocation is the first with the real width. */
  if (gtk_widget_get_width (text_view) == 0)
    return G_SOURCE_CONTINUE;
  /* The text view lays out the lines around the target first and the
   * rest in idle time; a target below what it has measured is scrolled
   * only as far as that. So the scroll is made again each time the page
   * grows, until it has stayed the same for a few frames. */
  upper = gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (self->text_scroller));
  if (upper != self->scroll_upper)
    {
      self->scroll_upper = upper;
      self->scroll_still = 0;
      scroll_to_target (self, self->scroll_fraction);
      return G_SOURCE_CONTINUE;
    }
  if (++self->scroll_still < 3)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  self->scroll_waiting = FALSE;
  return G_SOURCE_REMOVE;
}

static void
wait_to_scroll (MskPolicyView *self)
{
  if (self->scroll_waiting && self->scroll_tick == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view),
                                                      scroll_when_allocated_cb, self, NULL);
}

static void
cancel_scroll (MskPolicyView *self)
{
  self->scroll_waiting = FALSE;
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_tick);
  self->scroll_tick = 0;
}

/* Puts `iter` `fraction` of the way down the page. A text view not yet
 * allocated scrolls at a width of one pixel, and one just allocated has
 * measured only the lines around the target, so scrolls short of one far
 * down: a search typed with the Ctrl+F that first showed the page said
 * "8 of 8 matches" over the community services table. Such a scroll waits
 * for the real width and is made again as the page grows. */
static void
bring_into_view (MskPolicyView *self,
                 GtkTextIter   *iter,
                 double         fraction)
{
  GtkTextMark *target = gtk_text_buffer_get_mark (self->text, "scroll-target");

  gtk_text_buffer_move_mark (self->text, target, iter);
  if (gtk_widget_get_width (GTK_WIDGET (self->text_view)) == 0)
    {
      self->scroll_waiting = TRUE;
      self->scroll_fraction = fraction;
      self->scroll_upper = -1;
      wait_to_scroll (self);
      return;
    }
  cancel_scroll (self);
  scroll_to_target (self, fraction);
}

static void
clear_matches (MskPolicyView *self)
{
  GtkTextBuffer *buffer = self->text;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "match", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "current-match", &start, &end);
  g_array_set_size (self->matches, 0);
  self->current = -1;
}

static void
update_match_label (MskPolicyView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *label = NULL;
  guint n = self->matches->len;

  if (text[0] == '\0')
    label = g_strdup ("");
  else if (n == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: %u of %u: the current match and how many there are */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u match", "%u of %u matches", n),
                             (guint) self->current + 1, n);
  gtk_label_set_text (self->match_label, label);
  gtk_widget_set_sensitive (self->next_button, n > 1);
  gtk_widget_set_sensitive (self->previous_button, n > 1);
}

static void
select_match (MskPolicyView *self,
              int            index)
{
  GtkTextBuffer *buffer = self->text;
  GtkTextIter start, end;
  const Match *match;

  if (self->matches->len == 0)
    return;

  if (self->current >= 0)
    {
      match = &g_array_index (self->matches, Match, self->current);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, match->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, match->end);
      gtk_text_buffer_remove_tag_by_name (buffer, "current-match", &start, &end);
    }

  /* Wraps around both ways, like a browser's find bar. */
  self->current = ((index % (int) self->matches->len) + (int) self->matches->len) % (int) self->matches->len;
  match = &g_array_index (self->matches, Match, self->current);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, match->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, match->end);
  gtk_text_buffer_apply_tag_by_name (buffer, "current-match", &start, &end);
  /* A third of the way down, so the match has context above it. */
  bring_into_view (self, &start, 1.0 / 3);
  update_match_label (self);
}

static void
search (MskPolicyView *self)
{
  GtkTextBuffer *buffer = self->text;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter iter, match_start, match_end;

  build (self);
  clear_matches (self);
  g_free (self->searched);
  self->searched = g_strdup (text);

  if (text[0] != '\0')
    {
      gtk_text_buffer_get_start_iter (buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, text,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          Match match = { gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end) };

          gtk_text_buffer_apply_tag_by_name (buffer, "match", &match_start, &match_end);
          g_array_append_val (self->matches, match);
          iter = match_end;
        }
    }

  if (self->matches->len > 0)
    select_match (self, 0);
  else
    update_match_label (self);
}

/* GtkSearchEntry tells of a change after its typing delay; a step below
 * may have searched the text already. */
static void
search_changed_cb (MskPolicyView  *self,
                   GtkSearchEntry *entry)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), self->searched != NULL ? self->searched : "") != 0)
    search (self);
}

/* Return, Shift+Return and the arrows step among the matches of the text
 * typed: typed within the entry's delay, it is searched first, so the
 * step is the one it would be typed slowly (GP review: "cauda" and
 * Return typed quickly showed 1 of 8, not 2 of 8; the Return stepped
 * among the last text's matches and the search then began again). */
static void
step_match (MskPolicyView *self,
            int            delta)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->searched != NULL ? self->searched : "") != 0)
    search (self);
  select_match (self, self->current + delta);
}

static void
search_activate_cb (MskPolicyView  *self,
                    GtkSearchEntry *entry)
{
  step_match (self, 1);
}

static void
search_next_cb (MskPolicyView  *self,
                GtkSearchEntry *entry)
{
  step_match (self, 1);
}

static void
search_previous_cb (MskPolicyView  *self,
                    GtkSearchEntry *entry)
{
  step_match (self, -1);
}

static void
next_clicked_cb (MskPolicyView *self,
                 GtkButton     *button)
{
  step_match (self, 1);
}

static void
previous_clicked_cb (MskPolicyView *self,
                     GtkButton     *button)
{
  step_match (self, -1);
}

/* Shift+Enter goes back; GtkSearchEntry would treat it as a plain Enter. */
static gboolean
search_key_pressed_cb (MskPolicyView         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) != 0)
    {
      step_match (self, -1);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The section list shows where the reader is: the last section whose
 * heading is at or above the top third of the page. */
static void
scrolled_cb (MskPolicyView *self,
             GtkAdjustment *vadj)
{
  GtkTextBuffer *buffer = self->text;
  GdkRectangle visible;
  int line;
  GtkListBoxRow *current = NULL;

  if (!self->built || gtk_text_view_get_buffer (self->text_view) != self->text)
    return;
  /* In buffer coordinates, as the headings' locations are. */
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  line = visible.y + visible.height / 3;
  /* At the very end a short last section never reaches the top third. */
  if (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj) >= gtk_adjustment_get_upper (vadj) - 1)
    line = visible.y + visible.height;

  for (guint i = 0; ; i++)
    {
      g_autofree char *mark_name = g_strdup_printf ("section-%u", i);
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, mark_name);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sections_list, (int) i);
      GtkTextIter iter;
      GdkRectangle location;

      if (mark == NULL || row == NULL)
        break;
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
      gtk_text_view_get_iter_location (self->text_view, &iter, &location);
      if (location.y > line)
        break;
      current = row;
    }
  if (current != NULL && current != gtk_list_box_get_selected_row (self->sections_list))
    gtk_list_box_select_row (self->sections_list, current);
}

static void
section_activated_cb (MskPolicyView *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  GtkTextBuffer *buffer = self->text;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "msk-section-index"));
  g_autofree char *mark_name = g_strdup_printf ("section-%u", index);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, mark_name);
  GtkTextIter iter;

  if (mark == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  /* A section goes to the top of the page, unlike a search match. */
  bring_into_view (self, &iter, 0);
}

static void
msk_policy_view_map (GtkWidget *widget)
{
  show_text (MSK_POLICY_VIEW (widget));
  build (MSK_POLICY_VIEW (widget));
  GTK_WIDGET_CLASS (msk_policy_view_parent_class)->map (widget);
  wait_to_scroll (MSK_POLICY_VIEW (widget));
}

static void
msk_policy_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSK_TYPE_POLICY_VIEW);
  G_OBJECT_CLASS (msk_policy_view_parent_class)->dispose (object);
}

static void
msk_policy_view_finalize (GObject *object)
{
  MskPolicyView *self = MSK_POLICY_VIEW (object);

  g_clear_pointer (&self->policy, msk_policy_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->pending_links, g_ptr_array_unref);
  g_clear_pointer (&self->searched, g_free);
  g_clear_object (&self->text);
  G_OBJECT_CLASS (msk_policy_view_parent_class)->finalize (object);
}

static void
msk_policy_view_class_init (MskPolicyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_policy_view_dispose;
  object_class->finalize = msk_policy_view_finalize;
  widget_class->map = msk_policy_view_map;

  g_type_ensure (MSK_TYPE_CLAMP);
  g_type_ensure (MSK_TYPE_CLAMP_SCROLLABLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nel/MskMriAdvisor/ui/msk-policy-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, match_label);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, next_button);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, sections_list);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, MskPolicyView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_activated_cb);
}

static void
msk_policy_view_init (MskPolicyView *self)
{
  GtkTextBuffer *buffer;
  GtkEventController *key;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  name_close_button (self, GTK_WIDGET (self->search_bar));
  /* The search bar opens at once (a slide of no time; with no transition
   * at all the closed bar kept its height): GTK 4.8's
   * revealer shows its entry only at the slide's first frame, and letters
   * typed before it, at the first Ctrl+F of a session, went nowhere (GP
   * review, keys typed while the app was stopped: Ctrl+F "cauda" opened an
   * empty search). */
  {
    GtkWidget *revealer = _msk_widget_find_descendant (GTK_WIDGET (self->search_bar), GTK_TYPE_REVEALER);

    if (revealer != NULL)
      gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), 0);
  }

  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  self->current = -1;
  self->pending_links = g_ptr_array_new_with_free_func (g_object_unref);
  buffer = self->text = g_object_ref (gtk_text_view_get_buffer (self->text_view));
  create_tags (buffer);
  /* Where search and the section list scroll to: a mark, because the text
   * view scrolls to one only once the lines around it are laid out. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_create_mark (buffer, "scroll-target", &start, TRUE);
  gtk_text_buffer_create_mark (buffer, "focus-target", &start, TRUE);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (text_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), key);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->text_scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
msk_policy_view_new (void)
{
  return g_object_new (MSK_TYPE_POLICY_VIEW, NULL);
}

void
msk_policy_view_set_policy (MskPolicyView *self,
                            MskPolicy     *policy)
{
  GtkTextBuffer *buffer;
  GtkWidget *row;

  g_return_if_fail (MSK_IS_POLICY_VIEW (self));
  g_return_if_fail (policy != NULL);

  g_clear_pointer (&self->policy, msk_policy_unref);
  self->policy = msk_policy_ref (policy);

  /* Drop what an earlier policy built; build() runs again when shown. */
  buffer = self->text;
  g_array_set_size (self->matches, 0);
  self->current = -1;
  g_clear_pointer (&self->searched, g_free);
  gtk_text_buffer_set_text (buffer, "", 0);
  g_ptr_array_set_size (self->pending_links, 0);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list))) != NULL)
    gtk_list_box_remove (self->sections_list, row);
  self->built = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build (self);
}

void
msk_policy_view_prepare (MskPolicyView *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;

  g_return_if_fail (MSK_IS_POLICY_VIEW (self));

  /* Its text is made apart from the text view, which takes it when shown
   * (map): GtkTextView 4.8 lays out text it is given before its first
   * allocation at a width of one pixel, a word a line (50 M instructions
   * for the policy, callgrind), and again at its real width when shown. */
  if (!self->built && gtk_text_view_get_buffer (self->text_view) == self->text)
    {
      g_autoptr(GtkTextBuffer) empty = gtk_text_buffer_new (NULL);

      gtk_text_view_set_buffer (self->text_view, empty);
    }
  build (self);
  /* The one font of this view that the Decide view does not load: the
   * italic of the "note" tag. A new font is a fontconfig sort and match,
   * about 18 M instructions the first time (callgrind), in the first
   * showing otherwise. The font map keeps it for the text view. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->text_view), "a");
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_size (layout, NULL, NULL);
}

void
msk_policy_view_reset (MskPolicyView *self)
{
  g_return_if_fail (MSK_IS_POLICY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Matches only if there are any: a search fills a view not yet shown. */
  if (self->searched != NULL && self->searched[0] != '\0')
    search (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  /* A scroll the last search asked for but has not yet made would land
   * after this one. */
  cancel_scroll (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->text_scroller), 0);
}

gboolean
msk_policy_view_is_in_text (MskPolicyView *self,
                            GtkWidget     *widget)
{
  g_return_val_if_fail (MSK_IS_POLICY_VIEW (self), FALSE);

  return widget == GTK_WIDGET (self->text_view) ||
         (widget != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->text_view)));
}

void
msk_policy_view_focus_text (MskPolicyView *self)
{
  g_return_if_fail (MSK_IS_POLICY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
msk_policy_view_focus_place (MskPolicyView *self,
                             GtkWidget     *place)
{
  g_return_if_fail (MSK_IS_POLICY_VIEW (self));

  /* A link scrolled away from since is not the reading place: focused,
   * it would bring the page back to it (GP review: after a section was
   * chosen in the list, Alt+D and Alt+P went back to the link). */
  if (place != NULL && place != GTK_WIDGET (self->text_view) &&
      msk_policy_view_is_in_text (self, place) && gtk_widget_get_mapped (place))
    {
      GtkWidget *link = place;

      while (gtk_widget_get_parent (link) != GTK_WIDGET (self->text_view))
        link = gtk_widget_get_parent (link);
      if (g_object_get_data (G_OBJECT (link), "msk-anchor") != NULL && link_on_screen (self, link) &&
          gtk_widget_grab_focus (place))
        return;
    }
  msk_policy_view_focus_text (self);
}

void
msk_policy_view_start_search (MskPolicyView *self)
{
  g_return_if_fail (MSK_IS_POLICY_VIEW (self));

  show_text (self);
  build (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
