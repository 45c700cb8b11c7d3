/* msk-text.c — making text safe to leave the app: terminal, clipboard, PDF, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "msk-request.h"
#include "msk-text.h"

/* Embeddings, overrides and isolates reorder what follows them; these are
 * what made "ton CONFIRMING" print as "not CONFIRMING". */
static gboolean
is_bidi_reorder (gunichar ch)
{
  return (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069);
}

gboolean
msk_text_is_bidi_control (gunichar ch)
{
  return is_bidi_reorder (ch) || ch == 0x200e || ch == 0x200f || ch == 0x061c;
}

static gboolean
is_control (gunichar ch)
{
  return ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0);
}

static void
collapse_blank (GString *s)
{
  g_auto(GStrv) lines = g_strsplit (s->str, "\n", -1);
  gboolean blank_pending = FALSE;
  gboolean any = FALSE;

  g_string_truncate (s, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        {
          blank_pending = any;
          continue;
        }
      if (any)
        g_string_append (s, blank_pending ? "\n\n" : "\n");
      g_string_append (s, lines[i]);
      blank_pending = FALSE;
      any = TRUE;
    }
}

static gboolean
starts_sequence (gunichar ch)
{
  return ch == 0x1b || ch == 0x9b || ch == 0x9d || ch == 0x90 || ch == 0x9e || ch == 0x9f || ch == 0x98;
}

/* Past the terminal control sequence starting at `p` (ESC or a C1 CSI or
 * OSC): the whole of it goes, not only its first byte, so "\e]0;pwned\a"
 * leaves nothing behind to puzzle a reader. */
static const char *
skip_sequence (const char *p)
{
  gunichar ch = g_utf8_get_char (p);
  gboolean osc = FALSE;
  gboolean csi = FALSE;

  p = g_utf8_next_char (p);
  if (ch == 0x1b)
    {
      if (*p == '[')
        {
          csi = TRUE;
          p++;
        }
      else if (*p == ']' || *p == 'P' || *p == '_' || *p == '^' || *p == 'X')
        {
          osc = TRUE;
          p++;
        }
      else if (*p >= 0x20 && *p <= 0x7e)
        return p + 1;
      else
        return p;
    }
  else if (ch == 0x9b)
    csi = TRUE;
  else
    osc = TRUE;  /* OSC, DCS, PM, APC, SOS */

  if (csi)
    {
      /* Parameters and intermediates, then one final byte. */
      while (*p >= 0x20 && *p <= 0x3f)
        p++;
      if (*p >= 0x40 && *p <= 0x7e)
        p++;
      return p;
    }
  if (osc)
    {
      /* Up to BEL, ESC \ or ST (U+009C); a string left open ends at the
       * end of the line, so a stray ESC ] cannot swallow a whole note. */
      while (*p != '\0' && *p != '\n')
        {
          if (*p == 0x07)
            return p + 1;
          if (*p == 0x1b && p[1] == '\\')
            return p + 2;
          if (g_utf8_get_char (p) == 0x9c)
            return g_utf8_next_char (p);
          p = g_utf8_next_char (p);
        }
      return p;
    }
  return p;
}

char *
msk_text_sanitize (const char   *text,
                   MskTextFlags  flags)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *nl = (flags & MSK_TEXT_ONE_LINE) ? " " : "\n";

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (starts_sequence (ch))
        {
          /* skip_sequence() moves at least one character; the loop steps
           * one more. */
          p = g_utf8_prev_char (skip_sequence (p));
          continue;
        }
      if (ch == '\r')
        {
          /* CR LF is one break. */
          if (p[1] != '\n')
            g_string_append (out, nl);
        }
      else if (ch == '\n' || ch == 0x2028 || ch == 0x2029 || ch == '\v' || ch == '\f')
        g_string_append (out, nl);
      else if (ch == '\t')
        g_string_append (out, (flags & MSK_TEXT_ONE_LINE) ? " " : "\t");
      else if (is_control (ch) || is_bidi_reorder (ch) || ch == 0xfeff)
        continue;
      else
        g_string_append_unichar (out, ch);
    }
  if (flags & MSK_TEXT_COLLAPSE_BLANK)
    collapse_blank (out);
  return g_string_free (out, FALSE);
}

char *
msk_text_normalize_note (const char *note)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (note == NULL)
    return NULL;
  clean = msk_text_sanitize (note, MSK_TEXT_COLLAPSE_BLANK);
  if (clean[strspn (clean, " \t\n")] == '\0')
    return NULL;

  lines = g_strsplit (clean, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, i < MSK_TEXT_NOTE_MAX_LINES ? "\n" : " ");
      g_string_append (out, lines[i]);
    }
  /* The parser refuses a longer note with a message; the window, which
   * cannot refuse a keystroke after the fact, gets the note cut here. */
  if (g_utf8_strlen (out->str, -1) > MSK_REQUEST_NOTES_MAX_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, MSK_REQUEST_NOTES_MAX_CHARS);
      g_string_truncate (out, end - out->str);
    }
  return g_string_free (out, FALSE);
}

char *
msk_text_escape_json (const char *json)
{
  GString *out;

  g_return_val_if_fail (json != NULL, NULL);

  out = g_string_sized_new (strlen (json));
  for (const char *p = json; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if ((guchar) *p < 0x80 && ch != 0x7f)
        g_string_append_c (out, *p);
      else if (ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch == 0x2028 || ch == 0x2029 ||
               ch == 0xfeff || msk_text_is_bidi_control (ch))
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

char *
msk_text_escape_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_control (ch) || ch == 0x2028 || ch == 0x2029 || ch == 0xfeff || msk_text_is_bidi_control (ch))
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

char *
msk_text_url_problem (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  /* Anything past printable ASCII is refused whole: a no-break space or a
   * line separator would make the link shown differ from the link opened,
   * and an international domain name can be written in its xn-- form. */
  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch <= 0x20 || ch >= 0x7f)
        return g_strdup_printf ("holds U+%04X, which a link must not; write it %%-encoded", ch);
      if (strchr ("\"<>\\^`{|}", (int) ch) != NULL)
        return g_strdup_printf ("holds '%c', which a link must not; write it %%-encoded", (char) ch);
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup ("is not a valid URL");
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return g_strdup ("is not an https:// address");
  if (g_uri_get_userinfo (uri) != NULL)
    return g_strdup ("holds a user name before '@'; a link must show its real host");
  /* An '@' anywhere else ("https://evil.example?@nhs.uk") reads to a person
   * as a user name before the host the link does not go to. */
  if (strchr (url, '@') != NULL)
    return g_strdup ("holds '@', which makes the host hard to read; write it %-encoded");
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return g_strdup ("has no host name");
  {
    g_auto(GStrv) labels = g_strsplit (host, ".", -1);
    guint n = g_strv_length (labels);
    gboolean ok = n >= 2;
    gboolean letters = FALSE;

    /* A name, not an address: every label LDH (letters, digits, hyphens,
     * not at either end), and a top-level label of letters only (so not
     * 127.0.0.1, 1.1 or 0x7f.1). */
    for (guint i = 0; ok && labels[i] != NULL; i++)
      {
        const char *l = labels[i];
        gsize len = strlen (l);

        ok = len > 0 && l[0] != '-' && l[len - 1] != '-';
        for (const char *c = l; ok && *c != '\0'; c++)
          ok = g_ascii_isalnum (*c) || *c == '-';
      }
    for (const char *c = ok ? labels[n - 1] : ""; *c != '\0'; c++)
      letters = g_ascii_isalpha (*c);
    for (const char *c = ok ? labels[n - 1] : ""; ok && *c != '\0'; c++)
      ok = g_ascii_isalpha (*c);
    if (!ok || !letters)
      return g_strdup_printf ("host \"%s\" is not a full domain name (such as www.nhs.uk)", host);
  }
  return NULL;
}
