/* bench-text.c: how the time to lay out a slide grows with the length of its text
 *
 * Run with `meson test -C _build --benchmark -v` (or build-aux/benchmark.sh).
 * The loader refuses texts longer than their role allows; these are laid
 * out through the API, past that limit, to show that fitting itself grows
 * with the length of the text and no faster. Results are ratios, so they
 * compare across machines: 1.0 per length ratio is linear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "clearway-core.h"
#include "cw-fonts.h"

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* Distinct words, so no measurement of an earlier run is reused;
 * @hyphens joins two words in each, which Pango must keep whole. */
static char *
make_text (guint    n_chars,
           guint    seed,
           gboolean hyphens)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; text->len < n_chars; i++)
    {
      g_string_append (text, i > 0 ? " mines" : "mines");
      if (hyphens)
        g_string_append_c (text, '-');
      for (guint v = i * 31 + seed; v > 0; v /= 26)
        g_string_append_c (text, 'a' + v % 26);
    }
  g_string_truncate (text, n_chars);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Seconds to lay out a one-slide deck of @template whose @field holds @n_chars. */
static double
layout_seconds (const char *template,
                const char *field,
                guint       n_chars,
                guint       seed,
                gboolean    hyphens,
                guint      *n_layouts)
{
  g_autoptr(CwDeck) deck = cw_deck_new ();
  g_autoptr(CwSlide) slide = cw_slide_new ("s", template);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  g_autofree char *text = make_text (n_chars, seed, hyphens);
  guint before = cw_fonts_get_n_layouts ();
  double start;

  cw_deck_set_title (deck, "Bench");
  cw_deck_set_language (deck, "en");
  cw_slide_set_text (slide, field, text);
  cw_deck_add_slide (deck, slide);

  start = now ();
  renderer = cw_renderer_new (deck, "en", format, 30);
  *n_layouts = cw_fonts_get_n_layouts () - before;
  return now () - start;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *template, *field; } texts[] = {
    { "title", "headline" },
    { "quote", "quote" },
  };
  static const guint lengths[] = { 1000, 10000, 40000 };
  guint body = cw_text_role_get_max_chars (CW_TEXT_ROLE_BODY);
  guint n_layouts;
  double seconds;

  setlocale (LC_ALL, "C.UTF-8");
  cw_core_init ();

  g_print ("Clearway benchmark: laying out one slide with a long text, 1080×1920\n\n");

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      double first = 0;

      for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
        {
          seconds = layout_seconds (texts[t].template, texts[t].field, lengths[l], t * 10 + l, FALSE,
                                    &n_layouts);
          if (l == 0)
            first = seconds;
          g_print ("%-9s %6u characters: %7.0f ms, %3u layouts (%.2f× the time a character of %u)\n",
                   texts[t].field, lengths[l], seconds * 1000, n_layouts,
                   seconds / first / ((double) lengths[l] / lengths[0]), lengths[0]);
        }
    }

  /* Each hyphenated word is kept whole by an attribute, and Pango's time
   * grows with attributes times length: the worst a deck can ask for is a
   * body text at its limit, every word hyphenated. */
  seconds = layout_seconds ("quote", "quote", body, 99, TRUE, &n_layouts);
  g_print ("quote     %6u characters, every word hyphenated: %.0f ms, %u layouts\n",
           body, seconds * 1000, n_layouts);

  return 0;
}
