/* cw-renderer.c
 *
 * A renderer lays every slide of a deck out once, for one language and one
 * format, then draws any frame on demand. Its layout is immutable after
 * construction: the exporter's threads and the editor's preview draw from
 * it concurrently, and a frame depends on nothing but its number.
 *
 * What does not move in a frame (the background, the texture and the
 * elements that have come in and not started to leave) is drawn once into
 * a layer, kept in a small cache that the threads share under a lock, and
 * copied under each frame that shows it; only what moves is drawn again.
 * A frame drawn over layers is the same picture as one drawn without them
 * (tests/test-render.c checks it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-core.h"
#include "cw-error.h"
#include "cw-fonts.h"
#include "cw-locale.h"
#include "cw-pixels.h"
#include "cw-renderer-private.h"
#include "cw-scene-builder.h"
#include "cw-template.h"

/* One budget for the layers of every renderer in the process: an export
 * keeps a renderer for each language and format, the editor one for the
 * preview and others for thumbnails, and memory must not grow with them.
 * Two layers at 1080×1920, about 17 MB: the backdrop all slides share and
 * the slide's still elements, or during a transition the two slides'.
 * A third (26 MB) saved redrawing 4 to 6 layers of a 1080×1920 sequence,
 * under 1 % of its time, for 8 MB more at the peak; room for only one
 * redraws three times as many, and the reference clip takes a quarter
 * more CPU. Smaller frames keep more, up to a few per renderer. */
#define LAYER_BUDGET (17 * 1024 * 1024)
#define MAX_LAYERS   16

/* lookup_layer()'s @image for a slide's content without its background */
#define CONTENT (-2)

typedef struct _Layer Layer;

static GMutex     layer_lock;
static GCond      layer_cond;
/* (element-type Layer): every renderer's, under layer_lock */
static GPtrArray *layers;
static guint64    layer_clock;
static gsize      layer_bytes;
/* the last number given a drawn layer; see LayerMark */
static guint64    layer_serial;
static cairo_user_data_key_t serial_key;

/* What a frame target needs to know of a layer, set before other threads
 * see it */
typedef struct
{
  /* a number no other layer drawn in this process has: a layer drawn
   * again after it was forgotten, or one of another renderer, has
   * another. A frame target tells by it that the layer it holds is the
   * one a frame is drawn over; the layer's address may be another's by
   * then. */
  guint64               serial;
  /* the serial of the layer it was drawn over, a copy of it or in place,
   * or of the one that was, and so on: the first of them (the backdrop);
   * @serial if it was drawn over none */
  guint64               root;
  /* the box outside which its pixels are those of layer @root */
  cairo_rectangle_int_t delta;
} LayerMark;

struct _Layer
{
  /* not a reference: a renderer takes its layers out when finalized */
  CwRenderer      *renderer;
  guint            slide;
  /* one character a still node, from the first: see cw_scene_get_still_nodes() */
  char            *looks;
  /* NULL while a thread draws it; the others wait on layer_cond */
  cairo_surface_t *surface;
  gsize            size;
  guint64          used;
};

typedef struct
{
  char             *id;
  CwScene          *scene;
  guint             first_frame;
  guint             n_frames;
  CwTransitionType  transition;
  guint             transition_frames;
  /* for each node, what is known of whether it draws nothing in each of
   * its still looks: see is_blank() */
  gint             *blank;
} Span;

struct _CwRenderer
{
  GObject     parent_instance;

  CwFormat   *format;
  char       *language;
  guint       fps;
  gboolean    transparent;
  GArray     *spans;
  guint       n_frames;
  GPtrArray  *warnings;
  GPtrArray  *untranslated;
  /* without Noto Sans every character is missing: one warning says so */
  gboolean    check_glyphs;

  gboolean    cache_layers;
  /* how many times a layer of a backdrop was drawn, for tests */
  guint       n_backdrops_drawn;
  /* how many layers of still nodes were drawn, for tests */
  guint       n_layers_drawn;
};

enum {
  PROP_0,
  PROP_CACHE_LAYERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CwRenderer, cw_renderer, G_TYPE_OBJECT)

static void
span_clear (Span *span)
{
  g_clear_pointer (&span->id, g_free);
  g_clear_pointer (&span->scene, cw_scene_unref);
  g_clear_pointer (&span->blank, g_free);
}

static void drop_spare_mappings (void);

static void
layer_free (Layer *layer)
{
  layer_bytes -= layer->size;
  g_clear_pointer (&layer->surface, cairo_surface_destroy);
  g_free (layer->looks);
  g_free (layer);
}

/* Takes the layers of @self out of the cache; with layer_lock held. */
static void
forget_layers (CwRenderer *self)
{
  for (guint i = layers->len; i > 0; i--)
    {
      if (((Layer *) g_ptr_array_index (layers, i - 1))->renderer == self)
        g_ptr_array_remove_index_fast (layers, i - 1);
    }
}

static void
cw_renderer_finalize (GObject *object)
{
  CwRenderer *self = (CwRenderer *)object;
  gboolean none_left;

  g_mutex_lock (&layer_lock);
  forget_layers (self);
  none_left = layers->len == 0;
  g_mutex_unlock (&layer_lock);
  /* the next renderer may draw frames of another size, or none */
  if (none_left)
    drop_spare_mappings ();

  g_clear_pointer (&self->format, cw_format_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->untranslated, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_renderer_parent_class)->finalize (object);
}

static void
cw_renderer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwRenderer *self = CW_RENDERER (object);

  switch (prop_id)
    {
    case PROP_CACHE_LAYERS:
      g_value_set_boolean (value, cw_renderer_get_cache_layers (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_renderer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CwRenderer *self = CW_RENDERER (object);

  switch (prop_id)
    {
    case PROP_CACHE_LAYERS:
      cw_renderer_set_cache_layers (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_renderer_class_init (CwRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_renderer_finalize;
  object_class->get_property = cw_renderer_get_property;
  object_class->set_property = cw_renderer_set_property;

  /**
   * CwRenderer:cache-layers:
   *
   * Whether frames are drawn over cached layers of what does not move. The
   * picture is the same either way; without the cache every frame is drawn
   * whole, which only tests (comparing the two) want.
   */
  properties[PROP_CACHE_LAYERS] =
    g_param_spec_boolean ("cache-layers", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);
}

static void
cw_renderer_init (CwRenderer *self)
{
  self->cache_layers = TRUE;
  self->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (self->spans, (GDestroyNotify) span_clear);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  self->untranslated = g_ptr_array_new_with_free_func (g_free);
}

static void
add_unique (GPtrArray  *array,
            const char *str)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (array, i), str))
        return;
    }
  g_ptr_array_add (array, g_strdup (str));
}

/* The renderer draws only with the theme's fonts and their fallbacks, so a
 * character none of them has would ship as a box: say so while the author
 * can still replace it. Every text a viewer reads is checked, including
 * those templates draw themselves; one warning a text. */
static void
check_glyphs (CwRenderer *self,
              CwTheme    *theme,
              CwSlide    *slide,
              CwScene    *scene)
{
  const char *families[CW_N_FONT_ROLES + 1] = { NULL };

  for (guint role = 0; role < CW_N_FONT_ROLES; role++)
    families[role] = cw_theme_get_font_family (theme, role);

  for (guint i = 0; i < scene->texts->len; i++)
    {
      const char *text = g_ptr_array_index (scene->texts, i);
      g_autoptr(GArray) missing = cw_fonts_find_missing (text, families);
      g_autoptr(GString) codes = NULL;
      g_autofree char *message = NULL;
      CwDiagnostic *diagnostic;
      const char *hint;

      if (missing == NULL)
        continue;

      codes = g_string_new (NULL);
      for (guint j = 0; j < MIN (missing->len, 8); j++)
        g_string_append_printf (codes, "%sU+%04X", j > 0 ? ", " : "",
                                g_array_index (missing, gunichar, j));
      if (missing->len > 8)
        g_string_append (codes, ", …");

      /* Translators: a slide id, one or more character codes such as U+E000, then the text they are in */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Slide “%s”: none of the fonts has the character %s in “%s”, so it is drawn as a box.",
                                              "Slide “%s”: none of the fonts has the characters %s in “%s”, so they are drawn as boxes.",
                                              missing->len),
                                 cw_slide_get_id (slide), codes->str, text);
      hint = g_dngettext (GETTEXT_PACKAGE,
                          "Replace it, or choose a theme font that has it.",
                          "Replace them, or choose a theme font that has them.",
                          missing->len);
      diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, cw_slide_get_id (slide),
                                                NULL, message, hint);
      /* the checks of the clip find these too, per element and frame */
      diagnostic->rule = g_strdup ("glyphs");
      cw_diagnostics_add_unique (self->warnings, diagnostic);
    }
}

/* Names the slide, the template it asks for and those there are, since
 * the id alone tells an author neither where nor what to choose. */
static CwDiagnostic *
unknown_template (CwSlide *slide)
{
  const CwTemplate * const *templates = cw_template_list ();
  g_autoptr(GString) known = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  CwDiagnostic *diagnostic;

  for (guint i = 0; templates[i] != NULL; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", templates[i]->id);

  /* Translators: a slide id, then a template id */
  message = g_strdup_printf (_("Slide “%s” uses the template “%s”, which this version of Clearway does not have, so it is shown empty."),
                             cw_slide_get_id (slide), cw_slide_get_template_id (slide));
  /* Translators: a list of template ids */
  hint = g_strdup_printf (_("Choose one of the templates there are: %s."), known->str);
  diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, cw_slide_get_id (slide),
                                            "template", message, hint);
  diagnostic->code = CW_ERROR_BAD_VALUE;
  return diagnostic;
}

/* Seconds a settled slide stays once read, before the next one starts. */
#define READING_REST 0.5

/* Seconds a key figure stays settled, at least, before it leaves: long
 * enough to take in a number that has just stopped counting. */
#define KEY_FIGURE_HOLD 2.0
/* how much closer a drifting texture comes at the middle of a hold: on a
 * 1920-pixel frame its edges move under 30 pixels over the hold, slow
 * enough to read as a breath rather than a camera move */
#define AMBIENT_DRIFT 0.03

/**
 * build_scene:
 * @language: the language to lay @slide out in
 * @agreed: (nullable): the sizes the deck's languages agreed on
 * @proposed: (nullable): where to note the sizes this layout chose; a
 *   layout that only measures, whose warnings are not the renderer's
 */
static CwScene *
build_scene (CwRenderer *self,
             CwDeck     *deck,
             CwSlide    *slide,
             GHashTable *shared,
             const char *language,
             GHashTable *agreed,
             GHashTable *proposed)
{
  const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
  CwTheme *theme = cw_deck_get_theme (deck);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autoptr(GPtrArray) untranslated = g_ptr_array_new_with_free_func (g_free);
  CwScene *scene;
  CwSceneBuilder builder = { 0 };
  g_autofree char *numbers = NULL;
  double duration;

  scene = cw_scene_new (self->format->width, self->format->height);
  scene->safe = self->format->safe;
  scene->background = cw_theme_get_color (theme, CW_COLOR_BACKGROUND);
  scene->background_end = cw_theme_get_color (theme, CW_COLOR_BACKGROUND_END);
  scene->transparent = self->transparent;
  scene->rtl = cw_locale_is_rtl (language);

  if (template == NULL)
    {
      /* the loader refuses unknown templates; this only guards against a bad edit */
      if (proposed == NULL)
        cw_diagnostics_add_unique (self->warnings, unknown_template (slide));
      scene->duration = 1;
      cw_scene_finish (scene);
      return scene;
    }

  builder.deck = deck;
  builder.slide = slide;
  builder.template = template;
  builder.format = self->format;
  builder.language = numbers = cw_locale_with_digits (language,
                                                     cw_deck_get_digits (deck) == CW_DIGITS_NATIVE);
  builder.text_language = language;
  builder.theme = theme;
  builder.scene = scene;
  builder.frame = (CwRect) { 0, 0, self->format->width, self->format->height };
  builder.content = self->format->safe;
  builder.unit = MIN (self->format->width, self->format->height) / 1080.0;
  builder.warnings = warnings;
  builder.untranslated = untranslated;
  builder.shared = shared;
  builder.agreed = agreed;
  builder.proposed = proposed;
  builder.measuring = proposed != NULL;

  template->build (&builder);
  g_clear_pointer (&builder.extra, g_hash_table_unref);
  if (builder.fine_print != NULL)
    {
      scene->source_line = g_strdup (builder.fine_print);
      g_ptr_array_add (scene->texts, g_steal_pointer (&builder.fine_print));
    }
  cw_scene_finish (scene);
  /* only a texture can drift; a transparent clip has none to show */
  if (cw_theme_get_ambient (theme) == CW_AMBIENT_DRIFT && !scene->transparent && scene->n_fixed > 0)
    scene->ambient = AMBIENT_DRIFT;
  if (proposed != NULL)
    return scene;
  if (self->check_glyphs)
    check_glyphs (self, theme, slide, scene);

  /* Long enough to read, unless the author chose how long: viewers read as
   * the text comes in, at the reading speed, from the first text on; and the
   * settled slide stays a moment before the next one, longer when the
   * template asks. A key figure (a number that counts) stays settled long
   * enough to take in once it stops, then leaves: for reading it plus a
   * second, never under KEY_FIGURE_HOLD. */
  {
    double speed = cw_deck_get_reading_speed (deck);
    double first_text = scene->settle_time;
    double needed;

    for (guint i = 0; i < scene->nodes->len; i++)
      {
        const CwNode *node = g_ptr_array_index (scene->nodes, i);
        if (node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER)
          first_text = MIN (first_text, node->enter.delay);
      }
    needed = first_text + builder.reading_chars / speed + MAX (READING_REST, builder.rest_after_reading);
    needed = MAX (needed, scene->settle_time + 0.8);
    for (guint i = 0; i < scene->nodes->len; i++)
      {
        const CwNode *node = g_ptr_array_index (scene->nodes, i);
        double hold, leave;

        if (node->kind != CW_NODE_COUNTER)
          continue;
        hold = MAX (KEY_FIGURE_HOLD, MAX (0.83, g_utf8_strlen (node->text ? node->text : "", -1) / speed) + 1);
        leave = node->exit.effect != CW_EFFECT_NONE ? node->exit.delay + node->exit.duration : 0;
        needed = MAX (needed, cw_animation_get_end (&node->enter) + hold + leave);
      }
    needed = MAX (needed, template->min_duration);
    needed = ceil (needed * 10 - 1e-6) / 10;

    duration = cw_slide_get_duration (slide);
    if (duration <= 0)
      duration = needed;
    else if (duration < needed - 0.05)
      {
        g_autofree char *message = NULL;
        CwDiagnostic *diagnostic;

        /* Translators: a slide id, then two durations in seconds */
        message = g_strdup_printf (_("Slide “%s” lasts %.1f s, but its text takes %.1f s to read."),
                                   cw_slide_get_id (slide), duration, needed);
        diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, cw_slide_get_id (slide),
                                                  "duration", message,
                                                  _("Lengthen it, or shorten the text."));
        diagnostic->rule = g_strdup ("reading-time");
        cw_diagnostics_add_unique (self->warnings, diagnostic);
      }
  }
  scene->duration = duration;

  for (guint i = 0; i < warnings->len; i++)
    cw_diagnostics_add_unique (self->warnings, cw_diagnostic_copy (g_ptr_array_index (warnings, i)));
  for (guint i = 0; i < untranslated->len; i++)
    add_unique (self->untranslated, g_ptr_array_index (untranslated, i));

  return scene;
}

/* Rounds of layout the languages take to agree: each round can only make
 * sizes smaller, and after the first few nothing a viewer sees changes. */
#define MAX_AGREEMENT_ROUNDS 3

/* Within one deck and format, a role has one size in every language and a
 * pictogram one shape, sized for the language that needs the most room, so
 * the clips look like one campaign. The slide is laid out in each of the
 * deck's languages and each takes the smallest size any of them chose;
 * laying out again with those sizes can make one language shrink another
 * text (a column that now wraps), so the rounds go on until they agree.
 * Text measurement is cached (cw_text_measure()), so the other languages'
 * layouts cost little once the first clip has been laid out. */
static GHashTable *
agree_across_languages (CwRenderer *self,
                        CwDeck     *deck,
                        CwSlide    *slide,
                        GHashTable *shared)
{
  g_auto(GStrv) languages = cw_deck_list_languages (deck);
  g_autoptr(GHashTable) agreed = NULL;

  if (languages == NULL || g_strv_length (languages) < 2 ||
      !g_strv_contains ((const char * const *) languages, self->language))
    return NULL;

  for (guint round = 0; round < MAX_AGREEMENT_ROUNDS; round++)
    {
      g_autoptr(GHashTable) proposed = cw_builder_agreement_new ();

      for (guint i = 0; languages[i] != NULL; i++)
        {
          CwScene *scene = build_scene (self, deck, slide, shared, languages[i], agreed, proposed);
          cw_scene_unref (scene);
        }
      if (cw_builder_agreement_equal (agreed, proposed))
        break;
      g_clear_pointer (&agreed, g_hash_table_unref);
      agreed = g_steal_pointer (&proposed);
    }
  return g_steal_pointer (&agreed);
}

/**
 * cw_renderer_new:
 * @deck: the deck; read during construction only, so pass a snapshot
 *   (cw_deck_copy()) when building on another thread
 * @language: the language to render
 * @format: the frame size and safe zone
 * @fps: frames per second
 *
 * Returns: (transfer full): a renderer with every slide laid out
 */
CwRenderer *
cw_renderer_new (CwDeck         *deck,
                 const char     *language,
                 const CwFormat *format,
                 guint           fps)
{
  CwRenderer *self;
  g_autoptr(GHashTable) shared = NULL;
  guint n_slides;
  guint frame = 0;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (fps > 0, NULL);

  self = g_object_new (CW_TYPE_RENDERER, NULL);
  self->format = cw_format_copy (format);
  self->language = g_strdup (language ? language : cw_deck_get_language (deck));
  self->fps = fps;
  self->transparent = cw_deck_get_transparent (deck);

  {
    g_auto(GStrv) fonts = cw_fonts_list_missing_fallbacks ();

    self->check_glyphs = !g_strv_contains ((const char * const *) fonts, CW_FONTS_DEFAULT_FAMILY);
    if (fonts[0] != NULL)
      {
        g_autofree char *list = g_strjoinv (", ", fonts);
        g_autofree char *message = NULL;

        /* Translators: a list of font names */
        message = g_strdup_printf (_("These fonts are not installed, so text that needs them is drawn as boxes: %s."),
                                   list);
        cw_diagnostics_add_unique (self->warnings,
                                   cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, NULL, NULL, message,
                                                                /* Translators: the package names stay as they are */
                                                                _("Install the packages fonts-noto-core, fonts-noto-ui-core and fonts-noto-mono.")));
      }
  }

  shared = cw_builder_shared_new ();
  n_slides = cw_deck_get_n_slides (deck);
  for (guint i = 0; i < n_slides; i++)
    {
      CwSlide *slide = cw_deck_get_slide (deck, i);
      Span span = { 0 };

      span.id = g_strdup (cw_slide_get_id (slide));
      g_autoptr(GHashTable) agreed = agree_across_languages (self, deck, slide, shared);

      span.scene = build_scene (self, deck, slide, shared, self->language, agreed, NULL);
      span.blank = g_new0 (gint, span.scene->nodes->len);
      span.first_frame = frame;
      span.n_frames = MAX (1, (guint) lround (span.scene->duration * fps));
      span.transition = i > 0 ? cw_slide_get_transition (slide) : CW_TRANSITION_CUT;
      span.transition_frames = span.transition == CW_TRANSITION_CUT ? 0
        : MIN (span.n_frames, (guint) lround (cw_slide_get_transition_duration (slide) * fps));
      frame += span.n_frames;
      g_array_append_val (self->spans, span);
    }
  self->n_frames = frame;

  return self;
}

gboolean
cw_renderer_get_cache_layers (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), FALSE);
  return self->cache_layers;
}

/* How many layers the cache holds now. */
guint
cw_renderer_get_n_layers (CwRenderer *self)
{
  guint n;

  g_return_val_if_fail (CW_IS_RENDERER (self), 0);

  n = 0;
  g_mutex_lock (&layer_lock);
  for (guint i = 0; i < layers->len; i++)
    n += ((Layer *) g_ptr_array_index (layers, i))->renderer == self;
  g_mutex_unlock (&layer_lock);
  return n;
}

/* How many times a layer of the background and texture was drawn: the
 * dearest layer, drawn once for all the slides that share it unless the
 * cache had to forget it. */
guint
cw_renderer_get_n_backdrops_drawn (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return g_atomic_int_get (&self->n_backdrops_drawn);
}

/* How many layers of a slide's background and still nodes were drawn,
 * the backdrops among them. */
guint
cw_renderer_get_n_layers_drawn (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return g_atomic_int_get (&self->n_layers_drawn);
}

/**
 * cw_renderer_set_cache_layers:
 *
 * See #CwRenderer:cache-layers. Set it before drawing, not while other
 * threads draw.
 */
void
cw_renderer_set_cache_layers (CwRenderer *self,
                              gboolean    cache_layers)
{
  g_return_if_fail (CW_IS_RENDERER (self));

  cache_layers = !!cache_layers;
  if (self->cache_layers == cache_layers)
    return;

  self->cache_layers = cache_layers;
  g_mutex_lock (&layer_lock);
  forget_layers (self);
  g_mutex_unlock (&layer_lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_LAYERS]);
}

const CwFormat *
cw_renderer_get_format (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  return self->format;
}

const char *
cw_renderer_get_language (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  return self->language;
}

guint
cw_renderer_get_fps (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return self->fps;
}

guint
cw_renderer_get_n_frames (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return self->n_frames;
}

/* Seconds; exactly n_frames / fps. */
double
cw_renderer_get_duration (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return (double) self->n_frames / self->fps;
}

gboolean
cw_renderer_get_transparent (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), FALSE);
  return self->transparent;
}

guint
cw_renderer_get_n_slides (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  return self->spans->len;
}

CwScene *
cw_renderer_get_scene (CwRenderer *self,
                       guint       slide)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  g_return_val_if_fail (slide < self->spans->len, NULL);
  return g_array_index (self->spans, Span, slide).scene;
}

const char *
cw_renderer_get_slide_id (CwRenderer *self,
                          guint       slide)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  g_return_val_if_fail (slide < self->spans->len, NULL);
  return g_array_index (self->spans, Span, slide).id;
}

void
cw_renderer_get_slide_frames (CwRenderer *self,
                              guint       slide,
                              guint      *first,
                              guint      *n_frames)
{
  const Span *span;

  g_return_if_fail (CW_IS_RENDERER (self));
  g_return_if_fail (slide < self->spans->len);

  span = &g_array_index (self->spans, Span, slide);
  if (first)
    *first = span->first_frame;
  if (n_frames)
    *n_frames = span->n_frames;
}

guint
cw_renderer_get_slide_at_frame (CwRenderer *self,
                                guint       frame)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CW_IS_RENDERER (self), 0);

  if (self->spans->len == 0)
    return 0;

  hi = self->spans->len - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (g_array_index (self->spans, Span, mid).first_frame <= frame)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

guint
cw_renderer_get_frame_at_time (CwRenderer *self,
                               double      t)
{
  double f;

  g_return_val_if_fail (CW_IS_RENDERER (self), 0);

  if (self->n_frames == 0)
    return 0;
  f = floor (t * self->fps + 1e-6);
  return (guint) CLAMP (f, 0, self->n_frames - 1);
}

/* The frame at which a slide has settled: for thumbnails, contact sheets
 * and `clearway-cli text`. */
guint
cw_renderer_get_settled_frame (CwRenderer *self,
                               guint       slide)
{
  const Span *span;
  guint offset;

  g_return_val_if_fail (CW_IS_RENDERER (self), 0);
  g_return_val_if_fail (slide < self->spans->len, 0);

  span = &g_array_index (self->spans, Span, slide);
  offset = (guint) ceil (span->scene->settle_time * self->fps);
  return span->first_frame + MIN (offset, span->n_frames - 1);
}

typedef struct
{
  guint  slide;
  double t;
  gboolean transition;
} FrameKey;

static FrameKey
frame_key (CwRenderer *self,
           guint       frame)
{
  guint slide = cw_renderer_get_slide_at_frame (self, frame);
  const Span *span = &g_array_index (self->spans, Span, slide);
  guint local = frame - span->first_frame;
  FrameKey key = { slide, (double) local / self->fps, FALSE };

  if (local < span->transition_frames)
    key.transition = TRUE;
  else
    key.t = cw_scene_get_hold_time (span->scene, key.t);
  return key;
}

/**
 * cw_renderer_get_frame_time:
 * @t: (out): the time in its slide's scene that @frame shows
 *
 * Returns: %FALSE when @frame is part of a transition, which draws two
 *   slides at once and so no single scene time
 */
gboolean
cw_renderer_get_frame_time (CwRenderer *self,
                            guint       frame,
                            double     *t)
{
  FrameKey key;

  g_return_val_if_fail (CW_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (frame < self->n_frames, FALSE);

  key = frame_key (self, frame);
  *t = key.t;
  return !key.transition;
}

/**
 * cw_renderer_frames_identical:
 *
 * Returns: %TRUE when frames @a and @b are certain to be the same picture
 *   (a static hold), so the second need not be rendered nor encoded again
 */
gboolean
cw_renderer_frames_identical (CwRenderer *self,
                              guint       a,
                              guint       b)
{
  FrameKey ka, kb;

  g_return_val_if_fail (CW_IS_RENDERER (self), FALSE);

  if (a == b)
    return TRUE;
  if (a >= self->n_frames || b >= self->n_frames)
    return FALSE;

  ka = frame_key (self, a);
  kb = frame_key (self, b);
  return !ka.transition && !kb.transition && ka.slide == kb.slide && ka.t == kb.t;
}

static gboolean
color_equal (const CwColor *a,
             const CwColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/* Whether fixed node @a draws what @b does: a drawn shape (the texture)
 * drawn by the same function from the same data, placed and colored the
 * same. Anything else is taken to differ. */
static gboolean
same_fixed_node (const CwNode *a,
                 const CwNode *b)
{
  return a->kind == CW_NODE_CUSTOM && b->kind == CW_NODE_CUSTOM &&
         a->draw == b->draw && a->data == b->data && a->surface == b->surface &&
         a->rect.x == b->rect.x && a->rect.y == b->rect.y &&
         a->rect.width == b->rect.width && a->rect.height == b->rect.height &&
         a->opacity == b->opacity && color_equal (&a->color, &b->color) &&
         a->travel_x == b->travel_x && a->travel_y == b->travel_y &&
         a->radius == b->radius && a->stroke_width == b->stroke_width &&
         a->grow_vertical == b->grow_vertical && a->guide == b->guide &&
         a->enter.effect == CW_EFFECT_NONE && b->enter.effect == CW_EFFECT_NONE &&
         a->exit.effect == CW_EFFECT_NONE && b->exit.effect == CW_EFFECT_NONE &&
         g_strcmp0 (a->text, b->text) == 0;
}

/* Whether @a and @b have the same background and texture, pixel for pixel. */
static gboolean
same_backdrop (const CwScene *a,
               const CwScene *b)
{
  if (a->width != b->width || a->height != b->height || a->transparent != b->transparent ||
      a->n_fixed != b->n_fixed ||
      !color_equal (&a->background, &b->background) ||
      !color_equal (&a->background_end, &b->background_end))
    return FALSE;
  for (guint i = 0; i < a->n_fixed; i++)
    {
      if (!same_fixed_node (g_ptr_array_index (a->nodes, i), g_ptr_array_index (b->nodes, i)))
        return FALSE;
    }
  return TRUE;
}

/* The first slide with the background and texture of @slide: the slides
 * of a deck share them (one theme, one texture a renderer), and the layer
 * of them, the dearest to draw, is drawn once for all of those slides,
 * under that slide's number. */
static guint
backdrop_slide (CwRenderer *self,
                guint       slide)
{
  const CwScene *scene = g_array_index (self->spans, Span, slide).scene;

  for (guint i = 0; i < slide; i++)
    {
      if (same_backdrop (g_array_index (self->spans, Span, i).scene, scene))
        return i;
    }
  return slide;
}

static Layer *
find_layer (CwRenderer *self,
            guint       slide,
            const char *looks)
{
  for (guint i = 0; i < layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (layers, i);

      if (layer->renderer == self && layer->slide == slide && g_str_equal (layer->looks, looks))
        return layer;
    }
  return NULL;
}

/* The drawn layer of @slide whose still nodes are the most of those @looks
 * names: a new layer starts from its copy and draws only the rest. The
 * layer of the background and texture may be another slide's. */
static Layer *
find_base_layer (CwRenderer *self,
                 guint       slide,
                 const char *looks)
{
  guint n_fixed = g_array_index (self->spans, Span, slide).scene->n_fixed;
  guint backdrop = backdrop_slide (self, slide);
  Layer *best = NULL;

  for (guint i = 0; i < layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (layers, i);

      if (layer->renderer == self && layer->surface != NULL &&
          (layer->slide == slide || (layer->slide == backdrop && strlen (layer->looks) <= n_fixed)) &&
          g_str_has_prefix (looks, layer->looks) &&
          (best == NULL || strlen (layer->looks) > strlen (best->looks)))
        best = layer;
    }
  return best;
}

/* Marks the layer of @slide's background and texture used, with
 * layer_lock held, when a layer drawn over it is: every layer of the
 * slide starts from a copy of it, and it is the dearest to draw again, so
 * it goes after the layers drawn over it, not before. */
static void
touch_backdrop (CwRenderer *self,
                guint       slide)
{
  guint n_fixed = g_array_index (self->spans, Span, slide).scene->n_fixed;
  guint backdrop;

  if (n_fixed == 0)
    return;
  backdrop = backdrop_slide (self, slide);
  for (guint i = 0; i < layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (layers, i);

      if (layer->renderer == self && layer->slide == backdrop && layer->surface != NULL &&
          strlen (layer->looks) == n_fixed)
        {
          layer->used = ++layer_clock;
          return;
        }
    }
}

/* Keeps memory bounded: forgets the layers used longest ago, of any
 * renderer, while the cache and @reserve bytes about to be drawn are over
 * budget, and those of @self beyond a few. The newest layer stays,
 * whatever its size. */
static void
evict_layers (CwRenderer *self,
              gsize       reserve)
{
  for (;;)
    {
      guint oldest = G_MAXUINT;
      guint oldest_own = G_MAXUINT;
      guint n_own = 0;

      for (guint i = 0; i < layers->len; i++)
        {
          Layer *layer = g_ptr_array_index (layers, i);

          /* a layer being drawn has waiters; it goes once drawn */
          if (layer->surface == NULL)
            continue;
          if (oldest == G_MAXUINT || layer->used < ((Layer *) g_ptr_array_index (layers, oldest))->used)
            oldest = i;
          if (layer->renderer == self)
            {
              n_own++;
              if (oldest_own == G_MAXUINT ||
                  layer->used < ((Layer *) g_ptr_array_index (layers, oldest_own))->used)
                oldest_own = i;
            }
        }
      if (n_own > MAX_LAYERS)
        g_ptr_array_remove_index_fast (layers, oldest_own);
      else if (layer_bytes + reserve > LAYER_BUDGET && oldest != G_MAXUINT &&
               ((Layer *) g_ptr_array_index (layers, oldest))->used != layer_clock)
        g_ptr_array_remove_index_fast (layers, oldest);
      else
        return;
    }
}

static cairo_user_data_key_t mapping_key;

typedef struct
{
  gpointer data;
  gsize    size;
} Mapping;

/* Pixels of layers and groups handed back, to be handed out again: each
 * is a whole frame, and mapping one anew costs a page fault for every 4 KB
 * of it, which is most of what drawing a layer costs. One is kept only
 * while all the mappings, kept ones included, are within the layers'
 * budget, so memory never holds more than the layers alone could or the
 * frames in flight did; of one size at a time, and only a few. Under
 * their own lock: a surface goes when its last reference does, with
 * layer_lock held or not. */
#define MAX_SPARE_MAPPINGS 4

static GMutex  spare_lock;
static GSList *spare_mappings;
static guint   n_spare_mappings;
/* every mapping's: the layers', the groups', the spares' */
static gsize   mapped_bytes;

static void
mapping_destroy (Mapping *mapping)
{
  cw_pixels_unmap (mapping->data, mapping->size);
  g_atomic_pointer_add (&mapped_bytes, -(gssize) mapping->size);
  g_free (mapping);
}

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  g_mutex_lock (&spare_lock);
  if (n_spare_mappings < MAX_SPARE_MAPPINGS &&
      (gsize) g_atomic_pointer_get (&mapped_bytes) + mapping->size <= LAYER_BUDGET)
    {
      spare_mappings = g_slist_prepend (spare_mappings, mapping);
      n_spare_mappings++;
      mapping = NULL;
    }
  g_mutex_unlock (&spare_lock);
  if (mapping != NULL)
    mapping_destroy (mapping);
}

/* Returns: (nullable): a spare mapping of @size bytes; spares of other
 * sizes go, since frames of the size asked for are being drawn now */
static Mapping *
take_spare_mapping (gsize size)
{
  Mapping *mapping = NULL;
  GSList *others = NULL;

  g_mutex_lock (&spare_lock);
  while (spare_mappings != NULL)
    {
      Mapping *spare = spare_mappings->data;

      spare_mappings = g_slist_delete_link (spare_mappings, spare_mappings);
      n_spare_mappings--;
      if (spare->size == size)
        {
          mapping = spare;
          break;
        }
      others = g_slist_prepend (others, spare);
    }
  g_mutex_unlock (&spare_lock);
  g_slist_free_full (others, (GDestroyNotify) mapping_destroy);
  return mapping;
}

/* Unmaps the spare mappings, when no layer is left to need them. */
static void
drop_spare_mappings (void)
{
  GSList *spares;

  g_mutex_lock (&spare_lock);
  spares = g_steal_pointer (&spare_mappings);
  n_spare_mappings = 0;
  g_mutex_unlock (&spare_lock);
  g_slist_free_full (spares, (GDestroyNotify) mapping_destroy);
}

/* A layer's pixels are mapped on their own, not taken from the heap:
 * layers of a few sizes come and go between the frames, and malloc would
 * keep the freed ones' memory, so an export of several formats would grow.
 * The pixels are transparent when @clear, and otherwise whatever a frame
 * before left: for a layer that covers every pixel it draws. */
static cairo_surface_t *
create_layer_surface (int      width,
                      int      height,
                      gboolean clear)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = MAX ((gsize) stride * height, 1);
  Mapping *mapping = take_spare_mapping (size);
  cairo_surface_t *surface;

  if (mapping != NULL)
    {
      if (clear)
        memset (mapping->data, 0, mapping->size);
    }
  else
    {
      mapping = g_new0 (Mapping, 1);
      mapping->size = size;
      /* new pages are zero: a transparent surface, as cairo makes it */
      mapping->data = cw_pixels_map (mapping->size);
      if (mapping->data == NULL)
        {
          g_free (mapping);
          return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        }
      g_atomic_pointer_add (&mapped_bytes, mapping->size);
    }
  surface = cairo_image_surface_create_for_data (mapping->data, CAIRO_FORMAT_ARGB32, width, height, stride);
  cairo_surface_set_user_data (surface, &mapping_key, mapping, mapping_free);
  return surface;
}

/* Intersects @a with @b into @a; %FALSE when nothing is left. */
static gboolean
intersect_boxes (cairo_rectangle_int_t       *a,
                 const cairo_rectangle_int_t *b)
{
  int x0 = MAX (a->x, b->x);
  int y0 = MAX (a->y, b->y);
  int x1 = MIN (a->x + a->width, b->x + b->width);
  int y1 = MIN (a->y + a->height, b->y + b->height);

  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  *a = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/* @a becomes the smallest box that holds @a and @b; an empty box holds nothing */
static void
union_boxes (cairo_rectangle_int_t       *a,
             const cairo_rectangle_int_t *b)
{
  int x0, y0, x1, y1;

  if (b->width <= 0 || b->height <= 0)
    return;
  if (a->width <= 0 || a->height <= 0)
    {
      *a = *b;
      return;
    }
  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);
  *a = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
}

static void
clip_to_box (cairo_t                     *cr,
             const cairo_rectangle_int_t *box)
{
  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  cairo_clip (cr);
}

/* Makes the pixels of @surface within @box, which lies within it, transparent. */
static void
clear_box (cairo_surface_t             *surface,
           const cairo_rectangle_int_t *box)
{
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = box->y; y < box->y + box->height; y++)
    memset (data + (gsize) y * stride + (gsize) box->x * 4, 0, (gsize) box->width * 4);
  cairo_surface_mark_dirty_rectangle (surface, box->x, box->y, box->width, box->height);
}

/* A layer is always ARGB32, whatever the frame: the preview's frames and
 * the exporter's then share it, and it is what a group would be. With
 * @in_place, @base is drawn over rather than copied. */
static cairo_surface_t *
draw_layer (CwRenderer      *self,
            CwScene         *scene,
            cairo_surface_t *base,
            guint            base_nodes,
            guint            n_nodes,
            double           t,
            gboolean         in_place)
{
  /* the copy of @base, or the background, covers every pixel */
  cairo_surface_t *surface = in_place ? cairo_surface_reference (base)
                                      : create_layer_surface (scene->width, scene->height, base == NULL);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  if (in_place)
    ;
  else if (base != NULL)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, base, 0, 0);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }
  else
    {
      cw_scene_draw_background (scene, cr);
    }
  cw_scene_draw_nodes (scene, cr, base_nodes, n_nodes, t);
  cairo_surface_flush (surface);
  return surface;
}

/* Returns: (transfer full): the layer named @looks in @slide, drawn by
 * this thread if no thread has drawn it yet: the still nodes of @looks
 * drawn at @t, or with @image >= 0 the image of that node alone, or with
 * @image CONTENT the still nodes after the fixed ones, on nothing */
static cairo_surface_t *
lookup_layer (CwRenderer *self,
              guint       slide,
              const char *looks,
              guint       n_nodes,
              int         image,
              double      t)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  g_autoptr(cairo_surface_t) base = NULL;
  guint base_nodes = 0;
  gboolean in_place = FALSE;
  cairo_surface_t *surface;
  LayerMark *mark;
  Layer *layer;

  if (image == -1 && strlen (looks) <= scene->n_fixed)
    slide = backdrop_slide (self, slide);

  g_mutex_lock (&layer_lock);
  while ((layer = find_layer (self, slide, looks)) != NULL && layer->surface == NULL)
    g_cond_wait (&layer_cond, &layer_lock);
  if (layer != NULL)
    {
      if (image == -1 && strlen (looks) > scene->n_fixed)
        touch_backdrop (self, slide);
      layer->used = ++layer_clock;
      surface = cairo_surface_reference (layer->surface);
      g_mutex_unlock (&layer_lock);
      return surface;
    }

  layer = image == -1 ? find_base_layer (self, slide, looks) : NULL;
  if (layer != NULL && layer->slide == slide && strlen (layer->looks) > scene->n_fixed &&
      cairo_surface_get_reference_count (layer->surface) == 1)
    {
      /* While a slide's elements come in, each layer is the one before
       * with a few more nodes, and that one is seldom asked for again:
       * drawn over in place, when no frame is drawn over it now, it costs
       * no copy, nor room for a third layer beside it and the backdrop,
       * which would go first and is the dearest to draw again */
      base = g_steal_pointer (&layer->surface);
      base_nodes = strlen (layer->looks);
      in_place = TRUE;
      g_ptr_array_remove_fast (layers, layer);
    }
  else if (layer != NULL)
    {
      layer->used = ++layer_clock;
      base = cairo_surface_reference (layer->surface);
      base_nodes = strlen (layer->looks);
    }
  else if (image == -1 && strlen (looks) > scene->n_fixed)
    {
      /* the background and the texture are the dearest part of a layer,
       * and never move: keep them on their own, so the slide's other
       * layers start from a copy of them */
      g_autofree char *fixed = g_strndup (looks, scene->n_fixed);

      g_mutex_unlock (&layer_lock);
      base = lookup_layer (self, slide, fixed, scene->n_fixed, -1, t);
      base_nodes = scene->n_fixed;
      g_mutex_lock (&layer_lock);
      /* another thread may have drawn this layer meanwhile */
      while ((layer = find_layer (self, slide, looks)) != NULL && layer->surface == NULL)
        g_cond_wait (&layer_cond, &layer_lock);
      if (layer != NULL)
        {
          layer->used = ++layer_clock;
          surface = cairo_surface_reference (layer->surface);
          g_mutex_unlock (&layer_lock);
          return surface;
        }
    }
  layer = g_new0 (Layer, 1);
  layer->renderer = self;
  layer->slide = slide;
  layer->looks = g_strdup (looks);
  g_ptr_array_add (layers, layer);
  evict_layers (self, in_place ? 0 : (gsize) 4 * scene->width * scene->height);
  g_mutex_unlock (&layer_lock);

  /* other threads draw their frames meanwhile; those that need this layer wait */
  mark = g_new0 (LayerMark, 1);
  if (image == CONTENT)
    {
      g_autoptr(cairo_t) cr = NULL;

      surface = create_layer_surface (scene->width, scene->height, TRUE);
      cr = cairo_create (surface);
      cw_scene_draw_nodes (scene, cr, scene->n_fixed, n_nodes, t);
      cairo_surface_flush (surface);
    }
  else if (image >= 0)
    {
      g_autoptr(cairo_t) cr = NULL;

      surface = create_layer_surface (scene->width, scene->height, TRUE);
      cr = cairo_create (surface);
      cw_scene_draw_node_image (scene, cr, image);
      cairo_surface_flush (surface);
    }
  else
    {
      if (strlen (looks) <= scene->n_fixed)
        g_atomic_int_inc (&self->n_backdrops_drawn);
      g_atomic_int_inc (&self->n_layers_drawn);
      if (base != NULL)
        {
          cairo_rectangle_int_t whole = { 0, 0, scene->width, scene->height };

          const LayerMark *base_mark = cairo_surface_get_user_data (base, &serial_key);
          cairo_rectangle_int_t box;

          /* the nodes drawn over @base change no pixel outside their
           * extents: a frame target that holds a layer drawn over the
           * same root as this one puts back only where the two differ
           * from it */
          if (base_mark != NULL)
            {
              mark->root = base_mark->root;
              mark->delta = base_mark->delta;
            }
          if (cw_scene_get_nodes_extents (scene, base_nodes, n_nodes, t, &box) &&
              intersect_boxes (&box, &whole))
            union_boxes (&mark->delta, &box);
        }
      surface = draw_layer (self, scene, base, base_nodes, n_nodes, t, in_place);
    }

  g_mutex_lock (&layer_lock);
  /* before other threads see it: its number is set once, or again when
   * drawn over in place, which no other thread sees either */
  mark->serial = ++layer_serial;
  if (mark->root == 0)
    {
      mark->root = mark->serial;
      mark->delta = (cairo_rectangle_int_t) { 0 };
    }
  cairo_surface_set_user_data (surface, &serial_key, mark, g_free);
  layer->surface = cairo_surface_reference (surface);
  layer->size = (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
  layer_bytes += layer->size;
  layer->used = ++layer_clock;
  evict_layers (self, 0);
  g_cond_broadcast (&layer_cond);
  g_mutex_unlock (&layer_lock);
  return surface;
}

/* Whether node @node of @slide, still at @t in the look @look names,
 * draws nothing: an element that has not come in yet, or has left. A look
 * is the same picture at every time, so it is found once. */
static gboolean
is_blank (CwRenderer *self,
          guint       slide,
          guint       node,
          char        look,
          double      t)
{
  const Span *span = &g_array_index (self->spans, Span, slide);
  int bit = look - '0';
  gint known = g_atomic_int_get (&span->blank[node]);
  cairo_rectangle_int_t box;
  gboolean blank;

  if (bit < 0 || bit > 3)
    return FALSE;
  if (known & (1 << bit))
    return (known & (1 << (bit + 4))) != 0;
  blank = !cw_scene_get_nodes_extents (span->scene, node, node + 1, t, &box);
  g_atomic_int_or ((guint *) &span->blank[node], (1 << bit) | (blank ? 1 << (bit + 4) : 0));
  return blank;
}

/* Sets @looks to the still nodes of @slide at @t, as
 * cw_scene_get_still_nodes() does, but for those that draw nothing: they
 * look '-' whatever their look, and the last ones are left out, so that a
 * layer of the still nodes is drawn once for every looks that is the
 * same picture. Those left out are drawn with the moving nodes, which
 * costs nothing. At the start of a slide, where no element has come in,
 * the layer is the backdrop itself.
 *
 * Returns: how many nodes, from the first, the layer holds */
static guint
get_still_looks (CwRenderer *self,
                 guint       slide,
                 double      t,
                 GString    *looks)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  guint n_nodes = cw_scene_get_still_nodes (scene, t, looks);
  guint n_drawn = scene->n_fixed;

  for (guint i = scene->n_fixed; i < n_nodes; i++)
    {
      if (is_blank (self, slide, i, looks->str[i], t))
        looks->str[i] = '-';
      else
        n_drawn = i + 1;
    }
  g_string_truncate (looks, MIN (n_drawn, n_nodes));
  return looks->len;
}

/* how many still nodes a frame draws itself rather than have a layer of
 * them made (see get_layer()) */
#define MAX_NODES_OVER_LAYER 8
/* how many frames must show the same still nodes for a layer of them to
 * be drawn rather than drawn over another: a layer costs a copy of the
 * whole frame to make, and another to put under the next frame of each
 * frame target */
#define MIN_FRAMES_FOR_LAYER 4

/* Whether the frames from @t on show the still nodes @looks names for
 * MIN_FRAMES_FOR_LAYER frames or more; the slide's end shows them for as
 * long as it lasts, and the transition after it. */
static gboolean
looks_last (CwRenderer *self,
            guint       slide,
            double      t,
            const char *looks)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  g_autoptr(GString) next = g_string_new (NULL);

  for (guint i = 1; i < MIN_FRAMES_FOR_LAYER; i++)
    {
      get_still_looks (self, slide, MIN (t + (double) i / self->fps, scene->duration), next);
      if (!g_str_equal (next->str, looks))
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the layer of what is still in @slide at @t;
 * @n_nodes is set to the number of nodes it holds */
static cairo_surface_t *
get_layer (CwRenderer *self,
           guint       slide,
           double      t,
           guint      *n_nodes)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  g_autoptr(GString) looks = g_string_new (NULL);
  gboolean known;
  Layer *base;

  *n_nodes = get_still_looks (self, slide, t, looks);

  /* While things come in one after another (a pictogram's figures, a
   * chart's bars), each frame has one more still node than the last: a
   * layer for each would be drawn for a frame or two and copied twice.
   * Until the same still nodes show for a few frames, a layer a few nodes
   * short of them does, and the frame draws the rest over it as it draws
   * what moves. */
  g_mutex_lock (&layer_lock);
  known = find_layer (self, slide, looks->str) != NULL;
  g_mutex_unlock (&layer_lock);
  if (!known && !looks_last (self, slide, t, looks->str))
    {
      g_mutex_lock (&layer_lock);
      base = find_layer (self, slide, looks->str) == NULL ? find_base_layer (self, slide, looks->str) : NULL;
      if (base != NULL && base->surface != NULL &&
          strlen (base->looks) >= scene->n_fixed &&
          *n_nodes - strlen (base->looks) <= MAX_NODES_OVER_LAYER)
        {
          cairo_surface_t *surface = cairo_surface_reference (base->surface);

          touch_backdrop (self, slide);
          base->used = ++layer_clock;
          *n_nodes = strlen (base->looks);
          g_mutex_unlock (&layer_lock);
          return surface;
        }
      g_mutex_unlock (&layer_lock);
    }
  return lookup_layer (self, slide, looks->str, *n_nodes, -1, t);
}

/* Draws nodes @first on of @slide at @t; one that only fades (the texture
 * coming in) is painted from an image of it drawn once. */
static void
draw_moving_nodes (CwRenderer *self,
                   cairo_t    *cr,
                   guint       slide,
                   guint       first,
                   double      t)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;

  for (guint i = first; i < scene->nodes->len; i++)
    {
      double alpha;

      if (cw_scene_get_node_fade (scene, i, t, &alpha))
        {
          /* '#' never starts the looks of still nodes */
          g_autofree char *name = g_strdup_printf ("#%u", i);
          g_autoptr(cairo_surface_t) image = lookup_layer (self, slide, name, 0, i, t);

          cw_scene_paint_node_image (scene, cr, i, image, alpha);
        }
      else
        {
          cw_scene_draw_nodes (scene, cr, i, i + 1, t);
        }
    }
}

/* Layers are copied pixel for pixel, so they only stand in for drawing on
 * an image surface in frame pixels; anything else is drawn whole. */
static gboolean
can_use_layers (CwRenderer *self,
                cairo_t    *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_matrix_t matrix;
  double dx, dy;

  if (!self->cache_layers || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_offset (target, &dx, &dy);
  return matrix.xx == 1 && matrix.yx == 0 && matrix.xy == 0 && matrix.yy == 1 &&
         matrix.x0 == 0 && matrix.y0 == 0 && dx == 0 && dy == 0;
}

/* Draws @slide as it is at @t, over its layer when @cached. A transition
 * may have moved the slide by whole pixels, so the layer is copied into the
 * slide's frame, not over the whole surface. */
static void
draw_slide (CwRenderer *self,
            cairo_t    *cr,
            guint       slide,
            double      t,
            gboolean    cached)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  g_autoptr(cairo_surface_t) layer = NULL;
  guint n_nodes;

  /* the drifting texture is under every layer: drawn whole, as it is at @t */
  if (!cached || cw_scene_get_ambient_zoom (scene, t) != 1)
    {
      cw_scene_draw (scene, cr, t);
      return;
    }

  layer = get_layer (self, slide, t, &n_nodes);
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, layer, 0, 0);
  cairo_rectangle (cr, 0, 0, scene->width, scene->height);
  cairo_fill (cr);
  cairo_restore (cr);
  draw_moving_nodes (self, cr, slide, n_nodes, t);
}

/* Paints @slide as it is at @t over what is there, at @alpha; only
 * within @box, when given. */
static void
paint_slide_with_alpha (CwRenderer                  *self,
                        cairo_t                     *cr,
                        guint                        slide,
                        double                       t,
                        double                       alpha,
                        gboolean                     cached,
                        const cairo_rectangle_int_t *box)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;

  cairo_save (cr);
  if (cached)
    {
      g_autoptr(cairo_surface_t) layer = NULL;
      guint n_nodes;

      layer = get_layer (self, slide, t, &n_nodes);
      if (n_nodes == scene->nodes->len)
        {
          /* the layer is the whole slide: no group to draw it into */
          if (box != NULL)
            clip_to_box (cr, box);
          cairo_set_source_surface (cr, layer, 0, 0);
          cairo_paint_with_alpha (cr, alpha);
          cairo_restore (cr);
          return;
        }
    }

  /* drawn whole, and only then cut, so that it is the same picture drawn
   * over layers or not */
  cairo_push_group (cr);
  draw_slide (self, cr, slide, t, cached);
  cairo_pop_group_to_source (cr);
  if (box != NULL)
    clip_to_box (cr, box);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/* Draws what of @slide never moves: its background and texture. A
 * transition keeps them still and dissolves one slide's into the next;
 * only the content moves. */
static void
draw_backdrop (CwRenderer *self,
               cairo_t    *cr,
               guint       slide,
               double      alpha,
               gboolean    cached)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;

  if (cached)
    {
      g_autofree char *fixed = g_strnfill (scene->n_fixed, '1');
      g_autoptr(cairo_surface_t) layer = lookup_layer (self, slide, fixed, scene->n_fixed, -1, 0);

      cairo_save (cr);
      if (alpha >= 1)
        {
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_set_source_surface (cr, layer, 0, 0);
          cairo_rectangle (cr, 0, 0, scene->width, scene->height);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_surface (cr, layer, 0, 0);
          cairo_paint_with_alpha (cr, alpha);
        }
      cairo_restore (cr);
      return;
    }

  if (alpha < 1)
    cairo_push_group (cr);
  cw_scene_draw_background (scene, cr);
  cw_scene_draw_nodes (scene, cr, 0, scene->n_fixed, 0);
  if (alpha < 1)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, alpha);
    }
}

static void
clip_to (cairo_t                 *cr,
         const cairo_rectangle_t *clip)
{
  if (clip == NULL)
    return;
  cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
  cairo_clip (cr);
}

/* The box of frame pixels that the content of @slide at @t, moved @dx
 * whole pixels sideways and cut to @clip, can change; %FALSE when none.
 * Everything outside it keeps its pixels when the content is painted,
 * whatever its alpha, so a transition blends only this box. */
static gboolean
get_content_box (CwScene                 *scene,
                 double                   t,
                 double                   dx,
                 const cairo_rectangle_t *clip,
                 cairo_rectangle_int_t   *box)
{
  cairo_rectangle_int_t frame = { 0, 0, scene->width, scene->height };
  double x0, x1;

  if (!cw_scene_get_nodes_extents (scene, scene->n_fixed, scene->nodes->len, t, box))
    return FALSE;
  x0 = floor (box->x + dx);
  x1 = ceil (box->x + box->width + dx);
  box->x = (int) x0;
  box->width = (int) (x1 - x0);
  if (clip != NULL)
    {
      cairo_rectangle_int_t cut;

      cut.x = (int) floor (clip->x);
      cut.y = (int) floor (clip->y);
      cut.width = (int) ceil (clip->x + clip->width) - cut.x;
      cut.height = (int) ceil (clip->y + clip->height) - cut.y;
      if (!intersect_boxes (box, &cut))
        return FALSE;
    }
  return intersect_boxes (box, &frame);
}

/* Paints the content of @slide at @t (all but its background and
 * texture), moved @dx whole pixels sideways, at @alpha. It is drawn on
 * nothing first, as a layer holds it, so a frame drawn over layers is the
 * frame drawn whole; from a layer of its still nodes when @keep. Only
 * within @clip, when given: the content is drawn whole and then cut, so
 * the pixels are the same whether it comes from a layer or not. Over
 * layers, only the box the content can change is drawn and blended
 * (get_content_box()): outside it the group would be empty, and an empty
 * group painted at any alpha leaves the pixels as they are. Over layers,
 * the box is added to @drawn, when given. */
static void
draw_content (CwRenderer              *self,
              cairo_t                 *cr,
              guint                    slide,
              double                   t,
              double                   dx,
              double                   alpha,
              gboolean                 cached,
              gboolean                 keep,
              const cairo_rectangle_t *clip,
              cairo_rectangle_int_t   *drawn)
{
  CwScene *scene = g_array_index (self->spans, Span, slide).scene;
  g_autoptr(cairo_surface_t) layer = NULL;
  g_autoptr(cairo_surface_t) group = NULL;
  g_autoptr(cairo_t) group_cr = NULL;
  guint n_still = scene->n_fixed;
  cairo_rectangle_int_t box;

  if (alpha <= 0 || scene->n_fixed == scene->nodes->len)
    return;

  if (!cached)
    {
      cairo_save (cr);
      cairo_push_group (cr);
      cairo_save (cr);
      cairo_translate (cr, dx, 0);
      cw_scene_draw_nodes (scene, cr, n_still, scene->nodes->len, t);
      cairo_restore (cr);
      cairo_pop_group_to_source (cr);
      clip_to (cr, clip);
      cairo_paint_with_alpha (cr, alpha);
      cairo_restore (cr);
      return;
    }

  if (!get_content_box (scene, t, dx, clip, &box))
    return;
  if (drawn != NULL)
    union_boxes (drawn, &box);

  if (keep)
    {
      g_autoptr(GString) looks = g_string_new (NULL);
      g_autofree char *name = NULL;

      n_still = cw_scene_get_still_nodes (scene, t, looks);
      /* '~' never starts the looks of still nodes */
      name = g_strconcat ("~", looks->str, NULL);
      layer = lookup_layer (self, slide, name, n_still, CONTENT, t);
      if (n_still == scene->nodes->len)
        {
          /* the layer is the whole content: nothing to draw it with */
          cairo_save (cr);
          clip_to (cr, clip);
          clip_to_box (cr, &box);
          cairo_set_source_surface (cr, layer, dx, 0);
          cairo_paint_with_alpha (cr, alpha);
          cairo_restore (cr);
          return;
        }
    }

  /* in frame pixels, the picture a group would be, within the box: the
   * rest of it is never drawn nor read */
  group = create_layer_surface (scene->width, scene->height, FALSE);
  clear_box (group, &box);
  group_cr = cairo_create (group);
  if (layer != NULL)
    {
      cairo_save (group_cr);
      clip_to_box (group_cr, &box);
      cairo_set_source_surface (group_cr, layer, dx, 0);
      cairo_paint (group_cr);
      cairo_restore (group_cr);
    }
  /* not cut to the box: a clip makes cairo composite some shapes in
   * other steps, rounded otherwise; they stay within it */
  cairo_translate (group_cr, dx, 0);
  draw_moving_nodes (self, group_cr, slide, n_still, t);
  cairo_surface_flush (group);

  cairo_save (cr);
  clip_to (cr, clip);
  clip_to_box (cr, &box);
  cairo_set_source_surface (cr, group, 0, 0);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/* Draws @frame, over layers when @cached. With @over_backdrop, a
 * transition frame whose slides share their backdrop is drawn over that
 * backdrop, already in place, and @drawn is set to the box outside which
 * the frame is the backdrop. */
static void
draw_frame (CwRenderer            *self,
            cairo_t               *cr,
            guint                  frame,
            gboolean               cached,
            gboolean               over_backdrop,
            cairo_rectangle_int_t *drawn)
{
  const Span *span;
  FrameKey key;
  double raw;
  double p;
  double w, h;
  CwScene *old;
  double old_end;
  gboolean shared;

  if (self->spans->len == 0)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      return;
    }

  frame = MIN (frame, self->n_frames - 1);
  key = frame_key (self, frame);
  span = &g_array_index (self->spans, Span, key.slide);

  if (!key.transition)
    {
      draw_slide (self, cr, key.slide, key.t, cached);
      return;
    }

  raw = (frame - span->first_frame + 1.0) / (span->transition_frames + 1.0);
  p = cw_easing_apply (CW_EASING_EASE_IN_OUT_CUBIC, raw);
  old = g_array_index (self->spans, Span, key.slide - 1).scene;
  old_end = old->duration;
  shared = same_backdrop (old, span->scene);
  g_return_if_fail (!over_backdrop || (cached && shared));
  if (drawn != NULL)
    *drawn = (cairo_rectangle_int_t) { 0 };
  if (!over_backdrop)
    draw_backdrop (self, cr, key.slide, 1, cached);
  w = self->format->width;
  h = self->format->height;

  cairo_save (cr);
  switch (span->transition)
    {
    case CW_TRANSITION_PUSH:
      {
        /* The content moves, the background stays: the new slide's
         * content pushes the old one's out sideways, the way a page
         * turns (an upward push reads as a swipe to the next video), in
         * the direction the language reads; by whole pixels, so each is
         * copied, not resampled. The two never overlap, and the
         * backgrounds' textures dissolve in place. */
        double offset = round (p * w);
        double dir = span->scene->rtl ? 1 : -1;
        /* the old content is drawn, not kept, at an export's size: a
         * third full layer would overrun the layers' memory budget for a
         * few frames' gain; the preview's frames fit it several times */
        gboolean keep_old = (gsize) 4 * 4 * self->format->width * self->format->height <= LAYER_BUDGET;

        /* the same backdrop dissolved into itself is itself */
        if (!shared)
          draw_backdrop (self, cr, key.slide - 1, 1 - p, cached);
        draw_content (self, cr, key.slide - 1, old_end, dir * offset, 1, cached, keep_old, NULL, drawn);
        draw_content (self, cr, key.slide, key.t, dir * (offset - w), 1, cached, TRUE, NULL, drawn);
      }
      break;

    case CW_TRANSITION_WIPE:
      {
        /* Like a push, only the content changes: the edge sweeps the old
         * content off and the new content on, in the direction the
         * language reads, while the backgrounds stay still and dissolve
         * in place; a wiped background drew a hard edge through the
         * texture. The edge on whole pixels, so each side is copied, not
         * blended, into place. */
        double edge = round (w * p);
        gboolean rtl = span->scene->rtl;
        cairo_rectangle_t gone = { rtl ? 0 : edge, 0, w - edge, h };
        cairo_rectangle_t come = { rtl ? w - edge : 0, 0, edge, h };

        if (!shared)
          draw_backdrop (self, cr, key.slide - 1, 1 - p, cached);
        draw_content (self, cr, key.slide - 1, old_end, 0, 1, cached, FALSE, &gone, drawn);
        draw_content (self, cr, key.slide, key.t, 0, 1, cached, TRUE, &come, drawn);
      }
      break;

    case CW_TRANSITION_CROSSFADE:
    case CW_TRANSITION_CUT:
    case CW_N_TRANSITIONS:
    default:
      {
        /* The old slide, background and all, dissolves into the new
         * one's background, its twin but for the texture, so the frame
         * never darkens; it has gone by half way, and only then the new
         * content fades in over its own animations, so two slides' texts
         * never sit on each other. */
        double out = cw_easing_apply (CW_EASING_EASE_IN_OUT_QUAD, MIN (1, raw * 2));
        double in = cw_easing_apply (CW_EASING_EASE_IN_OUT_QUAD, MAX (0, raw * 2 - 1));

        /* Over the same background and texture, the old slide is what
         * is drawn but within the box of its content, and only that box
         * is blended: elsewhere the backdrop would be dissolved into
         * itself */
        if (out < 1 && shared)
          {
            cairo_rectangle_int_t box;

            if (get_content_box (old, old_end, 0, NULL, &box))
              {
                paint_slide_with_alpha (self, cr, key.slide - 1, old_end, 1 - out, cached, &box);
                if (drawn != NULL)
                  union_boxes (drawn, &box);
              }
          }
        else if (out < 1)
          paint_slide_with_alpha (self, cr, key.slide - 1, old_end, 1 - out, cached, NULL);
        draw_content (self, cr, key.slide, key.t, 0, in, cached, TRUE, NULL, drawn);
      }
      break;
    }
  cairo_restore (cr);
}

/**
 * cw_renderer_draw_frame:
 * @cr: a cairo context on a surface of the format's size
 *
 * Draws @frame. Safe to call from several threads at once.
 */
void
cw_renderer_draw_frame (CwRenderer *self,
                        cairo_t    *cr,
                        guint       frame)
{
  g_return_if_fail (CW_IS_RENDERER (self));

  draw_frame (self, cr, frame, can_use_layers (self, cr), FALSE, NULL);
}

/**
 * CwFrameTarget:
 *
 * A surface that frames are drawn into one after another, which remembers
 * what it holds: the layer the last frame was drawn over and the boxes its
 * moving nodes changed, one a node. A frame over the same layer then puts
 * back only those boxes from the layer and draws its own moving nodes,
 * and leaves the rest: the copy of a whole layer is most of what a frame
 * that moves a number costs. A frame over another layer drawn over the
 * same backdrop (a slide's still elements, drawn over it in one or more
 * steps) also puts back the boxes where the two layers differ from the
 * backdrop. A transition between slides that share their backdrop is
 * drawn the same way, over the backdrop, with both slides' contents as
 * what moves. The picture is the frame drawn whole, pixel for pixel
 * (tests/test-render.c draws every frame of several decks both ways).
 *
 * Whatever draws on the surface other than cw_renderer_draw_frame_into()
 * must do so on a new target: the target would not know.
 */
struct _CwFrameTarget
{
  cairo_surface_t       *surface;
  /* the mark of the layer under the last frame; its serial is 0 when it
   * was drawn otherwise */
  LayerMark              layer;
  /* where the last frame's moving nodes may differ from the layer: a box
   * for each node, so that two far apart (a number high up, a line at
   * the foot) do not put back all between them */
  cairo_region_t        *region;
  /* whether the last frame was drawn over what the target held */
  gboolean               reused;
  /* when it was drawn over another layer than the frame before, the box
   * outside which the two layers are the same */
  cairo_rectangle_int_t  delta;
  /* how many pixels the last frame put back from its layer, for tests */
  guint64                n_put_back;
  /* when @changed_known, the last frame left every pixel outside
   * @changed as the frame before it had them */
  cairo_rectangle_int_t  changed;
  gboolean               changed_known;
};

/**
 * cw_frame_target_new:
 * @surface: an image surface of the frames' size, RGB24 or ARGB32
 *
 * Returns: (transfer full): a target for cw_renderer_draw_frame_into()
 */
CwFrameTarget *
cw_frame_target_new (cairo_surface_t *surface)
{
  CwFrameTarget *target;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  target = g_new0 (CwFrameTarget, 1);
  target->surface = cairo_surface_reference (surface);
  return target;
}

void
cw_frame_target_free (CwFrameTarget *target)
{
  if (target == NULL)
    return;
  cairo_surface_destroy (target->surface);
  g_clear_pointer (&target->region, cairo_region_destroy);
  g_free (target);
}

/* Returns: (transfer none): the surface frames are drawn into */
cairo_surface_t *
cw_frame_target_get_surface (CwFrameTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);
  return target->surface;
}

/* How many pixels @target's last frame put back from the layer under it:
 * all of them unless it was drawn over the frame it held. */
guint64
cw_frame_target_get_n_put_back (CwFrameTarget *target)
{
  g_return_val_if_fail (target != NULL, 0);
  return target->n_put_back;
}

/* Whether @target's last frame was drawn over the frame it held. */
gboolean
cw_frame_target_get_reused (CwFrameTarget *target)
{
  g_return_val_if_fail (target != NULL, FALSE);
  return target->reused;
}

/**
 * cw_frame_target_get_changed:
 * @box: (out): set to the box the last frame changed, which may be empty
 *
 * What the last cw_renderer_draw_frame_into() changed: outside @box, every
 * pixel of the surface is what it was before. An encoder that kept the
 * frame before need not compare the rest.
 *
 * Returns: %FALSE when any pixel may have changed
 */
gboolean
cw_frame_target_get_changed (CwFrameTarget         *target,
                             cairo_rectangle_int_t *box)
{
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  if (!target->changed_known)
    return FALSE;
  *box = target->changed;
  return TRUE;
}

/* Puts @layer under the frame about to be drawn into @target: only the
 * boxes the last frame drew over it, when that frame was drawn over it
 * too (@held is its mark), and where the two layers differ, when both
 * were drawn over the same root layer; otherwise all of it. */
static void
put_layer (CwFrameTarget   *target,
           cairo_t         *cr,
           cairo_surface_t *layer,
           const LayerMark *held)
{
  const LayerMark *mark = cairo_surface_get_user_data (layer, &serial_key);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, layer, 0, 0);
  target->delta = (cairo_rectangle_int_t) { 0 };
  target->reused = held->serial != 0 && mark != NULL && held->root == mark->root;
  if (target->reused)
    {
      /* the rest of the surface is the layer already */
      cairo_region_t *region = target->region != NULL ? cairo_region_copy (target->region)
                                                      : cairo_region_create ();
      int n;

      if (held->serial != mark->serial)
        {
          target->delta = held->delta;
          union_boxes (&target->delta, &mark->delta);
          if (target->delta.width > 0 && target->delta.height > 0)
            cairo_region_union_rectangle (region, &target->delta);
        }
      n = cairo_region_num_rectangles (region);
      target->n_put_back = 0;
      for (int i = 0; i < n; i++)
        {
          cairo_rectangle_int_t box;

          cairo_region_get_rectangle (region, i, &box);
          cairo_rectangle (cr, box.x, box.y, box.width, box.height);
          target->n_put_back += (guint64) box.width * box.height;
        }
      if (n > 0)
        cairo_fill (cr);
      cairo_region_destroy (region);
    }
  else
    {
      cairo_rectangle (cr, 0, 0,
                       cairo_image_surface_get_width (target->surface),
                       cairo_image_surface_get_height (target->surface));
      cairo_fill (cr);
      target->n_put_back = (guint64) cairo_image_surface_get_width (target->surface) *
                           cairo_image_surface_get_height (target->surface);
    }
  cairo_restore (cr);
}

/* Notes that the frame just drawn into @target is @layer but within
 * @region, which it takes, and what it changed. */
static void
hold_layer (CwFrameTarget  *target,
            cairo_surface_t *layer,
            cairo_region_t  *region)
{
  if (target->reused)
    {
      /* the last frame's boxes put back, and where the layer differs
       * from the one before, this one's drawn: the encoder compares
       * rows, so one box around them all does */
      cairo_rectangle_int_t box = { 0 };

      target->changed = target->delta;
      if (target->region != NULL && !cairo_region_is_empty (target->region))
        {
          cairo_region_get_extents (target->region, &box);
          union_boxes (&target->changed, &box);
        }
      if (!cairo_region_is_empty (region))
        {
          cairo_region_get_extents (region, &box);
          union_boxes (&target->changed, &box);
        }
      target->changed_known = TRUE;
    }
  target->layer = *(const LayerMark *) cairo_surface_get_user_data (layer, &serial_key);
  g_clear_pointer (&target->region, cairo_region_destroy);
  target->region = region;
}

/* The boxes, within the frame, outside which nodes @first to @last - 1 of
 * @scene leave the pixels as they are at @t: one a node, as
 * cw_scene_get_nodes_extents() vouches for each. */
static cairo_region_t *
get_nodes_region (CwScene *scene,
                  guint    first,
                  guint    last,
                  double   t)
{
  cairo_rectangle_int_t whole = { 0, 0, scene->width, scene->height };
  cairo_region_t *region = cairo_region_create ();

  for (guint i = first; i < last; i++)
    {
      cairo_rectangle_int_t box;

      if (cw_scene_get_nodes_extents (scene, i, i + 1, t, &box) && intersect_boxes (&box, &whole))
        cairo_region_union_rectangle (region, &box);
    }
  return region;
}

/**
 * cw_renderer_draw_frame_into:
 * @target: where the frame goes; used by one thread at a time
 *
 * Draws @frame into the surface of @target, as cw_renderer_draw_frame()
 * draws it, redrawing only what changed since the frame @target holds
 * when both are drawn over the same layer: the still nodes of a slide,
 * or the backdrop a transition's two slides share. Safe to call from
 * several threads at once, each with its own target.
 */
void
cw_renderer_draw_frame_into (CwRenderer    *self,
                             CwFrameTarget *target,
                             guint          frame)
{
  g_autoptr(cairo_t) cr = NULL;
  LayerMark held;

  g_return_if_fail (CW_IS_RENDERER (self));
  g_return_if_fail (target != NULL);
  g_return_if_fail (cairo_image_surface_get_width (target->surface) == self->format->width &&
                    cairo_image_surface_get_height (target->surface) == self->format->height);

  cr = cairo_create (target->surface);
  held = target->layer;
  /* until this frame is drawn, the target holds nothing it knows */
  target->layer = (LayerMark) { 0 };
  target->reused = FALSE;
  target->changed_known = FALSE;
  target->n_put_back = (guint64) self->format->width * self->format->height;

  if (self->cache_layers && self->spans->len > 0)
    {
      FrameKey key = frame_key (self, MIN (frame, self->n_frames - 1));
      guint slide = key.slide;
      CwScene *scene = g_array_index (self->spans, Span, slide).scene;

      if (!key.transition && cw_scene_get_ambient_zoom (scene, key.t) == 1)
        {
          g_autoptr(cairo_surface_t) layer = NULL;
          cairo_region_t *region;
          guint n_nodes;

          layer = get_layer (self, slide, key.t, &n_nodes);
          /* what this frame's moving nodes change, found before they are
           * drawn */
          region = get_nodes_region (scene, n_nodes, scene->nodes->len, key.t);

          put_layer (target, cr, layer, &held);
          draw_moving_nodes (self, cr, slide, n_nodes, key.t);
          cairo_surface_flush (target->surface);
          hold_layer (target, layer, region);
          return;
        }

      if (key.transition &&
          same_backdrop (g_array_index (self->spans, Span, slide - 1).scene, scene))
        {
          g_autofree char *fixed = g_strnfill (scene->n_fixed, '1');
          g_autoptr(cairo_surface_t) layer = lookup_layer (self, slide, fixed, scene->n_fixed, -1, 0);
          cairo_rectangle_int_t box;

          /* both slides' contents move over the backdrop, as a slide's
           * moving nodes over its still ones: draw_frame() tells the box
           * outside which the frame is the backdrop */
          put_layer (target, cr, layer, &held);
          draw_frame (self, cr, frame, TRUE, TRUE, &box);
          cairo_surface_flush (target->surface);
          hold_layer (target, layer, cairo_region_create_rectangle (&box));
          return;
        }
    }

  /* no clearing first: every frame starts with a background or a layer
   * that replaces every pixel, so nothing of the frame before shows */
  draw_frame (self, cr, frame, self->cache_layers, FALSE, NULL);
  cairo_surface_flush (target->surface);
}

/**
 * cw_renderer_prefetch:
 *
 * Draws ahead the layers that frames soon after @frame need and that take
 * longest to draw: the background and texture of the next slide, within a
 * second of its start. Playback calls it after showing @frame, on a worker
 * thread, so the next slide's first frame is no slower than the others.
 */
void
cw_renderer_prefetch (CwRenderer *self,
                      guint       frame)
{
  guint slide;
  const Span *next;
  g_autofree char *fixed = NULL;
  g_autoptr(cairo_surface_t) layer = NULL;

  g_return_if_fail (CW_IS_RENDERER (self));

  if (!self->cache_layers || self->n_frames == 0)
    return;

  slide = cw_renderer_get_slide_at_frame (self, frame);
  if (slide + 1 >= self->spans->len)
    return;
  next = &g_array_index (self->spans, Span, slide + 1);
  if (frame + self->fps < next->first_frame)
    return;

  fixed = g_strnfill (next->scene->n_fixed, '1');
  layer = lookup_layer (self, slide + 1, fixed, next->scene->n_fixed, -1, 0);
}

/**
 * cw_renderer_warm:
 *
 * Loads what drawing @frame needs (fonts, textures, the layers of its
 * slide) so that drawing it, and the frames after it, takes no longer than
 * any other frame. The editor calls it on a worker thread when a deck is
 * laid out, before the first frame is shown.
 */
void
cw_renderer_warm (CwRenderer *self,
                  guint       frame)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  guint slide;

  g_return_if_fail (CW_IS_RENDERER (self));

  if (self->n_frames == 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->format->width, self->format->height);
  cr = cairo_create (surface);
  /* the settled slide shows every text, so every font gets loaded */
  slide = cw_renderer_get_slide_at_frame (self, frame);
  cw_renderer_draw_frame (self, cr, cw_renderer_get_settled_frame (self, slide));
  cw_renderer_draw_frame (self, cr, frame);
}

/**
 * cw_renderer_render_frame:
 *
 * Returns: (transfer full): a new image surface with @frame: RGB24, or
 *   ARGB32 when the deck asks for a transparent background
 */
cairo_surface_t *
cw_renderer_render_frame (CwRenderer *self,
                          guint       frame)
{
  cairo_surface_t *surface;
  g_autoptr(cairo_t) cr = NULL;

  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);

  surface = cairo_image_surface_create (self->transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        self->format->width, self->format->height);
  cr = cairo_create (surface);
  cw_renderer_draw_frame (self, cr, frame);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * cw_renderer_get_warnings:
 *
 * Returns: (transfer none) (element-type CwDiagnostic): problems found while laying
 *   the slides out (text that does not fit, a statistic without a source…)
 */
GPtrArray *
cw_renderer_get_warnings (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  return self->warnings;
}

/**
 * cw_renderer_get_untranslated:
 *
 * Returns: (transfer none) (element-type utf8): the contexts ("slide/field")
 *   of texts shown in the source language for want of a translation
 */
GPtrArray *
cw_renderer_get_untranslated (CwRenderer *self)
{
  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);
  return self->untranslated;
}

/**
 * cw_renderer_count_untranslated:
 * @slide: a slide of the layout
 *
 * Returns: how many texts of @slide show in the source language for want
 *   of a translation: the badge the editor puts on it
 */
guint
cw_renderer_count_untranslated (CwRenderer *self,
                                guint       slide)
{
  g_autofree char *prefix = NULL;
  guint n = 0;

  g_return_val_if_fail (CW_IS_RENDERER (self), 0);

  if (slide >= cw_renderer_get_n_slides (self))
    return 0;
  prefix = g_strconcat (cw_renderer_get_slide_id (self, slide), "/", NULL);
  for (guint i = 0; i < self->untranslated->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->untranslated, i), prefix))
      n++;
  return n;
}

static gboolean
has_slide (CwRenderer *self,
           const char *id)
{
  for (guint i = 0; i < self->spans->len; i++)
    if (g_str_equal (g_array_index (self->spans, Span, i).id, id))
      return TRUE;
  return FALSE;
}

/**
 * cw_renderer_list_diagnostics:
 *
 * Everything an author should look at in this language and format: the
 * warnings, then one warning for each text shown in the deck's language
 * for want of a translation, naming its slide and field where it has them.
 *
 * Returns: (transfer full) (element-type CwDiagnostic): the diagnostics
 */
GPtrArray *
cw_renderer_list_diagnostics (CwRenderer *self)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autofree char *language = NULL;

  g_return_val_if_fail (CW_IS_RENDERER (self), NULL);

  for (guint i = 0; i < self->warnings->len; i++)
    g_ptr_array_add (diagnostics, cw_diagnostic_copy (g_ptr_array_index (self->warnings, i)));

  language = cw_language_get_name (self->language, cw_core_get_interface_language ());
  for (guint i = 0; i < self->untranslated->len; i++)
    {
      const char *context = g_ptr_array_index (self->untranslated, i);
      const char *slash = strchr (context, '/');
      g_autofree char *owner = slash ? g_strndup (context, slash - context) : NULL;
      g_autofree char *message = NULL;
      CwDiagnostic *diagnostic;

      if (owner != NULL && has_slide (self, owner))
        {
          /* Translators: a slide id, a field name, then a language name */
          message = g_strdup_printf (_("Slide “%s”: “%s” has no %s translation, so it is shown in the deck’s language."),
                                     owner, slash + 1, language);
          diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, owner, slash + 1, message, NULL);
        }
      else
        {
          /* Translators: a text's context such as "mines/2024", then a language name */
          message = g_strdup_printf (_("“%s” has no %s translation, so it is shown in the deck’s language."),
                                     context, language);
          diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, NULL, NULL, message, NULL);
        }
      diagnostic->language = g_strdup (self->language);
      diagnostic->hint = g_strdup (_("Translate it on the Languages page, or import the translator’s catalog."));
      g_ptr_array_add (diagnostics, diagnostic);
    }

  return g_steal_pointer (&diagnostics);
}

/**
 * cw_render_frame:
 * @deck: the deck
 * @language: (nullable): the language, or %NULL for the deck's own
 * @format: the frame size and safe zone
 * @t: seconds from the start of the clip
 *
 * The renderer as one pure function: the frame of @deck shown at @t, at
 * the deck's frame rate. Tests and one-off pictures use it; playback and
 * export keep a #CwRenderer so slides are laid out once.
 *
 * Returns: (transfer full): the frame
 */
cairo_surface_t *
cw_render_frame (CwDeck         *deck,
                 const char     *language,
                 const CwFormat *format,
                 double          t)
{
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, language, format, cw_deck_get_fps (deck));

  return cw_renderer_render_frame (renderer, cw_renderer_get_frame_at_time (renderer, t));
}
