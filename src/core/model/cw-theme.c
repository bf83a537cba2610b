/* cw-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-fonts.h"
#include "cw-keywords.h"
#include "cw-revision.h"
#include "cw-theme.h"

typedef struct
{
  const char *family;
  int         weight;
} BuiltinFont;

typedef struct
{
  const char  *name;
  const char  *label;
  const char  *colors[CW_N_COLOR_ROLES];
  BuiltinFont  fonts[CW_N_FONT_ROLES];
  CwAlign      align;
  CwTexture    texture;
} BuiltinTheme;

/* Headings and numbers bold, body text regular, all in the renderer's
 * first font, whose fallbacks (src/core/cw-fonts.c) draw every script the
 * templates are tested in. */
#define NOTO_SANS_FONTS { [CW_FONT_HEADING] = { CW_FONTS_DEFAULT_FAMILY, 700 }, \
                          [CW_FONT_BODY] = { CW_FONTS_DEFAULT_FAMILY, 400 },    \
                          [CW_FONT_NUMBER] = { CW_FONTS_DEFAULT_FAMILY, 700 } }

/* Every text role and every tone keeps at least 4.5:1 against both
 * background stops and the surface, so a figure reads whatever its tone;
 * tests/test-layout.c checks it, so a palette change cannot break it.
 * Progress is the accent; harm is a color no one reads as good news (on
 * the red signal theme, where red cannot say harm, the starkest white);
 * neutral is the text color, a figure that takes no side. */
static const BuiltinTheme builtin_themes[] = {
  { "night", N_("Night"),
    { "#0B1722", "#173049", "#1E3A55", "#F4F7FA", "#A9BCCD", "#FFC53D", "#FF7A6B",
      "#FF8A7A", "#F4F7FA" },
    NOTO_SANS_FONTS, CW_ALIGN_CENTER, CW_TEXTURE_CONTOURS },
  { "sand", N_("Sand"),
    { "#F7F2E8", "#EADFC9", "#FFFFFF", "#17202B", "#4D5866", "#A63F0A", "#B3261E",
      "#A8123E", "#17202B" },
    NOTO_SANS_FONTS, CW_ALIGN_START, CW_TEXTURE_GRADIENT },
  { "signal", N_("Signal"),
    { "#A3121C", "#6E0A12", "#7F0D16", "#FFFFFF", "#FFD9D6", "#FFE066", "#FFFFFF",
      "#FFFFFF", "#FFFFFF" },
    NOTO_SANS_FONTS, CW_ALIGN_CENTER, CW_TEXTURE_GRADIENT },
  { "meadow", N_("Meadow"),
    { "#0D3528", "#17573F", "#1B5E45", "#F2FBF6", "#B8D9C8", "#FFD166", "#FFB7AC",
      "#FFBDB3", "#F2FBF6" },
    NOTO_SANS_FONTS, CW_ALIGN_CENTER, CW_TEXTURE_CONTOURS },
};

static const CwKeyword color_roles[CW_N_COLOR_ROLES] = {
  { "background", N_("Background") },
  { "background-end", N_("Background gradient") },
  { "surface", N_("Surface") },
  { "text", N_("Text") },
  { "muted", N_("Secondary text") },
  { "accent", N_("Accent") },
  { "alert", N_("Alert") },
  { "harm", N_("Figures of harm") },
  { "neutral", N_("Neutral figures") },
};

static const CwKeyword font_roles[CW_N_FONT_ROLES] = {
  { "heading", N_("Headings") },
  { "body", N_("Body text") },
  { "number", N_("Numbers") },
};

/* the file's words for them; "centre" is read too */
static const char * const align_names[CW_N_ALIGNS] = { "start", "center" };
static const char * const texture_names[CW_N_TEXTURES] = { "contours", "grain", "gradient" };
static const char * const ambient_names[CW_N_AMBIENTS] = { "none", "drift" };

static const struct {
  const char *name;
  int weight;
} font_weights[] = {
  { "regular", 400 },
  { "medium", 500 },
  { "semibold", 600 },
  { "bold", 700 },
  { "black", 900 },
};

struct _CwTheme
{
  GObject   parent_instance;

  char     *base;
  CwColor   colors[CW_N_COLOR_ROLES];
  guint     colors_set;
  char     *font_families[CW_N_FONT_ROLES];
  int       font_weights[CW_N_FONT_ROLES];
  CwImage  *logo;
  char     *logo_href;
  /* -1 while the base theme's is used */
  int       align;
  int       texture;
  CwAmbient ambient;
  CwRevision revision;
};

G_DEFINE_FINAL_TYPE (CwTheme, cw_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE,
  PROP_LOGO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const BuiltinTheme *
find_builtin (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_themes); i++)
    {
      if (g_strcmp0 (builtin_themes[i].name, name) == 0)
        return &builtin_themes[i];
    }
  return NULL;
}

/* The built-in theme @self is based on, or the first one. */
static const BuiltinTheme *
get_builtin (CwTheme *self)
{
  const BuiltinTheme *builtin = find_builtin (self->base);

  return builtin != NULL ? builtin : &builtin_themes[0];
}

static void
cw_theme_finalize (GObject *object)
{
  CwTheme *self = (CwTheme *)object;

  g_clear_pointer (&self->base, g_free);
  for (guint i = 0; i < CW_N_FONT_ROLES; i++)
    g_clear_pointer (&self->font_families[i], g_free);
  g_clear_object (&self->logo);
  g_clear_pointer (&self->logo_href, g_free);

  G_OBJECT_CLASS (cw_theme_parent_class)->finalize (object);
}

static void
cw_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CwTheme *self = CW_THEME (object);

  switch (prop_id)
    {
    case PROP_BASE:
      g_value_set_string (value, self->base);
      break;
    case PROP_LOGO:
      g_value_set_object (value, self->logo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_theme_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CwTheme *self = CW_THEME (object);

  switch (prop_id)
    {
    case PROP_BASE:
      cw_theme_set_base (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_theme_class_init (CwThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_theme_finalize;
  object_class->get_property = cw_theme_get_property;
  object_class->set_property = cw_theme_set_property;

  properties[PROP_BASE] =
    g_param_spec_string ("base", NULL, NULL, "night",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOGO] =
    g_param_spec_object ("logo", NULL, NULL, CW_TYPE_IMAGE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cw_theme_init (CwTheme *self)
{
  self->base = g_strdup ("night");
  self->align = -1;
  self->texture = -1;
  self->revision = cw_revision_next ();
}

CwTheme *
cw_theme_new (const char *base)
{
  return g_object_new (CW_TYPE_THEME, "base", base ? base : "night", NULL);
}

CwTheme *
cw_theme_copy (CwTheme *self)
{
  CwTheme *copy;

  g_return_val_if_fail (CW_IS_THEME (self), NULL);

  copy = cw_theme_new (self->base);
  memcpy (copy->colors, self->colors, sizeof self->colors);
  copy->colors_set = self->colors_set;
  for (guint i = 0; i < CW_N_FONT_ROLES; i++)
    {
      copy->font_families[i] = g_strdup (self->font_families[i]);
      copy->font_weights[i] = self->font_weights[i];
    }
  /* CwImage is immutable once decoded, so it can be shared */
  g_set_object (&copy->logo, self->logo);
  copy->logo_href = g_strdup (self->logo_href);
  copy->align = self->align;
  copy->texture = self->texture;
  copy->ambient = self->ambient;
  /* the same content: undo may use either */
  copy->revision = self->revision;

  return copy;
}

/**
 * cw_theme_get_revision:
 *
 * Returns: the #CwRevision of @self: the same as a copy's
 */
guint64
cw_theme_get_revision (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), 0);
  return self->revision;
}

static gboolean
colors_equal (const CwColor *a,
              const CwColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/**
 * cw_theme_equal:
 *
 * Returns: whether @a and @b set the same palette, fonts and logo
 */
gboolean
cw_theme_equal (CwTheme *a,
                CwTheme *b)
{
  g_return_val_if_fail (CW_IS_THEME (a), FALSE);
  g_return_val_if_fail (CW_IS_THEME (b), FALSE);

  if (a == b || a->revision == b->revision)
    return TRUE;
  if (g_strcmp0 (a->base, b->base) != 0 || a->colors_set != b->colors_set ||
      g_strcmp0 (a->logo_href, b->logo_href) != 0 || a->align != b->align ||
      a->texture != b->texture || a->ambient != b->ambient)
    return FALSE;
  for (guint i = 0; i < CW_N_COLOR_ROLES; i++)
    if ((a->colors_set & (1u << i)) && !colors_equal (&a->colors[i], &b->colors[i]))
      return FALSE;
  for (guint i = 0; i < CW_N_FONT_ROLES; i++)
    if (g_strcmp0 (a->font_families[i], b->font_families[i]) != 0 || a->font_weights[i] != b->font_weights[i])
      return FALSE;
  if (a->logo == b->logo)
    return TRUE;
  return a->logo != NULL && b->logo != NULL &&
         g_strcmp0 (cw_image_get_media_type (a->logo), cw_image_get_media_type (b->logo)) == 0 &&
         g_bytes_equal (cw_image_get_bytes (a->logo), cw_image_get_bytes (b->logo));
}

static void
emit_changed (CwTheme    *self,
              GParamSpec *pspec)
{
  cw_revision_changed (&self->revision, self, pspec, signals[CHANGED]);
}

const char *
cw_theme_get_base (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), NULL);
  return self->base;
}

void
cw_theme_set_base (CwTheme    *self,
                   const char *base)
{
  g_return_if_fail (CW_IS_THEME (self));

  if (base == NULL || find_builtin (base) == NULL)
    base = "night";
  if (g_strcmp0 (self->base, base) == 0)
    return;

  g_free (self->base);
  self->base = g_strdup (base);
  emit_changed (self, properties[PROP_BASE]);
}

CwColor
cw_theme_get_color (CwTheme     *self,
                    CwColorRole  role)
{
  const BuiltinTheme *builtin;
  CwColor color = { 0, 0, 0, 1 };

  g_return_val_if_fail (CW_IS_THEME (self), color);
  g_return_val_if_fail (role < CW_N_COLOR_ROLES, color);

  if (self->colors_set & (1u << role))
    return self->colors[role];

  builtin = get_builtin (self);
  cw_color_parse (builtin->colors[role], &color);
  return color;
}

/* How the deck's slides align their texts: as the deck sets, or as its base theme does. */
CwAlign
cw_theme_get_align (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), CW_ALIGN_CENTER);
  return self->align >= 0 ? (CwAlign) self->align : get_builtin (self)->align;
}

gboolean
cw_theme_has_align (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), FALSE);
  return self->align >= 0;
}

void
cw_theme_set_align (CwTheme *self,
                    CwAlign  align)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (align < CW_N_ALIGNS);

  if (self->align == (int) align)
    return;
  self->align = align;
  emit_changed (self, NULL);
}

/* What lies behind the content: as the deck sets, or as its base theme does. */
CwTexture
cw_theme_get_texture (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), CW_TEXTURE_GRADIENT);
  return self->texture >= 0 ? (CwTexture) self->texture : get_builtin (self)->texture;
}

gboolean
cw_theme_has_texture (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), FALSE);
  return self->texture >= 0;
}

void
cw_theme_set_texture (CwTheme   *self,
                      CwTexture  texture)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (texture < CW_N_TEXTURES);

  if (self->texture == (int) texture)
    return;
  self->texture = texture;
  emit_changed (self, NULL);
}

/* Whether the texture drifts during holds; no built-in theme does. */
CwAmbient
cw_theme_get_ambient (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), CW_AMBIENT_NONE);
  return self->ambient;
}

void
cw_theme_set_ambient (CwTheme   *self,
                      CwAmbient  ambient)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (ambient < CW_N_AMBIENTS);

  if (self->ambient == ambient)
    return;
  self->ambient = ambient;
  emit_changed (self, NULL);
}

const char *
cw_align_to_string (CwAlign align)
{
  g_return_val_if_fail (align < CW_N_ALIGNS, NULL);
  return align_names[align];
}

gboolean
cw_align_from_string (const char *str,
                      CwAlign    *align)
{
  for (guint i = 0; i < CW_N_ALIGNS; i++)
    {
      if (g_strcmp0 (str, align_names[i]) == 0)
        {
          *align = i;
          return TRUE;
        }
    }
  if (g_strcmp0 (str, "centre") == 0)
    {
      *align = CW_ALIGN_CENTER;
      return TRUE;
    }
  return FALSE;
}

const char *
cw_texture_to_string (CwTexture texture)
{
  g_return_val_if_fail (texture < CW_N_TEXTURES, NULL);
  return texture_names[texture];
}

gboolean
cw_texture_from_string (const char *str,
                        CwTexture  *texture)
{
  for (guint i = 0; i < CW_N_TEXTURES; i++)
    {
      if (g_strcmp0 (str, texture_names[i]) == 0)
        {
          *texture = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
cw_ambient_to_string (CwAmbient ambient)
{
  g_return_val_if_fail (ambient < CW_N_AMBIENTS, NULL);
  return ambient_names[ambient];
}

gboolean
cw_ambient_from_string (const char *str,
                        CwAmbient  *ambient)
{
  for (guint i = 0; i < CW_N_AMBIENTS; i++)
    {
      if (g_strcmp0 (str, ambient_names[i]) == 0)
        {
          *ambient = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The color role that draws figures of @tone. */
CwColorRole
cw_tone_get_color_role (CwTone tone)
{
  switch (tone)
    {
    case CW_TONE_HARM:
      return CW_COLOR_HARM;
    case CW_TONE_NEUTRAL:
      return CW_COLOR_NEUTRAL;
    case CW_TONE_PROGRESS:
    case CW_N_TONES:
    default:
      return CW_COLOR_ACCENT;
    }
}

/**
 * cw_theme_get_tone_color:
 *
 * Returns: the color of figures (numbers, bars, icons) of @tone
 */
CwColor
cw_theme_get_tone_color (CwTheme *self,
                         CwTone   tone)
{
  return cw_theme_get_color (self, cw_tone_get_color_role (tone));
}

/**
 * cw_theme_get_track_color:
 *
 * What a gauge's track, a bar that is not highlighted and an icon not yet
 * counted are drawn in: the text color blended into the background, just
 * far enough to reach the contrast graphics need against both stops of the
 * gradient (WCAG 1.4.11), so it is seen and still stays behind the figure.
 * Computed rather than chosen, so a deck's own colors get a track that
 * can be seen too.
 *
 * Returns: the track color; the text color when no blend reaches it
 */
CwColor
cw_theme_get_track_color (CwTheme *self)
{
  CwColor text = cw_theme_get_color (self, CW_COLOR_TEXT);
  CwColor start = cw_theme_get_color (self, CW_COLOR_BACKGROUND);
  CwColor end = cw_theme_get_color (self, CW_COLOR_BACKGROUND_END);

  /* a little past the bare minimum, so rounding to 8 bits cannot undo it */
  for (guint step = 0; step <= 100; step += 2)
    {
      CwColor track = cw_color_mix (&start, &text, step / 100.0);

      track.alpha = 1;
      if (cw_color_contrast_ratio (&track, &start) >= CW_CONTRAST_GRAPHICS + 0.05 &&
          cw_color_contrast_ratio (&track, &end) >= CW_CONTRAST_GRAPHICS + 0.05)
        return track;
    }
  return text;
}

/* Whether the deck overrides the base theme's color for @role. */
gboolean
cw_theme_has_color (CwTheme     *self,
                    CwColorRole  role)
{
  g_return_val_if_fail (CW_IS_THEME (self), FALSE);
  g_return_val_if_fail (role < CW_N_COLOR_ROLES, FALSE);

  return (self->colors_set & (1u << role)) != 0;
}

/**
 * cw_theme_set_color:
 * @color: (nullable): the color, or %NULL to use the base theme's
 */
void
cw_theme_set_color (CwTheme       *self,
                    CwColorRole    role,
                    const CwColor *color)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (role < CW_N_COLOR_ROLES);

  if (color == NULL)
    {
      if (!(self->colors_set & (1u << role)))
        return;
      self->colors_set &= ~(1u << role);
    }
  else
    {
      if ((self->colors_set & (1u << role)) &&
          memcmp (&self->colors[role], color, sizeof *color) == 0)
        return;
      self->colors[role] = *color;
      self->colors_set |= 1u << role;
    }
  emit_changed (self, NULL);
}

const char *
cw_theme_get_font_family (CwTheme    *self,
                          CwFontRole  role)
{
  g_return_val_if_fail (CW_IS_THEME (self), NULL);
  g_return_val_if_fail (role < CW_N_FONT_ROLES, NULL);

  if (self->font_families[role] != NULL)
    return self->font_families[role];
  return get_builtin (self)->fonts[role].family;
}

int
cw_theme_get_font_weight (CwTheme    *self,
                          CwFontRole  role)
{
  g_return_val_if_fail (CW_IS_THEME (self), 400);
  g_return_val_if_fail (role < CW_N_FONT_ROLES, 400);

  if (self->font_weights[role] > 0)
    return self->font_weights[role];
  return get_builtin (self)->fonts[role].weight;
}

gboolean
cw_theme_has_font (CwTheme    *self,
                   CwFontRole  role)
{
  g_return_val_if_fail (CW_IS_THEME (self), FALSE);
  g_return_val_if_fail (role < CW_N_FONT_ROLES, FALSE);

  return self->font_families[role] != NULL;
}

/**
 * cw_theme_set_font:
 * @family: (nullable): a font family, or %NULL for the base theme's
 * @weight: a CSS weight (400 regular, 700 bold), or 0 for the base theme's
 */
void
cw_theme_set_font (CwTheme    *self,
                   CwFontRole  role,
                   const char *family,
                   int         weight)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (role < CW_N_FONT_ROLES);

  if (g_strcmp0 (self->font_families[role], family) == 0 && self->font_weights[role] == weight)
    return;

  g_free (self->font_families[role]);
  self->font_families[role] = g_strdup (family);
  self->font_weights[role] = family != NULL ? weight : 0;
  emit_changed (self, NULL);
}

/**
 * cw_theme_get_logo:
 *
 * Returns: (nullable) (transfer none): the decoded logo, or %NULL when the
 *   deck has none or it could not be loaded (see cw_theme_get_logo_href())
 */
CwImage *
cw_theme_get_logo (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), NULL);
  return self->logo;
}

/**
 * cw_theme_get_logo_href:
 *
 * Returns: (nullable): the path of the logo relative to the deck, or %NULL
 *   when the logo is embedded in the deck (or there is none)
 */
const char *
cw_theme_get_logo_href (CwTheme *self)
{
  g_return_val_if_fail (CW_IS_THEME (self), NULL);
  return self->logo_href;
}

/**
 * cw_theme_set_logo:
 * @logo: (nullable): the decoded image; %NULL with a non-%NULL @href means
 *   the referenced file is missing, and a placeholder is drawn
 * @href: (nullable): where the image lives, relative to the deck; %NULL to embed it
 */
void
cw_theme_set_logo (CwTheme    *self,
                   CwImage    *logo,
                   const char *href)
{
  g_return_if_fail (CW_IS_THEME (self));
  g_return_if_fail (!logo || CW_IS_IMAGE (logo));

  if (self->logo == logo && g_strcmp0 (self->logo_href, href) == 0)
    return;

  g_set_object (&self->logo, logo);
  g_free (self->logo_href);
  self->logo_href = g_strdup (href);
  emit_changed (self, properties[PROP_LOGO]);
}

const char *
cw_color_role_to_string (CwColorRole role)
{
  g_return_val_if_fail (role < CW_N_COLOR_ROLES, NULL);
  return color_roles[role].name;
}

const char *
cw_color_role_get_label (CwColorRole role)
{
  g_return_val_if_fail (role < CW_N_COLOR_ROLES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, color_roles[role].label);
}

gboolean
cw_color_role_from_string (const char  *str,
                           CwColorRole *role)
{
  int i = cw_keyword_lookup (color_roles, CW_N_COLOR_ROLES, str);

  if (i < 0)
    return FALSE;
  *role = i;
  return TRUE;
}

const char *
cw_font_role_to_string (CwFontRole role)
{
  g_return_val_if_fail (role < CW_N_FONT_ROLES, NULL);
  return font_roles[role].name;
}

gboolean
cw_font_role_from_string (const char *str,
                          CwFontRole *role)
{
  int i = cw_keyword_lookup (font_roles, CW_N_FONT_ROLES, str);

  if (i < 0)
    return FALSE;
  *role = i;
  return TRUE;
}

const char *
cw_font_role_get_label (CwFontRole role)
{
  g_return_val_if_fail (role < CW_N_FONT_ROLES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, font_roles[role].label);
}

const char *
cw_font_weight_to_string (int weight)
{
  for (guint i = 0; i < G_N_ELEMENTS (font_weights); i++)
    {
      if (font_weights[i].weight == weight)
        return font_weights[i].name;
    }
  return NULL;
}

gboolean
cw_font_weight_from_string (const char *str,
                            int        *weight)
{
  for (guint i = 0; i < G_N_ELEMENTS (font_weights); i++)
    {
      if (g_strcmp0 (str, font_weights[i].name) == 0)
        {
          *weight = font_weights[i].weight;
          return TRUE;
        }
    }
  return FALSE;
}

const char * const *
cw_theme_list_builtin (void)
{
  static const char *names[G_N_ELEMENTS (builtin_themes) + 1];

  if (names[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (builtin_themes); i++)
        names[i] = builtin_themes[i].name;
    }
  return names;
}

gboolean
cw_theme_is_builtin (const char *name)
{
  return find_builtin (name) != NULL;
}

const char *
cw_theme_get_builtin_label (const char *name)
{
  const BuiltinTheme *builtin = find_builtin (name);

  return builtin ? g_dgettext (GETTEXT_PACKAGE, builtin->label) : NULL;
}
