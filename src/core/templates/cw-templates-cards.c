/* cw-templates-cards.c: comparison and quote cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cw-fonts.h"
#include "cw-locale.h"
#include "cw-pictogram.h"
#include "cw-templates-private.h"

/* Comparison: before and after, with the change between them */

static const CwPlaceholder comparison_placeholders[] = {
  { "change", N_("{change} is the change between the two figures, in percent with its sign, such as −60 %.") },
  { NULL }
};

static const CwField comparison_fields[] = {
  { "before", CW_FIELD_STATISTIC, N_("Before"),
    N_("The earlier figure"),
    NULL, .element = "before" },
  { "after", CW_FIELD_STATISTIC, N_("After"),
    N_("The later figure; its source is shown"),
    NULL, .element = "after" },
  CW_FIELD_TITLE (N_("What changed"), N_("What changed"), 60),
  { "before_label", CW_FIELD_TEXT, N_("Before label"),
    N_("When or what the earlier figure is, such as a year"),
    N_("Before"), .max_chars = 24, .element = "before" },
  { "after_label", CW_FIELD_TEXT, N_("After label"),
    N_("When or what the later figure is"),
    N_("After"), .max_chars = 24, .element = "after" },
  { "change", CW_FIELD_TEXT, N_("Change"),
    N_("The line under the figures; {change} is the change in percent"),
    N_("{change}"), .max_chars = 40, .element = "change", .optional = TRUE },
  { "compact", CW_FIELD_BOOLEAN, N_("Short numbers"),
    N_("Show 6.3K instead of 6,279"),
    "false", .element = "before" },
  { NULL }
};

static const CwElement comparison_elements[] = {
  CW_ELEMENT_TITLE (CW_ENTER_RISE (0.0)),
  { "before", N_("Before"), { CW_EFFECT_COUNT_UP, CW_EASING_EASE_OUT_CUBIC, 0.25, 1.2 } },
  { "arrow", N_("Arrow"), { CW_EFFECT_WIPE, CW_EASING_EASE_IN_OUT_CUBIC, 0.9, 0.5 } },
  { "after", N_("After"), { CW_EFFECT_COUNT_UP, CW_EASING_EASE_OUT_CUBIC, 1.1, 1.2 } },
  { "change", N_("Change"), CW_ENTER_POP (1.9) },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (1.0)),
  { NULL }
};

typedef struct
{
  gboolean down;
  /* right to left, the earlier figure is on the right: the arrow points left */
  gboolean left;
  double   width;
} Arrow;

static void
draw_arrow (const CwNode *node,
            cairo_t      *cr,
            double        progress)
{
  const Arrow *a = node->data;
  const CwRect *r = &node->rect;
  double head = MIN (r->width, r->height) * 0.45;

  cairo_set_line_width (cr, a->width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cw_cairo_set_source_color (cr, &node->color, 1);
  if (a->down)
    {
      double cx = r->x + r->width / 2;
      cairo_move_to (cr, cx, r->y);
      cairo_line_to (cr, cx, r->y + r->height);
      cairo_move_to (cr, cx - head, r->y + r->height - head);
      cairo_line_to (cr, cx, r->y + r->height);
      cairo_line_to (cr, cx + head, r->y + r->height - head);
    }
  else
    {
      double cy = r->y + r->height / 2;
      double tip = a->left ? r->x : r->x + r->width;
      double back = a->left ? head : -head;

      cairo_move_to (cr, a->left ? r->x + r->width : r->x, cy);
      cairo_line_to (cr, tip, cy);
      cairo_move_to (cr, tip + back, cy - head);
      cairo_line_to (cr, tip, cy);
      cairo_line_to (cr, tip + back, cy + head);
    }
  cairo_stroke (cr);
}

typedef struct
{
  CwColor fill;
} Pill;

static void
draw_pill_background (const CwNode *node,
                      cairo_t      *cr,
                      double        progress)
{
  const Pill *p = node->data;
  const CwRect *r = &node->rect;
  double radius = r->height / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  cw_cairo_set_source_color (cr, &p->fill, 1);
  cairo_fill (cr);
}

/* What a change means: a rise of harm is bad news and a fall good news,
 * whatever the direction of progress; a neutral figure takes no side. The
 * tone is the slide's, or the later figure's, or harm when either side
 * counts harm. */
static CwColor
change_color (CwSceneBuilder *b,
              CwStatistic    *before,
              CwStatistic    *after)
{
  CwTone tone = cw_builder_get_tone (b, after);

  if (!cw_slide_has_tone (b->slide) && cw_statistic_get_tone (before) == CW_TONE_HARM)
    tone = CW_TONE_HARM;
  if (tone == CW_TONE_HARM)
    {
      double change = cw_statistic_get_value (after) - cw_statistic_get_value (before);

      if (change < 0)
        tone = CW_TONE_PROGRESS;
      else if (change == 0)
        tone = CW_TONE_NEUTRAL;
    }
  return cw_theme_get_tone_color (b->theme, tone);
}

typedef struct
{
  CwStatistic *statistic;
  char        *label;
  char        *number;
  double       number_w;
  double       number_h;
  CwTextFit    label_fit;
} Side;

static void
build_comparison (CwSceneBuilder *b)
{
  CwTextStyle label_base = cw_builder_type_style (b, CW_TYPE_BODY);
  CwTextStyle change_base = cw_builder_type_style (b, CW_TYPE_LABEL);
  double figure_max = cw_builder_type_style (b, CW_TYPE_FIGURE).max_size * b->unit;
  guint first_node;
  g_autofree char *title = cw_builder_get_text (b, "title");
  g_autofree char *change = NULL;
  gboolean compact = cw_builder_get_boolean (b, "compact");
  CwColor accent = cw_builder_theme_color (b, CW_COLOR_ACCENT);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwColor surface = cw_builder_theme_color (b, CW_COLOR_SURFACE);
  double u = b->unit;
  Side sides[2] = { { 0 } };
  const char *fields[2] = { "before", "after" };
  const char *label_fields[2] = { "before_label", "after_label" };
  gboolean stacked = FALSE;
  double number_size = 150 * u, column_w, arrow_w, total, y, s = 1;
  CwTextFit change_fit = { 0 };
  CwNumberStyle style = CW_NUMBER_DECIMAL;
  CwRect box;
  /* where a stacked comparison's arrow and change sit across the box */
  double start = 0.5;

  cw_templates_add_texture (b);
  for (guint i = 0; i < 2; i++)
    sides[i].statistic = cw_builder_get_statistic (b, fields[i]);
  cw_builder_add_source_line (b, sides[1].statistic ? sides[1].statistic : sides[0].statistic);
  box = b->content;
  first_node = b->scene->nodes->len;
  label_base.align = change_base.align = PANGO_ALIGN_CENTER;
  label_base.max_lines = change_base.max_lines = 2;
  cw_templates_add_header (b, &box, NULL, title, cw_builder_get_align (b));

  if (sides[0].statistic == NULL || sides[1].statistic == NULL)
    {
      CwTextStyle note = cw_builder_type_style (b, CW_TYPE_BODY);
      cw_builder_warn (b, sides[0].statistic == NULL ? fields[0] : fields[1], _("Choose both."),
                       _("Slide “%s” needs two statistics to compare."),
                       cw_slide_get_id (b->slide));
      cw_builder_add_text (b, "before", _("Choose the two figures to compare."), &note, &muted, &box);
      return;
    }

  accent = change_color (b, sides[0].statistic, sides[1].statistic);
  if (compact)
    style = CW_NUMBER_COMPACT;
  else if (cw_statistic_is_percent (sides[1].statistic))
    style = CW_NUMBER_PERCENT;

  {
    double before = cw_statistic_get_value (sides[0].statistic);
    double after = cw_statistic_get_value (sides[1].statistic);

    if (before != 0)
      {
        g_autofree char *formatted = cw_number_format (b->language, CW_NUMBER_PERCENT_CHANGE,
                                                       (after - before) / fabs (before) * 100, 0);
        cw_builder_set_placeholder (b, "change", formatted);
      }
    else
      cw_builder_set_placeholder (b, "change", "");
  }
  change = cw_builder_get_text (b, "change");

  for (guint i = 0; i < 2; i++)
    {
      sides[i].label = cw_builder_get_text (b, label_fields[i]);
      sides[i].number = cw_number_format (b->language, style, cw_statistic_get_value (sides[i].statistic),
                                          cw_statistic_get_decimals (sides[i].statistic));
    }

  /* side by side when both numbers fit a column at a good size; else one above the other */
  for (guint attempt = 0; attempt < 12; attempt++)
    {
      CwTextStyle label_style = label_base, change_style = change_base;
      double need = 0;

      /* the figures give way first; labels stay readable */
      label_style.max_size = MAX (label_style.max_size * MIN (s, 1), label_style.min_size);
      change_style.max_size = MAX (change_style.max_size * MIN (s, 1), change_style.min_size);
      /* the figures are the point of the slide: as large as the type scale's figure */
      number_size = cw_builder_agreed (b, "figures/size", figure_max * s);
      arrow_w = stacked ? 0 : 110 * u * s;
      column_w = stacked ? box.width : (box.width - arrow_w - 80 * u * s) / 2;

      for (guint i = 0; i < 2; i++)
        {
          cw_templates_measure (b, sides[i].number, CW_FONT_NUMBER, number_size, TRUE,
                                &sides[i].number_w, &sides[i].number_h);
          need = MAX (need, sides[i].number_w);
        }
      if (need > column_w)
        {
          /* side by side only while the figures stay large; else one above the other */
          if (!stacked && number_size * column_w / need < figure_max * 0.6)
            {
              stacked = TRUE;
              attempt--;
              continue;
            }
          number_size *= column_w / need;
          for (guint i = 0; i < 2; i++)
            cw_templates_measure (b, sides[i].number, CW_FONT_NUMBER, number_size, TRUE,
                                  &sides[i].number_w, &sides[i].number_h);
        }

      total = 0;
      for (guint i = 0; i < 2; i++)
        {
          cw_builder_fit_text (b, fields[i], sides[i].label, &label_style, column_w, 0, &sides[i].label_fit);
        }
      if (stacked)
        total = sides[0].label_fit.height + sides[0].number_h + sides[1].label_fit.height +
                sides[1].number_h + 2 * 24 * u * s + 140 * u * s;
      else
        total = MAX (sides[0].label_fit.height, sides[1].label_fit.height) + 8 * u * s +
                MAX (sides[0].number_h, sides[1].number_h);

      if (change != NULL)
        {
          cw_builder_fit_text (b, "change", change, &change_style, box.width * 0.8, 0, &change_fit);
          total += 64 * u * s + change_fit.height + 40 * u * s;
        }
      if (total <= box.height)
        break;
      s *= 0.9;
    }

  number_size = cw_builder_agree (b, "figures/size", number_size);
  if (stacked)
    start = b->scene->rtl ? 1 - cw_templates_halign (b) : cw_templates_halign (b);
  y = box.y + MAX (0, box.height - total) * 0.5;

  for (guint i = 0; i < 2; i++)
    {
      CwRect column;
      CwRect label_rect, number_rect;
      CwTextStyle label_style = label_base;
      CwNode *node;
      double col_x = stacked ? box.x : (i == 0 ? box.x : box.x + box.width - column_w);
      double top = stacked && i == 1 ? y + sides[0].label_fit.height + 24 * u * s + sides[0].number_h + 140 * u * s : y;
      double label_h = stacked ? sides[i].label_fit.height
                               : MAX (sides[0].label_fit.height, sides[1].label_fit.height);

      column = (CwRect) { col_x, top, column_w, label_h };
      column = cw_templates_mirror (b, &box, column);
      label_rect = (CwRect) { column.x, top + label_h - sides[i].label_fit.height, column_w,
                              sides[i].label_fit.height };
      number_rect = (CwRect) { column.x, top + label_h + 8 * u * s, column_w, sides[i].number_h };

      if (sides[i].label != NULL)
        {
          label_style.max_size = label_style.min_size = sides[i].label_fit.size / u;
          /* one above the other, the figures follow the deck's alignment */
          label_style.align = stacked ? cw_builder_get_align (b) : PANGO_ALIGN_CENTER;
          node = cw_builder_add_text (b, fields[i], sides[i].label, &label_style, &muted, &label_rect);
          node->wrap_width = sides[i].label_fit.wrap_width;
          node->enter.effect = CW_EFFECT_FADE;
          node->enter.duration = 0.5;
        }
      cw_templates_add_counter (b, fields[i], cw_statistic_get_value (sides[i].statistic),
                                cw_statistic_get_decimals (sides[i].statistic), style, NULL, NULL,
                                CW_FONT_NUMBER, number_size, i == 1 ? &accent : &text,
                                &number_rect, !stacked || start == 0.5 ? PANGO_ALIGN_CENTER
                                              : start < 0.5 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
    }

  {
    Arrow *a = g_new0 (Arrow, 1);
    CwRect rect;
    CwNode *node;

    a->down = stacked;
    a->left = b->scene->rtl;
    a->width = 12 * u * s;
    if (stacked)
      {
        double top = y + sides[0].label_fit.height + 24 * u * s + sides[0].number_h + 30 * u * s;
        rect = (CwRect) { box.x + (box.width - 100 * u * s) * start, top, 100 * u * s, 80 * u * s };
      }
    else
      {
        double label_h = MAX (sides[0].label_fit.height, sides[1].label_fit.height);
        double cy = y + label_h + 8 * u * s + MAX (sides[0].number_h, sides[1].number_h) / 2;
        rect = (CwRect) { box.x + (box.width - arrow_w) / 2, cy - arrow_w * 0.4, arrow_w, arrow_w * 0.8 };
      }
    node = cw_node_new (CW_NODE_CUSTOM, "arrow", &rect);
    /* the arrow says which way and, in its color, whether that is good news */
    node->color = accent;
    node->data = a;
    node->destroy = g_free;
    node->draw = draw_arrow;
    cw_builder_style_node (b, node);
    cw_scene_add_node (b->scene, node);
  }

  if (change != NULL)
    {
      double top = y + total - change_fit.height - 40 * u * s;
      double pad = 40 * u * s;
      double text_w = change_fit.wrap_width;
      CwRect text_rect;

      if (change_fit.lines == 1)
        cw_templates_measure (b, change, change_base.font, change_fit.size, FALSE, &text_w, NULL);
      text_rect = (CwRect) { box.x + pad + (box.width - text_w - 2 * pad) * start, top + 20 * u * s, text_w,
                             change_fit.height };
      CwRect pill_rect = { text_rect.x - pad, top, text_rect.width + 2 * pad, change_fit.height + 40 * u * s };
      CwTextStyle change_style = change_base;
      Pill *p = g_new0 (Pill, 1);
      CwNode *node;

      p->fill = surface;
      node = cw_node_new (CW_NODE_CUSTOM, "change", &pill_rect);
      node->data = p;
      node->destroy = g_free;
      node->draw = draw_pill_background;
      cw_builder_style_node (b, node);
      cw_scene_add_node (b->scene, node);

      change_style.max_size = change_style.min_size = change_fit.size / u;
      cw_builder_add_text (b, "change", change, &change_style, &accent, &text_rect);
    }
  cw_templates_balance (b, first_node, &b->content);

  for (guint i = 0; i < 2; i++)
    {
      g_free (sides[i].label);
      g_free (sides[i].number);
    }
}

const CwTemplate cw_template_comparison = {
  .id = "comparison",
  .label = N_("Comparison"),
  .description = N_("Two figures side by side, before and after, with the change between them"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_FIGURE,
  .fields = comparison_fields,
  .elements = comparison_elements,
  .placeholders = comparison_placeholders,
  .summary_field = "title",
  .min_duration = 4.0,
  .build = build_comparison,
};

/* Quote or testimony */

static const char * const quote_icons[] = { "quote", "person", "child", "field", NULL };
static const char * const quote_icon_labels[] = { N_("Quotation marks"), N_("Person"), N_("Child"), N_("Field"), NULL };

static const CwField quote_fields[] = {
  { "quote", CW_FIELD_TEXT, N_("Quote"),
    N_("What was said, in the speaker’s words"),
    N_("Write the quote here."), .max_chars = 160, .text_role = CW_TEXT_ROLE_BODY, .element = "quote" },
  { "name", CW_FIELD_TEXT, N_("Name"),
    N_("Who said it"),
    NULL, .max_chars = 40, .element = "attribution", .optional = TRUE },
  { "role", CW_FIELD_TEXT, N_("Role"),
    N_("Who they are: a deminer, a survivor, a teacher"),
    NULL, .max_chars = 60, .element = "attribution", .optional = TRUE },
  { "photo", CW_FIELD_IMAGE, N_("Photo"),
    N_("A portrait (PNG, JPEG or SVG next to the deck); without one, a symbol is shown"),
    NULL, .element = "portrait", .optional = TRUE },
  { "icon", CW_FIELD_CHOICE, N_("Symbol"),
    N_("Shown when there is no photo"),
    "quote", .choices = quote_icons, .choice_labels = quote_icon_labels, .element = "portrait" },
  { NULL }
};

static const CwElement quote_elements[] = {
  { "portrait", N_("Photo or symbol"), CW_ENTER_POP (0.0) },
  { "quote", N_("Quote"), { CW_EFFECT_WORDS, CW_EASING_LINEAR, 0.3, 1.4 } },
  { "attribution", N_("Attribution"), CW_ENTER_RISE (1.2) },
  { NULL }
};

typedef struct
{
  cairo_surface_t *surface;
  gboolean         photo;
} Portrait;

static void
portrait_free (gpointer data)
{
  Portrait *p = data;

  g_clear_pointer (&p->surface, cairo_surface_destroy);
  g_free (p);
}

static void
draw_portrait (const CwNode *node,
               cairo_t      *cr,
               double        progress)
{
  const Portrait *p = node->data;
  const CwRect *r = &node->rect;

  if (p->photo)
    {
      /* photos sit in a circle with a ring in the accent color */
      double cx = r->x + r->width / 2;
      double cy = r->y + r->height / 2;
      double radius = MIN (r->width, r->height) / 2;

      cairo_save (cr);
      cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
      cairo_clip (cr);
      cairo_set_source_surface (cr, p->surface, r->x, r->y);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_set_line_width (cr, radius * 0.06);
      cw_cairo_set_source_color (cr, &node->color, 1);
      cairo_arc (cr, cx, cy, radius * 0.97, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  else if (p->surface != NULL)
    {
      cw_pictogram_paint (cr, p->surface, r->x, r->y, &node->color, 1);
    }
}

/* A photo scaled to cover a square, for the round portrait. */
static cairo_surface_t *
cover_square (CwImage *image,
              int      side)
{
  double aspect = cw_image_get_aspect_ratio (image);
  int w = aspect >= 1 ? (int) ceil (side * aspect) : side;
  int h = aspect >= 1 ? side : (int) ceil (side / aspect);
  g_autoptr(cairo_surface_t) full = cw_image_render (image, w, h);
  cairo_surface_t *square = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  g_autoptr(cairo_t) cr = cairo_create (square);

  cairo_set_source_surface (cr, full, -(w - side) / 2.0, -(h - side) / 2.0);
  cairo_paint (cr);
  return square;
}

static void
build_quote (CwSceneBuilder *b)
{
  CwTextStyle quote_base = cw_builder_type_style (b, CW_TYPE_HEADLINE);
  CwTextStyle name_base = cw_builder_type_style (b, CW_TYPE_KICKER);
  CwTextStyle role_base = cw_builder_type_style (b, CW_TYPE_LEGEND);
  double halign = cw_templates_halign (b);
  g_autofree char *said = cw_builder_get_text (b, "quote");
  /* the marks are the language's own (“…”, «…», „…“), not the author's */
  g_autofree char *quote = said ? cw_locale_quote (b->language, said) : NULL;
  g_autofree char *name = cw_builder_get_text (b, "name");
  g_autofree char *role = cw_builder_get_text (b, "role");
  const char *photo_href = cw_builder_get_string (b, "photo");
  CwImage *photo = photo_href ? cw_deck_get_image (b->deck, photo_href) : NULL;
  CwColor accent = cw_builder_theme_color (b, CW_COLOR_ACCENT);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  double u = b->unit, s = 1, portrait = 0, total = 0, y;
  CwTextFit quote_fit = { 0 }, name_fit = { 0 }, role_fit = { 0 };
  CwRect box = b->content;
  Portrait *p;
  CwNode *node;

  cw_templates_add_texture (b);
  /* a quote runs longer than a headline */
  quote_base.max_lines = 7;
  quote_base.line_height = 1.15;

  for (guint attempt = 0; attempt < 12; attempt++)
    {
      CwTextStyle q = quote_base, n = name_base, r = role_base;

      q.max_size *= s;
      n.max_size *= s;
      r.max_size *= s;
      q.min_size = MIN (q.min_size, q.max_size);
      n.min_size = MIN (n.min_size, n.max_size);
      r.min_size = MIN (r.min_size, r.max_size);
      portrait = (photo ? 240 : 170) * u * s;
      cw_builder_fit_text (b, "quote", quote, &q, box.width, 0, &quote_fit);
      cw_builder_fit_text (b, "attribution", name, &n, box.width, 0, &name_fit);
      cw_builder_fit_text (b, "attribution", role, &r, box.width, 0, &role_fit);
      total = portrait + 48 * u * s + quote_fit.height;
      if (name || role)
        total += 56 * u * s + name_fit.height + (role ? 8 * u * s + role_fit.height : 0);
      if (total <= box.height)
        break;
      s *= 0.9;
    }
  if (total > box.height + 0.5)
    cw_builder_warn (b, "quote", _("Shorten it."), _("The quote on slide “%s” does not fit the frame."),
                     cw_slide_get_id (b->slide));

  y = box.y + MAX (0, box.height - total) * 0.5;

  p = g_new0 (Portrait, 1);
  /* a layout that only measures is never drawn */
  if (b->measuring)
    p->photo = photo != NULL;
  else if (photo != NULL)
    {
      p->photo = TRUE;
      p->surface = cover_square (photo, (int) ceil (portrait));
    }
  else
    {
      const char *icon = photo_href != NULL ? "person" : cw_builder_get_string (b, "icon");

      if (photo_href != NULL)
        cw_builder_warn (b, "photo", _("Put the photo next to the deck again, or choose another."),
                         _("The photo “%s” of slide “%s” is missing; a symbol is shown instead."),
                         photo_href, cw_slide_get_id (b->slide));
      p->surface = cw_pictogram_render (icon, (int) ceil (portrait));
    }
  node = cw_node_new (CW_NODE_CUSTOM, "portrait",
                      &(CwRect) { box.x + (box.width - portrait) * (b->scene->rtl ? 1 - halign : halign),
                                  y, portrait, portrait });
  node->color = accent;
  node->data = p;
  node->destroy = portrait_free;
  node->draw = draw_portrait;
  cw_builder_style_node (b, node);
  cw_scene_add_node (b->scene, node);
  y += portrait + 48 * u * s;

  if (quote != NULL)
    {
      CwTextStyle q = quote_base;
      CwRect rect = { box.x, y, box.width, quote_fit.height };

      q.max_size = q.min_size = quote_fit.size / u;
      node = cw_builder_add_text (b, "quote", quote, &q, &text, &rect);
      node->wrap_width = quote_fit.wrap_width;
      y += quote_fit.height;
    }

  y += 56 * u * s;
  if (name != NULL)
    {
      CwTextStyle n = name_base;
      CwRect rect = { box.x, y, box.width, name_fit.height };

      n.max_size = n.min_size = name_fit.size / u;
      cw_builder_add_text (b, "attribution", name, &n, &accent, &rect);
      y += name_fit.height + 8 * u * s;
    }
  if (role != NULL)
    {
      CwTextStyle r = role_base;
      CwRect rect = { box.x, y, box.width, role_fit.height };

      r.max_size = r.min_size = role_fit.size / u;
      cw_builder_add_text (b, "attribution", role, &r, &muted, &rect);
    }
}

const CwTemplate cw_template_quote = {
  .id = "quote",
  .label = N_("Quote"),
  .description = N_("A short testimony with who said it, and their photo or a symbol"),
  .shows_source = FALSE,
  .fields = quote_fields,
  .elements = quote_elements,
  .summary_field = "quote",
  .min_duration = 4.0,
  .build = build_quote,
};
