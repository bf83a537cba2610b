/* test-golden.c: every template in every format and language, as golden images
 *
 * tests/decks/matrix.clearway has one slide per template and catalogs in
 * Azerbaijani, Russian and Arabic (right to left). Each settled slide is
 * drawn in each of the four shapes (9:16, 1:1, 4:5, 16:9) and each
 * language, at a fifth of the platforms’ size to keep the repository
 * small (layout scales with the frame), then compared with its golden
 * image in tests/golden/matrix-*.png. So are a frame in each kind of
 * transition and one of a number counting up.
 *
 * A failing comparison writes the actual image and a diff next to the
 * build's tests (golden-out/); CW_UPDATE_GOLDEN=1 rewrites the goldens,
 * which is how they are made again after a change of look. Look at them
 * before committing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-test-utils.h"

typedef struct
{
  /* the shape, as file names say it */
  const char *name;
  /* the platform preset drawn at a fifth of its size */
  const char *preset;
} Shape;

static const Shape shapes[] = {
  { "9x16", "tiktok" },
  { "1x1", "square" },
  { "4x5", "portrait" },
  { "16x9", "landscape" },
};

static const char *languages[] = { "en", "az", "ru", "ar" };

typedef struct
{
  const char *shape;
  const char *language;
} Case;

typedef struct
{
  const char *name;
  /* the slide the moment is in */
  const char *slide;
  /* seconds into the slide's frames (its transition comes first), or -1
   * for a third of the way through its transition: a crossfade half way
   * through shows the background alone, the old text gone and the new one
   * not yet in */
  double      time;
} Moment;

/* A frame in each kind of transition, and one of the big number counting up. */
static const Moment moments[] = {
  { "crossfade", "number", -1 },
  { "push", "bars", -1 },
  { "wipe", "change", -1 },
  { "counting", "number", 0.9 },
};

static CwDeck *deck;

static CwFormat *
small_format (const char *shape)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      if (g_str_equal (shapes[i].name, shape))
        {
          g_autoptr(CwFormat) preset = cw_format_lookup (shapes[i].preset, NULL);

          return cw_format_scaled (preset, preset->width / 5);
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
slide_index (CwRenderer *renderer,
             const char *id)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      if (g_str_equal (cw_renderer_get_slide_id (renderer, i), id))
        return i;
    }
  g_error ("the matrix deck has no slide “%s”", id);
  return 0;
}

/* Every slide, settled, in one shape and language. */
static void
test_settled (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CwFormat) format = small_format (c->shape);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, c->language, format, 30);

  /* a template no slide of the matrix shows would have no golden images */
  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
        shown |= g_str_equal (cw_slide_get_template_id (cw_deck_get_slide (deck, i)), (*t)->id);
      if (!shown)
        g_error ("no slide of tests/decks/matrix.clearway uses the template “%s”; add one", (*t)->id);
    }

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      g_autoptr(cairo_surface_t) frame = cw_renderer_render_frame (renderer, cw_renderer_get_settled_frame (renderer, i));
      g_autofree char *name = g_strdup_printf ("matrix-%s-%s-%s", cw_renderer_get_slide_id (renderer, i),
                                               c->shape, c->language);

      cw_test_assert_golden (frame, name);
    }
}

/* The moments in motion, upright, in English and in Arabic, where a push
 * and a wipe run the other way. */
static void
test_moments (void)
{
  g_autoptr(CwFormat) format = small_format ("9x16");

  for (guint l = 0; l < 2; l++)
    {
      const char *language = l == 0 ? "en" : "ar";
      g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, language, format, 30);

      for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
        {
          guint slide = slide_index (renderer, moments[i].slide);
          CwSlide *s = cw_deck_get_slide (deck, slide);
          g_autoptr(cairo_surface_t) frame = NULL;
          g_autofree char *name = g_strdup_printf ("matrix-%s-9x16-%s", moments[i].name, language);
          guint first, n, index;

          cw_renderer_get_slide_frames (renderer, slide, &first, &n);
          if (moments[i].time < 0)
            {
              g_assert_cmpint (cw_slide_get_transition (s), !=, CW_TRANSITION_CUT);
              g_assert_cmpstr (cw_transition_to_string (cw_slide_get_transition (s)), ==, moments[i].name);
              index = first + (guint) (cw_slide_get_transition_duration (s) * 30 / 3);
            }
          else
            index = first + (guint) (moments[i].time * 30);
          frame = cw_renderer_render_frame (renderer, index);
          cw_test_assert_golden (frame, name);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int status;

  cw_test_init (&argc, &argv);
  deck = cw_test_load_deck_file ("matrix.clearway");

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *path = g_strdup_printf ("/cw/golden/settled/%s/%s", shapes[s].name, languages[l]);

        c->shape = shapes[s].name;
        c->language = languages[l];
        g_ptr_array_add (cases, c);
        g_test_add_data_func (path, c, test_settled);
      }
  g_test_add_func ("/cw/golden/moments", test_moments);

  status = g_test_run ();
  g_clear_object (&deck);
  return status;
}
