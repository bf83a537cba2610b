/* cw-templates-basic.c: title card, big number and safety end card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cw-pictogram.h"
#include "cw-templates-private.h"

/* Title card */

static const CwField title_fields[] = {
  CW_FIELD_KICKER (N_("A few words above the headline: the campaign, the place"), N_("Mine action")),
  { "headline", CW_FIELD_TEXT, N_("Headline"),
    N_("The one sentence the clip is about"),
    N_("Your headline here"), .max_chars = 60, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "headline" },
  { "subline", CW_FIELD_TEXT, N_("Subline"),
    N_("A line of context under the headline"),
    NULL, .max_chars = 80, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "subline", .optional = TRUE },
  { "logo", CW_FIELD_BOOLEAN, N_("Show logo"),
    N_("Show the theme’s logo above the headline"),
    "true", .element = "logo" },
  { NULL }
};

static const CwElement title_elements[] = {
  { "logo", N_("Logo"), CW_ENTER_FADE (0.0) },
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.15)),
  { "headline", N_("Headline"), { CW_EFFECT_SLIDE_UP, CW_EASING_EASE_OUT_CUBIC, 0.3, 0.8 } },
  { "rule", N_("Accent bar"), CW_ENTER_GROW (0.8) },
  { "subline", N_("Subline"), CW_ENTER_FADE (1.0), .supporting = TRUE },
  { NULL }
};

static void
build_title (CwSceneBuilder *b)
{
  CwTextStyle kicker_style = cw_builder_type_style (b, CW_TYPE_KICKER);
  CwTextStyle headline_style = cw_builder_type_style (b, CW_TYPE_HEADLINE);
  CwTextStyle subline_style = cw_builder_type_style (b, CW_TYPE_BODY);
  double halign = cw_templates_halign (b);
  g_autoptr(CwStack) stack = cw_stack_new (b);
  g_autofree char *kicker = cw_builder_get_text (b, "kicker");
  g_autofree char *headline = cw_builder_get_text (b, "headline");
  g_autofree char *subline = cw_builder_get_text (b, "subline");
  CwColor accent = cw_builder_theme_color (b, CW_COLOR_ACCENT);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwRect box = b->content;
  guint first_node = b->scene->nodes->len;

  cw_templates_add_texture (b);

  if (cw_builder_get_boolean (b, "logo"))
    {
      double h = MIN (120 * b->unit, box.height * 0.12);
      double w = MIN (box.width * 0.5, 420 * b->unit);
      CwRect logo_box = { box.x + (box.width - w) * (b->scene->rtl ? 1 - halign : halign), box.y, w, h };
      CwNode *logo = cw_builder_add_logo (b, &logo_box);

      if (logo != NULL)
        {
          /* keep the logo in line with the text under it */
          double start = b->scene->rtl ? 1 - halign : halign;
          logo->rect.x = box.x + (box.width - logo->rect.width) * start;
          box.y += h + 48 * b->unit;
          box.height -= h + 48 * b->unit;
        }
    }

  cw_stack_add_text (stack, "kicker", kicker, &kicker_style, &accent, 0);
  cw_stack_add_text (stack, "headline", headline, &headline_style, &text, 28);
  cw_templates_add_rule (b, stack, "rule", 48, halign, &accent);
  cw_stack_add_text (stack, "subline", subline, &subline_style, &muted, 44);
  cw_stack_place (stack, &box, 0);
  /* the logo sits over the headline, and the two in the middle of the frame */
  cw_templates_balance (b, first_node, &b->content);
}

const CwTemplate cw_template_title = {
  .id = "title",
  .label = N_("Title card"),
  .description = N_("Opens the clip: a headline, with a kicker and a subline"),
  .shows_source = FALSE,
  .fields = title_fields,
  .elements = title_elements,
  .summary_field = "headline",
  .min_duration = 3.0,
  .build = build_title,
};

/* Big number */

static const CwField big_number_fields[] = {
  { "statistic", CW_FIELD_STATISTIC, N_("Statistic"),
    N_("The figure that counts up"),
    NULL, .element = "number" },
  { "prefix", CW_FIELD_TEXT, N_("Before the number"),
    N_("Shown before the number, such as “over ” or “−”"),
    NULL, .max_chars = 10, .element = "number", .optional = TRUE },
  { "suffix", CW_FIELD_TEXT, N_("After the number"),
    N_("Shown after the number, such as “+” or “ ha”"),
    NULL, .max_chars = 10, .element = "number", .optional = TRUE },
  { "compact", CW_FIELD_BOOLEAN, N_("Short form"),
    N_("Show 161K instead of 161,000"),
    "false", .element = "number" },
  CW_FIELD_KICKER (N_("A few words above the number"), NULL),
  { "label", CW_FIELD_TEXT, N_("Label"),
    N_("What the number counts; it follows the number, so it has plural forms"),
    N_("people reached"), .max_chars = 48, .plural = TRUE, .count_field = "statistic",
    .element = "label" },
  { "detail", CW_FIELD_TEXT, N_("Detail"),
    N_("A smaller line under the label"),
    NULL, .max_chars = 70, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "detail", .optional = TRUE },
  { NULL }
};

static const CwElement big_number_elements[] = {
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.1)),
  { "number", N_("Number"), CW_ENTER_COUNT (0.2) },
  { "rule", N_("Accent bar"), CW_ENTER_GROW (1.1) },
  { "label", N_("Label"), CW_ENTER_RISE (0.45) },
  { "detail", N_("Detail"), CW_ENTER_FADE (1.0) },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (0.8)),
  { NULL }
};

static void
build_big_number (CwSceneBuilder *b)
{
  CwTextStyle kicker_style = cw_builder_type_style (b, CW_TYPE_KICKER);
  CwTextStyle number_style = cw_builder_type_style (b, CW_TYPE_FIGURE);
  CwTextStyle label_style = cw_builder_type_style (b, CW_TYPE_LABEL);
  CwTextStyle detail_style = cw_builder_type_style (b, CW_TYPE_BODY);
  g_autoptr(CwStack) stack = cw_stack_new (b);
  CwStatistic *statistic = cw_builder_get_statistic (b, "statistic");
  g_autofree char *kicker = cw_builder_get_text (b, "kicker");
  g_autofree char *prefix = cw_builder_get_text (b, "prefix");
  g_autofree char *suffix = cw_builder_get_text (b, "suffix");
  g_autofree char *label = cw_builder_get_text (b, "label");
  g_autofree char *detail = cw_builder_get_text (b, "detail");
  /* a casualty figure is never drawn in the festive accent */
  CwColor figure = cw_builder_tone_color (b, statistic);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);

  cw_templates_add_texture (b);
  cw_builder_add_source_line (b, statistic);

  cw_stack_add_text (stack, "kicker", kicker, &kicker_style, &muted, 0);
  if (statistic != NULL)
    {
      /* the prefix and suffix hug the number; a plain space would let it break */
      cw_stack_add_counter (stack, "number", statistic, prefix, suffix,
                            cw_builder_get_boolean (b, "compact"),
                            &number_style, &figure, 24);
    }
  else
    {
      CwTextStyle missing_style = cw_builder_type_style (b, CW_TYPE_LABEL);

      cw_builder_warn (b, "statistic", _("Choose one."), _("Slide “%s” has no statistic to show."),
                       cw_slide_get_id (b->slide));
      cw_stack_add_text (stack, "number", _("Choose a statistic"), &missing_style, &muted, 24);
    }
  cw_templates_add_rule (b, stack, "rule", 36, cw_templates_halign (b), &figure);
  cw_stack_add_text (stack, "label", label, &label_style, &text, 40);
  cw_stack_add_text (stack, "detail", detail, &detail_style, &muted, 28);
  cw_stack_place (stack, &b->content, 0.5);
}

const CwTemplate cw_template_big_number = {
  .id = "big-number",
  .label = N_("Big number"),
  .description = N_("One figure that counts up, with what it counts"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_FIGURE,
  .fields = big_number_fields,
  .elements = big_number_elements,
  .summary_field = "label",
  .min_duration = 3.0,
  .build = build_big_number,
};

/* Safety end card */

static const char * const safety_audiences[] = { "auto", "adults", "children", NULL };
static const char * const safety_audience_labels[] = { N_("As the deck says"), N_("Adults"), N_("Children"), NULL };

/* The adult wording follows the risk-education key messages: stop and do
 * not touch; step back the way you came; mark the place if it is safe to;
 * report it by calling the hotline, which the card shows largest. */
static const CwField safety_fields[] = {
  { "audience", CW_FIELD_CHOICE, N_("For"),
    N_("Children get symbols for each step and simpler words; “As the deck says” follows the deck’s audience"),
    "auto", .choices = safety_audiences, .choice_labels = safety_audience_labels, .element = "icon" },
  CW_FIELD_TITLE (N_("What the steps answer"), N_("If you see a mine or a strange object:"), 50),
  { "step1", CW_FIELD_TEXT, N_("First step"),
    N_("The first thing to do"),
    N_("Stop. Do not touch it."), .max_chars = 40, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "step1" },
  { "step2", CW_FIELD_TEXT, N_("Second step"),
    N_("The second thing to do"),
    N_("Step back the way you came."), .max_chars = 60, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "step2" },
  { "step3", CW_FIELD_TEXT, N_("Third step"),
    N_("The third thing to do"),
    N_("Mark the place if it is safe."), .max_chars = 40, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "step3", .optional = TRUE },
  { "hotline_label", CW_FIELD_TEXT, N_("Hotline label"),
    N_("What the number is for"),
    N_("Report it"), .max_chars = 30, .element = "hotline", .optional = TRUE },
  { "call", CW_FIELD_TEXT, N_("Call"),
    N_("Asks people to call, the largest text on the card; {hotline} is the number"),
    N_("Call {hotline}"), .max_chars = 24, .text_role = CW_TEXT_ROLE_HEADLINE, .element = "hotline", .optional = TRUE },
  { "hotline", CW_FIELD_STRING, N_("Hotline"),
    N_("The number to call, as people dial it"),
    NULL, .max_chars = 20, .element = "hotline", .optional = TRUE },
  { "logo", CW_FIELD_BOOLEAN, N_("Show logo"),
    N_("Show the theme’s logo at the bottom"),
    "true", .element = "logo" },
  { NULL }
};

static const CwPlaceholder safety_placeholders[] = {
  { "hotline", N_("{hotline} is the number to call, as people dial it, such as 112.") },
  { NULL }
};

static const CwElement safety_elements[] = {
  { "icon", N_("Warning sign"), CW_ENTER_POP (0.0) },
  CW_ELEMENT_TITLE (CW_ENTER_RISE (0.2)),
  { "step1", N_("First step"), { CW_EFFECT_SLIDE_LEFT, CW_EASING_EASE_OUT_CUBIC, 0.55, 0.6 } },
  { "step2", N_("Second step"), { CW_EFFECT_SLIDE_LEFT, CW_EASING_EASE_OUT_CUBIC, 0.8, 0.6 } },
  { "step3", N_("Third step"), { CW_EFFECT_SLIDE_LEFT, CW_EASING_EASE_OUT_CUBIC, 1.05, 0.6 } },
  { "hotline", N_("Hotline"), CW_ENTER_POP (1.4) },
  { "logo", N_("Logo"), CW_ENTER_FADE (1.6) },
  { NULL }
};

typedef struct
{
  CwColor fill;
  CwColor ink;
} SignData;

static void
draw_warning_sign (const CwNode *node,
                   cairo_t      *cr,
                   double        progress)
{
  const SignData *d = node->data;
  const CwRect *r = &node->rect;
  double s = MIN (r->width, r->height);
  double cx = r->x + r->width / 2;
  double top = r->y + (r->height - s * 0.88) / 2;
  double bottom = top + s * 0.88;
  double half = s / 2;

  /* a rounded triangle, the shape every mine-warning sign shares */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, s * 0.12);
  cairo_move_to (cr, cx, top + s * 0.06);
  cairo_line_to (cr, cx + half * 0.94, bottom - s * 0.06);
  cairo_line_to (cr, cx - half * 0.94, bottom - s * 0.06);
  cairo_close_path (cr);
  cw_cairo_set_source_color (cr, &d->fill, 1);
  cairo_fill_preserve (cr);
  cairo_stroke (cr);

  cw_cairo_set_source_color (cr, &d->ink, 1);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, s * 0.1);
  cairo_move_to (cr, cx, top + s * 0.34);
  cairo_line_to (cr, cx, top + s * 0.58);
  cairo_stroke (cr);
  cairo_arc (cr, cx, top + s * 0.73, s * 0.062, 0, 2 * G_PI);
  cairo_fill (cr);
}

typedef struct
{
  CwColor          fill;
  CwColor          ink;
  char            *family;
  int              weight;
  char            *digit;
  /* for children, a symbol instead of the digit */
  cairo_surface_t *symbol;
} BadgeData;

static void
badge_data_free (gpointer data)
{
  BadgeData *d = data;

  g_free (d->family);
  g_free (d->digit);
  g_clear_pointer (&d->symbol, cairo_surface_destroy);
  g_free (d);
}

static void
draw_badge (const CwNode *node,
            cairo_t      *cr,
            double        progress)
{
  const BadgeData *d = node->data;
  double size = node->rect.height;
  double cx = node->rect.x + size / 2;
  double cy = node->rect.y + size / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, size / 2, 0, 2 * G_PI);
  cw_cairo_set_source_color (cr, &d->fill, 1);
  cairo_fill (cr);
  if (d->symbol != NULL)
    {
      double inner = cairo_image_surface_get_width (d->symbol);
      cw_pictogram_paint (cr, d->symbol, cx - inner / 2, cy - inner / 2, &d->ink, 1);
    }
  else
    cw_templates_draw_label (cr, d->digit, d->family, d->weight, size * 0.56, cx, cy, &d->ink);
}

/* What a child reads: shorter words, one idea a step, and a grown-up to
 * tell rather than a place to mark; the same order as the fields. */
static const char *children_defaults[] = {
  N_("Found something strange?"),
  N_("Don’t touch it!"),
  N_("Go back the way you came."),
  N_("Tell a grown-up right away."),
  N_("Emergency number"),
};
static const char *children_symbols[] = { "hand", "walk-back", "phone" };

typedef struct
{
  char       *text;
  const char *symbol;
  CwTextFit   fit;
  double      height;
} Step;

/* The width a fitted text takes: its longest line. */
static double
fitted_width (CwSceneBuilder    *b,
              const char        *text,
              const CwTextStyle *style,
              const CwTextFit   *fit)
{
  double width = fit->wrap_width;

  if (fit->lines == 1)
    cw_templates_measure (b, text, style->font, fit->size, FALSE, &width, NULL);
  return width;
}

static void
build_safety (CwSceneBuilder *b)
{
  static const char *step_names[] = { "step1", "step2", "step3" };
  /* the card's texts take their sizes from the deck's type scale. Its
   * title only leads in to the steps, which people act on: set as a label
   * rather than a headline, it leaves the steps room on a crowded card */
  CwTextStyle title_base = cw_builder_type_style (b, CW_TYPE_LABEL);
  CwTextStyle step_base = cw_builder_type_style (b, CW_TYPE_BODY);
  /* the few words over the number, as a kicker sits over a headline */
  CwTextStyle label_base = cw_builder_type_style (b, CW_TYPE_KICKER);
  /* the hotline is what viewers must remember: set as a figure, the largest
   * text on the card */
  CwTextStyle call_base = cw_builder_type_style (b, CW_TYPE_FIGURE);
  const char *audience = cw_builder_get_string (b, "audience");
  gboolean children = g_strcmp0 (audience, "children") == 0 ||
                      (g_strcmp0 (audience, "adults") != 0 && cw_builder_is_children (b));
  const char *hotline = cw_builder_get_string (b, "hotline");
  gboolean has_hotline = hotline != NULL && *hotline != '\0';
  g_autofree char *title = cw_builder_get_text_or (b, "title", children ? children_defaults[0] : NULL);
  g_autofree char *hotline_label = NULL;
  g_autofree char *call = NULL;
  CwColor accent = cw_builder_theme_color (b, CW_COLOR_ACCENT);
  CwColor alert = cw_builder_theme_color (b, CW_COLOR_ALERT);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwColor surface = cw_builder_theme_color (b, CW_COLOR_SURFACE);
  CwColor background = cw_builder_theme_color (b, CW_COLOR_BACKGROUND);
  Step steps[3] = { { 0 } };
  guint n_steps = 0;
  CwRect box = b->content;
  CwTextStyle title_style = title_base;
  CwTextStyle step_style = step_base;
  CwTextStyle label_style = label_base;
  CwTextStyle call_style = call_base;
  CwTextFit title_fit = { 0 }, label_fit = { 0 }, call_fit = { 0 };
  double s = 1, u = b->unit;
  double icon = 0, badge = 0, pad = 0, pill_h = 0, pill_w = 0, total = 0;
  double y;

  /* the sign, the title and the hotline stand on the card's middle line;
   * a step starts beside its badge */
  title_base.align = PANGO_ALIGN_CENTER;
  label_base.align = PANGO_ALIGN_CENTER;
  call_base.align = PANGO_ALIGN_CENTER;
  step_base.align = PANGO_ALIGN_LEFT;
  /* a figure's full size is for a number alone on its slide; here the
   * number shares the card with the steps, so it stops at half again a
   * headline's size, and a wide frame does not give it the steps' room */
  call_base.max_size = MIN (call_base.max_size, cw_builder_type_style (b, CW_TYPE_HEADLINE).max_size * 1.5);
  title_style = title_base;
  step_style = step_base;
  label_style = label_base;
  call_style = call_base;

  cw_templates_add_texture (b);

  if (has_hotline)
    {
      /* "Call {hotline}": the verb is the translators', the number the deck's */
      cw_builder_set_placeholder (b, "hotline", hotline);
      call = cw_builder_get_text (b, "call");
      if (call == NULL)
        call = g_strdup (hotline);
      g_free (b->scene->hotline);
      b->scene->hotline = g_strdup (call);
      hotline_label = cw_builder_get_text_or (b, "hotline_label", children ? children_defaults[4] : NULL);
    }

  if (cw_builder_get_boolean (b, "logo"))
    {
      double h = MIN (96 * u, box.height * 0.09);
      CwRect logo_box = { box.x, box.y + box.height - h, box.width, h };

      if (cw_builder_add_logo (b, &logo_box) != NULL)
        box.height -= h + 40 * u;
    }

  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    {
      char *step = cw_builder_get_text_or (b, step_names[i], children ? children_defaults[i + 1] : NULL);
      if (step != NULL)
        {
          steps[n_steps].symbol = children_symbols[i];
          steps[n_steps++].text = step;
        }
    }

  /* shrink everything together until the card fits its box */
  for (guint attempt = 0; attempt < 14; attempt++)
    {
      double call_px = 0;

      icon = 176 * u * s;
      /* children read the symbols, so they are larger */
      badge = (children ? 132 : 96) * u * s;

      if (has_hotline)
        {
          pad = 40 * u * s;
          call_style.max_size = call_base.max_size * s;
          call_style.min_size = MIN (call_base.min_size, call_style.max_size);
          /* the words over the number are read on a phone too: never
           * under 40 px, the smallest body text that is (data/lint-checks.md) */
          label_style.max_size = MAX (label_base.max_size * s, 40);
          label_style.min_size = 40;
          cw_builder_fit_text (b, "hotline", call, &call_style, box.width - 2 * pad, 0, &call_fit);
          call_px = call_fit.size / u;
          pill_w = fitted_width (b, call, &call_style, &call_fit);
          pill_h = call_fit.height + 2 * pad;
          if (hotline_label != NULL)
            {
              cw_builder_fit_text (b, "hotline", hotline_label, &label_style, box.width - 2 * pad, 0,
                                   &label_fit);
              pill_w = MAX (pill_w, fitted_width (b, hotline_label, &label_style, &label_fit));
              pill_h += label_fit.height + 12 * u * s;
            }
          pill_w = MIN (box.width, MAX (pill_w + 2 * pad, 560 * u * s));
        }

      title_style.max_size = title_base.max_size * s;
      /* children read bigger type */
      step_style.max_size = step_base.max_size * (children ? 1.15 : 1) * s;
      if (call_px > 0)
        {
          /* however the hotline had to be set, the other texts stay below it */
          title_style.max_size = MIN (title_style.max_size, call_px * 0.8);
          step_style.max_size = MIN (step_style.max_size, call_px * 0.7);
        }
      title_style.min_size = MIN (title_base.min_size, title_style.max_size);
      step_style.min_size = MIN (step_base.min_size, step_style.max_size);

      total = icon + 40 * u * s;
      cw_builder_fit_text (b, "title", title, &title_style, box.width, 0, &title_fit);
      total += title_fit.height + 56 * u * s;

      for (guint i = 0; i < n_steps; i++)
        {
          cw_builder_fit_text (b, step_names[i], steps[i].text, &step_style,
                               box.width - badge - 32 * u * s, 0, &steps[i].fit);
          steps[i].height = MAX (badge, steps[i].fit.height);
          total += steps[i].height + (i > 0 ? 34 * u * s : 0);
        }

      if (has_hotline)
        total += 64 * u * s + pill_h;

      if (total <= box.height)
        break;
      s *= 0.92;
    }

  if (total > box.height + 0.5)
    cw_builder_warn (b, NULL, _("Shorten its texts."), _("The content of slide “%s” does not fit the frame."),
                     cw_slide_get_id (b->slide));

  y = box.y + MAX (0, box.height - total) / 2;

  {
    CwRect rect = { box.x + (box.width - icon) / 2, y, icon, icon };
    CwNode *node = cw_node_new (CW_NODE_CUSTOM, "icon", &rect);
    SignData *d = g_new0 (SignData, 1);

    d->fill = alert;
    d->ink = background;
    node->data = d;
    node->destroy = g_free;
    node->draw = draw_warning_sign;
    cw_builder_style_node (b, node);
    cw_scene_add_node (b->scene, node);
    y += icon + 40 * u * s;
  }

  if (title != NULL)
    {
      CwRect rect = { box.x, y, box.width, title_fit.height };
      CwTextStyle style = title_style;

      /* styles are in reference pixels; the fit is in frame pixels */
      style.max_size = style.min_size = title_fit.size / u;
      cw_builder_add_text (b, "title", title, &style, &text, &rect);
      y += title_fit.height + 56 * u * s;
    }

  for (guint i = 0; i < n_steps; i++)
    {
      const char *element = step_names[i];
      double text_x = box.x + badge + 32 * u * s;
      double text_w = box.width - badge - 32 * u * s;
      CwRect badge_rect = { box.x, y + (steps[i].height - badge) / 2, badge, badge };
      CwRect text_rect = { text_x, y + (steps[i].height - steps[i].fit.height) / 2,
                           text_w, steps[i].fit.height };
      CwTextStyle style = step_style;
      BadgeData *d = g_new0 (BadgeData, 1);
      CwNode *node;

      if (b->scene->rtl)
        {
          badge_rect.x = box.x + box.width - badge;
          text_rect.x = box.x;
        }

      if (i > 0)
        {
          y += 34 * u * s;
          badge_rect.y += 34 * u * s;
          text_rect.y += 34 * u * s;
        }

      d->fill = accent;
      d->ink = background;
      d->family = g_strdup (cw_theme_get_font_family (b->theme, CW_FONT_HEADING));
      d->weight = cw_theme_get_font_weight (b->theme, CW_FONT_HEADING);
      d->digit = g_strdup_printf ("%u", i + 1);
      if (children && !b->measuring)
        d->symbol = cw_pictogram_render (steps[i].symbol, (int) (badge * 0.62));
      node = cw_node_new (CW_NODE_CUSTOM, element, &badge_rect);
      node->data = d;
      node->destroy = badge_data_free;
      node->draw = draw_badge;
      cw_builder_style_node (b, node);
      cw_scene_add_node (b->scene, node);

      style.max_size = style.min_size = steps[i].fit.size / u;
      cw_builder_add_text (b, element, steps[i].text, &style, &text, &text_rect);
      y += steps[i].height;
    }

  if (has_hotline)
    {
      CwRect pill = { box.x + (box.width - pill_w) / 2, y + 64 * u * s, pill_w, pill_h };
      CwRect inner = { pill.x + pad, pill.y + pad, pill.width - 2 * pad, 0 };
      CwTextStyle style;
      CwNode *node;

      cw_builder_add_box (b, "hotline", &pill, &surface, MIN (pill_h / 2, 40 * u * s));

      if (hotline_label != NULL)
        {
          style = label_style;
          style.max_size = style.min_size = label_fit.size / u;
          inner.height = label_fit.height;
          node = cw_builder_add_text (b, "hotline", hotline_label, &style, &muted, &inner);
          node->wrap_width = label_fit.wrap_width;
          inner.y += label_fit.height + 12 * u * s;
        }

      style = call_style;
      style.max_size = style.min_size = call_fit.size / u;
      inner.height = call_fit.height;
      node = cw_builder_add_text (b, "hotline", call, &style, &accent, &inner);
      node->wrap_width = call_fit.wrap_width;
    }

  /* people act on this card: it stays after it has been read */
  cw_templates_hold_after_reading (b, 2.0);

  for (guint i = 0; i < n_steps; i++)
    g_free (steps[i].text);
}

const CwTemplate cw_template_safety = {
  .id = "safety",
  .label = N_("Safety message"),
  .description = N_("Ends the clip: what to do on finding a mine, and whom to call"),
  .shows_source = FALSE,
  .fields = safety_fields,
  .elements = safety_elements,
  .placeholders = safety_placeholders,
  .summary_field = "title",
  .min_duration = 5.0,
  .build = build_safety,
};
