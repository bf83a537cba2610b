/* cw-templates-charts.c: bar, percentage, pictogram and line charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cw-fonts.h"
#include "cw-pictogram.h"
#include "cw-templates-private.h"

#define MAX_BARS 8
#define MAX_ICONS 100

static CwNumberStyle
number_style_for (CwStatistic *statistic,
                  gboolean     compact)
{
  if (compact)
    return CW_NUMBER_COMPACT;
  if (statistic != NULL && cw_statistic_is_percent (statistic))
    return CW_NUMBER_PERCENT;
  return CW_NUMBER_DECIMAL;
}

/* A point's label in the builder's language: "statistic-id/label" in the catalogs. */
static char *
point_label (CwSceneBuilder *b,
             CwStatistic    *statistic,
             const CwPoint  *point)
{
  g_autofree char *context = g_strdup_printf ("%s/%s", cw_statistic_get_id (statistic), point->label);

  return cw_builder_translate (b, context, point->label, NULL, FALSE, 0);
}

static CwStatistic *
require_series (CwSceneBuilder *b,
                const char     *field,
                guint           min_points)
{
  CwStatistic *statistic = cw_builder_get_statistic (b, field);

  if (statistic == NULL)
    {
      cw_builder_warn (b, field, _("Choose one."), _("Slide “%s” has no statistic to show."),
                       cw_slide_get_id (b->slide));
      return NULL;
    }
  if (cw_statistic_get_n_points (statistic) < min_points)
    {
      cw_builder_warn (b, field, _("Add points to the statistic on the Statistics page, or choose one that has them."),
                       _("Slide “%s” charts “%s”, which has %u points; a chart needs at least %u."),
                       cw_slide_get_id (b->slide), cw_statistic_get_id (statistic),
                       cw_statistic_get_n_points (statistic), min_points);
      return NULL;
    }
  return statistic;
}

static void
add_missing_note (CwSceneBuilder *b,
                  const CwRect   *box,
                  const char     *text)
{
  static const CwTextStyle style = { CW_FONT_BODY, 48, 32, 1.2, 3, PANGO_ALIGN_CENTER };
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwRect rect = { box->x, box->y + box->height * 0.4, box->width, box->height * 0.6 };

  cw_builder_add_text (b, "chart", text, &style, &muted, &rect);
}

/* Bar chart */

static const char * const orientations[] = { "horizontal", "vertical", NULL };
static const char * const orientation_labels[] = { N_("Across"), N_("Upright"), NULL };
static const char * const highlights[] = { "largest", "first", "last", "none", NULL };
static const char * const highlight_labels[] = { N_("The largest bar"), N_("The first bar"), N_("The last bar"), N_("None"), NULL };

static const CwField bar_chart_fields[] = {
  { "statistic", CW_FIELD_STATISTIC, N_("Statistic"),
    N_("A series: each of its points becomes a bar"),
    NULL, .element = "bars" },
  { "orientation", CW_FIELD_CHOICE, N_("Orientation"),
    N_("Bars across (room for long labels) or upright (for a few short ones)"),
    "horizontal", .choices = orientations, .choice_labels = orientation_labels, .element = "bars" },
  { "highlight", CW_FIELD_CHOICE, N_("Highlight"),
    N_("Which bar takes the accent color"),
    "largest", .choices = highlights, .choice_labels = highlight_labels, .element = "bars" },
  { "compact", CW_FIELD_BOOLEAN, N_("Short numbers"),
    N_("Show 59K instead of 59,163"),
    "false", .element = "values" },
  CW_FIELD_KICKER (N_("A few words above the title"), NULL),
  CW_FIELD_TITLE (N_("What the bars compare"), N_("What was found"), 60),
  { NULL }
};

static const CwElement bar_chart_elements[] = {
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.0)),
  CW_ELEMENT_TITLE (CW_ENTER_RISE (0.1)),
  { "labels", N_("Labels"), CW_ENTER_FADE (0.3) },
  { "bars", N_("Bars"), { CW_EFFECT_GROW, CW_EASING_EASE_OUT_CUBIC, 0.4, 0.9 } },
  { "values", N_("Values"), { CW_EFFECT_COUNT_UP, CW_EASING_EASE_OUT_CUBIC, 0.4, 0.9 } },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (1.0)),
  { NULL }
};

#define BAR_STAGGER 0.12

typedef struct
{
  char      *label;
  double     value;
  char      *value_text;
  CwTextFit  fit;
  double     value_w;
  double     value_h;
} Bar;

static guint
highlighted_bar (CwSceneBuilder *b,
                 const Bar      *bars,
                 guint           n)
{
  const char *highlight = cw_builder_get_string (b, "highlight");
  guint best = 0;

  if (g_strcmp0 (highlight, "none") == 0)
    return G_MAXUINT;
  if (g_strcmp0 (highlight, "first") == 0)
    return 0;
  if (g_strcmp0 (highlight, "last") == 0)
    return n - 1;
  for (guint i = 1; i < n; i++)
    {
      if (bars[i].value > bars[best].value)
        best = i;
    }
  return best;
}

/* The size values are set at: the type scale's label, and never more than
 * three quarters of the title over the chart, so they stay secondary. */
static double
value_size_for (CwSceneBuilder *b)
{
  double size = cw_builder_type_style (b, CW_TYPE_LABEL).max_size * b->unit;

  for (guint i = 0; i < b->scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (b->scene->nodes, i);

      if (node->kind == CW_NODE_TEXT && g_strcmp0 (node->element, "title") == 0)
        size = MIN (size, node->font_size * 0.75);
    }
  return cw_builder_agreed (b, "values/size", size);
}

/* Upright bars, or FALSE when their labels would not fit under them. */
static gboolean
layout_vertical_bars (CwSceneBuilder *b,
                      const CwRect   *box,
                      Bar            *bars,
                      guint           n,
                      double          max,
                      CwStatistic    *statistic,
                      CwNumberStyle   style)
{
  CwTextStyle label_base = cw_builder_type_style (b, CW_TYPE_LEGEND);
  double u = b->unit;
  double slot = box->width / n;
  double bar_w = slot * 0.72;
  double value_size = value_size_for (b);
  double label_h = 0, value_h = 0, chart_h, base;
  guint highlight = highlighted_bar (b, bars, n);
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor dim = cw_templates_dim (b);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);

  for (guint i = 0; i < n; i++)
    {
      label_base.align = PANGO_ALIGN_CENTER;
      label_base.max_lines = 3;
      cw_builder_fit_text (b, "labels", bars[i].label, &label_base, slot * 0.94, 0, &bars[i].fit);
      /* a label that needs more than three lines, or shrinks below the minimum, does not fit */
      if (bars[i].fit.lines > 3 || bars[i].fit.size < label_base.min_size * u - 0.5)
        return FALSE;
      label_h = MAX (label_h, bars[i].fit.height);
    }

  for (guint i = 0; i < n; i++)
    {
      cw_templates_measure (b, bars[i].value_text, CW_FONT_NUMBER, value_size, TRUE,
                            &bars[i].value_w, &bars[i].value_h);
      if (bars[i].value_w > slot * 0.98)
        value_size *= slot * 0.98 / bars[i].value_w;
    }
  value_size = cw_builder_agree (b, "values/size", value_size);
  for (guint i = 0; i < n; i++)
    {
      cw_templates_measure (b, bars[i].value_text, CW_FONT_NUMBER, value_size, TRUE,
                            &bars[i].value_w, &bars[i].value_h);
      value_h = MAX (value_h, bars[i].value_h);
    }

  chart_h = box->height - label_h - value_h - 40 * u;
  if (chart_h < box->height * 0.35)
    return FALSE;
  base = box->y + value_h + 12 * u + chart_h;

  {
    /* the baseline the bars stand on */
    CwRect line = { box->x, base, box->width, MAX (2, 3 * u) };
    CwNode *node = cw_builder_add_box (b, NULL, &line, &muted, 0);
    node->opacity = 0.5;
    node->enter = (CwAnimation) CW_ENTER_FADE (0.2);
  }

  for (guint i = 0; i < n; i++)
    {
      double h = max > 0 ? MAX (bars[i].value, 0) / max * chart_h : 0;
      /* right to left, the first column stands at the right */
      double cx = b->scene->rtl ? box->x + box->width - slot * (i + 0.5) : box->x + slot * (i + 0.5);
      CwRect bar = { cx - bar_w / 2, base - h, bar_w, h };
      CwRect value = { cx - bars[i].value_w / 2, base - h - 12 * u - bars[i].value_h,
                       bars[i].value_w, bars[i].value_h };
      CwRect label = { cx - slot * 0.47, base + 20 * u, slot * 0.94, bars[i].fit.height };
      CwTextStyle text_style = label_base;
      CwNode *node;

      /* a small value still shows as a bar, not a line */
      if (h > 0 && h < 16 * u)
        {
          bar.height = 16 * u;
          bar.y = base - bar.height;
        }

      /* square ends: a rounded short bar reads as a button */
      node = cw_builder_add_box (b, "bars", &bar, i == highlight ? &accent : &dim, 0);
      node->grow_vertical = TRUE;
      cw_templates_stagger (node, i, BAR_STAGGER);

      node = cw_templates_add_counter (b, "values", bars[i].value, cw_statistic_get_decimals (statistic),
                                       style, NULL, NULL,
                                       CW_FONT_NUMBER, value_size, i == highlight ? &accent : &text,
                                       &value, PANGO_ALIGN_CENTER);
      /* the value rides the top of its bar */
      node->travel_y = bar.height;
      cw_templates_stagger (node, i, BAR_STAGGER);

      text_style.max_size = text_style.min_size = bars[i].fit.size / u;
      node = cw_builder_add_text (b, "labels", bars[i].label, &text_style, &text, &label);
      node->wrap_width = bars[i].fit.wrap_width;
      cw_templates_stagger (node, i, BAR_STAGGER);
    }

  return TRUE;
}

/* Bars across, each under a line with its label at the start and its value
 * at the end: the bars take the whole width, so the longest spans the box
 * and the others compare against it. Values are set a step below the
 * title in the type scale, and labels in regular body type under them, so
 * neither competes with the title. */
static void
layout_horizontal_bars (CwSceneBuilder *b,
                        const CwRect   *box,
                        Bar            *bars,
                        guint           n,
                        double          max,
                        CwStatistic    *statistic,
                        CwNumberStyle   style)
{
  CwTextStyle label_style = cw_builder_type_style (b, CW_TYPE_BODY);
  double u = b->unit;
  double s = 1;
  double total = 0, bar_h = 0, value_size = 0, gap = 0, label_gap = 0, value_w_max = 0;
  double min_len = 16 * u;
  guint highlight = highlighted_bar (b, bars, n);
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor dim = cw_templates_dim (b);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  double y;

  label_style.align = PANGO_ALIGN_LEFT;
  value_size = value_size_for (b);
  for (guint i = 0; i < n; i++)
    {
      cw_templates_measure (b, bars[i].value_text, CW_FONT_NUMBER, value_size, TRUE,
                            &bars[i].value_w, &bars[i].value_h);
      value_w_max = MAX (value_w_max, bars[i].value_w);
    }
  /* a value never takes more than half the line from its label */
  if (value_w_max > box->width * 0.5)
    {
      value_size *= box->width * 0.5 / value_w_max;
      value_w_max = box->width * 0.5;
      for (guint i = 0; i < n; i++)
        cw_templates_measure (b, bars[i].value_text, CW_FONT_NUMBER, value_size, TRUE,
                              &bars[i].value_w, &bars[i].value_h);
    }
  value_size = cw_builder_agree (b, "values/size", value_size);

  for (guint i = 0; i < n; i++)
    cw_builder_fit_text (b, "labels", bars[i].label, &label_style,
                         box->width - value_w_max - 32 * u, 0, &bars[i].fit);

  /* the bars thicken or thin, never the type, until the rows fill about
   * two thirds of the box */
  for (guint attempt = 0; attempt < 14; attempt++)
    {
      bar_h = 72 * u * s;
      gap = 44 * u * s;
      label_gap = 14 * u * MIN (s, 1);
      total = 0;
      for (guint i = 0; i < n; i++)
        total += MAX (bars[i].fit.height, bars[i].value_h) + label_gap + bar_h + (i > 0 ? gap : 0);
      if (total > box->height && s > 0.3)
        s *= 0.9;
      else if (attempt == 0 && total < box->height * 0.6)
        s = MIN (1.8, s * (1 + (box->height * 0.66 - total) / MAX (n * (bar_h + gap), 1)));
      else
        break;
    }

  if (total > box->height + 0.5)
    cw_builder_warn (b, "bars", _("Show fewer points."), _("The bars of slide “%s” do not fit the frame."),
                     cw_slide_get_id (b->slide));

  y = box->y + MAX (0, box->height - total) * 0.5;
  for (guint i = 0; i < n; i++)
    {
      double line_h = MAX (bars[i].fit.height, bars[i].value_h);
      double len = max > 0 ? MAX (bars[i].value, 0) / max * box->width : 0;
      CwRect label = { box->x, y + line_h - bars[i].fit.height, box->width - value_w_max - 32 * u,
                       bars[i].fit.height };
      /* a small value still shows as a bar, not a dot */
      CwRect bar = { box->x, y + line_h + label_gap, len > 0 ? MAX (len, min_len) : 0, bar_h };
      CwRect value = { box->x + box->width - bars[i].value_w, y + line_h - bars[i].value_h,
                       bars[i].value_w, bars[i].value_h };
      CwTextStyle text_style = label_style;
      CwNode *node;

      label = cw_templates_mirror (b, box, label);
      text_style.max_size = text_style.min_size = bars[i].fit.size / u;
      node = cw_builder_add_text (b, "labels", bars[i].label, &text_style, i == highlight ? &text : &muted,
                                  &label);
      node->wrap_width = bars[i].fit.wrap_width;
      cw_templates_stagger (node, i, BAR_STAGGER);

      /* square ends: a rounded short bar reads as a button */
      node = cw_builder_add_box (b, "bars", &bar, i == highlight ? &accent : &dim, 0);
      node->rect = cw_templates_mirror (b, box, node->rect);
      cw_templates_stagger (node, i, BAR_STAGGER);

      value = cw_templates_mirror (b, box, value);
      node = cw_templates_add_counter (b, "values", bars[i].value, cw_statistic_get_decimals (statistic),
                                       style, NULL, NULL, CW_FONT_NUMBER, value_size,
                                       i == highlight ? &accent : &text, &value,
                                       b->scene->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      cw_templates_stagger (node, i, BAR_STAGGER);

      y += line_h + label_gap + bar_h + gap;
    }
}

static void
build_bar_chart (CwSceneBuilder *b)
{
  CwStatistic *statistic = require_series (b, "statistic", 1);
  g_autofree char *kicker = cw_builder_get_text (b, "kicker");
  g_autofree char *title = cw_builder_get_text (b, "title");
  gboolean compact = cw_builder_get_boolean (b, "compact");
  CwNumberStyle style = number_style_for (statistic, compact);
  CwRect box;
  Bar bars[MAX_BARS] = { { 0 } };
  guint n = 0;
  guint first_node;
  double max = 0;

  cw_templates_add_texture (b);
  cw_builder_add_source_line (b, statistic);
  box = b->content;
  first_node = b->scene->nodes->len;
  cw_templates_add_header (b, &box, kicker, title, cw_builder_get_align (b));

  if (statistic == NULL)
    {
      add_missing_note (b, &box, _("Choose a statistic with points to chart."));
      return;
    }

  n = MIN (cw_statistic_get_n_points (statistic), MAX_BARS);
  if (cw_statistic_get_n_points (statistic) > MAX_BARS)
    cw_builder_warn (b, "statistic", _("Leave out older points, or show them on a second slide."),
                     _("Slide “%s” shows the first %d of the %u points of “%s”; more bars than that cannot be read on a phone."),
                     cw_slide_get_id (b->slide), MAX_BARS, cw_statistic_get_n_points (statistic),
                     cw_statistic_get_id (statistic));

  for (guint i = 0; i < n; i++)
    {
      const CwPoint *point = cw_statistic_get_point (statistic, i);

      bars[i].label = point_label (b, statistic, point);
      bars[i].value = point->value;
      bars[i].value_text = cw_number_format (b->language, style, point->value,
                                             cw_statistic_get_decimals (statistic));
      max = MAX (max, point->value);
    }

  if (g_strcmp0 (cw_builder_get_string (b, "orientation"), "vertical") != 0 ||
      !layout_vertical_bars (b, &box, bars, n, max, statistic, style))
    layout_horizontal_bars (b, &box, bars, n, max, statistic, style);
  cw_templates_balance (b, first_node, &b->content);

  for (guint i = 0; i < n; i++)
    {
      g_free (bars[i].label);
      g_free (bars[i].value_text);
    }
}

const CwTemplate cw_template_bar_chart = {
  .id = "bar-chart",
  .label = N_("Bar chart"),
  .description = N_("Compares two to eight figures: bars grow one after another"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_SERIES,
  .fields = bar_chart_fields,
  .elements = bar_chart_elements,
  .summary_field = "title",
  .min_duration = 4.0,
  .build = build_bar_chart,
};

/* Percentage: a ring or a bar that fills while the number counts, or an
 * arrow beside it for a change: a ring 60 % full reads as "60 % done",
 * never as a fall of 60 %. */

static const char * const percent_styles[] = { "ring", "bar", "change", NULL };
static const char * const percent_style_labels[] = { N_("Ring"), N_("Bar"), N_("Change (an arrow)"), NULL };
static const char * const directions[] = { "down", "up", NULL };
static const char * const direction_labels[] = { N_("Down: a fall"), N_("Up: a rise"), NULL };

static const CwField percent_fields[] = {
  { "statistic", CW_FIELD_STATISTIC, N_("Statistic"),
    N_("A percentage (unit “%”): 60 fills three fifths of the ring"),
    NULL, .element = "gauge" },
  { "style", CW_FIELD_CHOICE, N_("Style"),
    N_("A ring around the number or a bar under it for a share; an arrow beside it for a change"),
    "ring", .choices = percent_styles, .choice_labels = percent_style_labels, .element = "gauge" },
  { "direction", CW_FIELD_CHOICE, N_("Direction"),
    N_("Which way the arrow of a change points; a negative figure always points down"),
    "down", .choices = directions, .choice_labels = direction_labels, .element = "gauge" },
  { "prefix", CW_FIELD_TEXT, N_("Before the number"),
    N_("Shown before the number, such as “−”"),
    NULL, .max_chars = 6, .element = "number", .optional = TRUE },
  CW_FIELD_KICKER (N_("A few words above"), NULL),
  { "label", CW_FIELD_TEXT, N_("Label"),
    N_("What the percentage measures"),
    N_("of the land is safe again"), .max_chars = 50, .plural = TRUE, .count_field = "statistic",
    .element = "label" },
  { NULL }
};

static const CwElement percent_elements[] = {
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.0)),
  { "gauge", N_("Ring, bar or arrow"), { CW_EFFECT_GROW, CW_EASING_EASE_IN_OUT_CUBIC, 0.2, 1.5 } },
  { "number", N_("Number"), { CW_EFFECT_COUNT_UP, CW_EASING_EASE_IN_OUT_CUBIC, 0.2, 1.5 } },
  { "label", N_("Label"), CW_ENTER_RISE (0.6) },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (1.0)),
  { NULL }
};

typedef struct
{
  double   fraction;
  double   width;
  CwColor  track;
  gboolean bar;
  /* a bar fills from the right when the slide reads from the right */
  gboolean rtl;
} Gauge;

static void
draw_gauge (const CwNode *node,
            cairo_t      *cr,
            double        progress)
{
  const Gauge *g = node->data;
  const CwRect *r = &node->rect;
  double sweep = g->fraction * CLAMP (progress, 0, 1.05);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (g->bar)
    {
      double y = r->y + r->height / 2;
      double x0 = r->x + g->width / 2;
      double x1 = r->x + r->width - g->width / 2;

      cairo_set_line_width (cr, g->width);
      cw_cairo_set_source_color (cr, &g->track, 1);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      if (sweep > 0)
        {
          double reach = (x1 - x0) * MIN (sweep, 1);

          cw_cairo_set_source_color (cr, &node->color, 1);
          cairo_move_to (cr, g->rtl ? x1 : x0, y);
          cairo_line_to (cr, g->rtl ? x1 - reach : x0 + reach, y);
          cairo_stroke (cr);
        }
    }
  else
    {
      double cx = r->x + r->width / 2;
      double cy = r->y + r->height / 2;
      double radius = (MIN (r->width, r->height) - g->width) / 2;

      cairo_set_line_width (cr, g->width);
      cw_cairo_set_source_color (cr, &g->track, 1);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
      cairo_stroke (cr);
      if (sweep > 0)
        {
          cw_cairo_set_source_color (cr, &node->color, 1);
          cairo_new_sub_path (cr);
          cairo_arc (cr, cx, cy, radius, -G_PI / 2, -G_PI / 2 + 2 * G_PI * MIN (sweep, 1));
          cairo_stroke (cr);
        }
    }
}

/* A change's arrow: a shaft and a head, pointing down for a fall. It
 * grows from its tail to its tip as the number counts. */
static void
draw_change_arrow (const CwNode *node,
                   cairo_t      *cr,
                   double        progress)
{
  const gboolean *down = node->data;
  const CwRect *r = &node->rect;
  double reach = CLAMP (progress, 0, 1);
  double shaft = r->width * 0.36;
  double head = r->height * 0.5;
  double cx = r->x + r->width / 2;

  if (reach <= 0)
    return;

  cairo_save (cr);
  /* drawn pointing up, then turned over for a fall */
  if (*down)
    {
      cairo_translate (cr, 0, 2 * r->y + r->height);
      cairo_scale (cr, 1, -1);
    }
  cairo_rectangle (cr, r->x, r->y + r->height * (1 - reach), r->width, r->height * reach);
  cairo_clip (cr);
  cairo_move_to (cr, cx, r->y);
  cairo_line_to (cr, r->x + r->width, r->y + head);
  cairo_line_to (cr, cx + shaft / 2, r->y + head);
  cairo_line_to (cr, cx + shaft / 2, r->y + r->height);
  cairo_line_to (cr, cx - shaft / 2, r->y + r->height);
  cairo_line_to (cr, cx - shaft / 2, r->y + head);
  cairo_line_to (cr, r->x, r->y + head);
  cairo_close_path (cr);
  cw_cairo_set_source_color (cr, &node->color, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Whether @prefix is only a sign: a change's arrow says which way, so the
 * number does not say it again ("−60% fewer" says "less" twice). */
static gboolean
is_sign (const char *prefix)
{
  static const char * const signs[] = { "-", "\u2212", "+", "\u2013", "\u2012", NULL };
  g_autofree char *trimmed = NULL;

  if (prefix == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (prefix));
  return g_strv_contains (signs, trimmed);
}

/* The change style: an arrow, then the size of the change, then what changed. */
static void
build_change (CwSceneBuilder *b,
              CwStatistic    *statistic,
              const char     *kicker,
              const char     *prefix,
              const char     *label)
{
  static const CwTextStyle kicker_style = { CW_FONT_HEADING, 44, 32, 1.1, 2, PANGO_ALIGN_CENTER };
  static const CwTextStyle label_style = { CW_FONT_HEADING, 72, 44, 1.08, 3, PANGO_ALIGN_CENTER };
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  double u = b->unit;
  double value = cw_statistic_get_value (statistic);
  guint decimals = cw_statistic_get_decimals (statistic);
  gboolean *down = g_new (gboolean, 1);
  CwTextFit kicker_fit = { 0 }, label_fit = { 0 };
  double s = 1, number_size = 0, number_w = 0, number_h = 0, arrow_w = 0, gap = 0, total = 0, y, x;
  g_autofree char *number_text = NULL;
  CwRect box = b->content;
  CwNode *node;

  *down = value < 0 || g_strcmp0 (cw_builder_get_string (b, "direction"), "up") != 0;
  value = fabs (value);
  if (is_sign (prefix))
    prefix = NULL;
  {
    g_autofree char *affix = cw_builder_counter_affix (prefix, TRUE);
    g_autofree char *formatted = cw_number_format (b->language, CW_NUMBER_PERCENT, value, decimals);

    number_text = g_strconcat (affix ? affix : "", formatted, NULL);
  }

  /* the arrow, the number and the texts shrink together until they fit */
  for (guint attempt = 0; attempt < 12; attempt++)
    {
      CwTextStyle k = kicker_style, l = label_style;

      k.max_size *= s;
      l.max_size *= s;
      k.min_size = MIN (k.min_size, k.max_size);
      l.min_size = MIN (l.min_size, l.max_size);
      cw_text_fit (kicker, cw_theme_get_font_family (b->theme, k.font),
                   cw_theme_get_font_weight (b->theme, k.font), &k, u, box.width, 0, &kicker_fit);
      cw_text_fit (label, cw_theme_get_font_family (b->theme, l.font),
                   cw_theme_get_font_weight (b->theme, l.font), &l, u, box.width, 0, &label_fit);

      number_size = 230 * u * s;
      cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
      arrow_w = number_h * 0.62;
      gap = number_h * 0.16;
      if (number_w + gap + arrow_w > box.width)
        {
          number_size *= box.width / (number_w + gap + arrow_w);
          cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
          arrow_w = number_h * 0.62;
          gap = number_h * 0.16;
        }
      total = number_h + (kicker ? kicker_fit.height + 36 * u * s : 0) +
              (label ? label_fit.height + 48 * u * s : 0);
      if (total <= box.height)
        break;
      s *= 0.9;
    }

  y = box.y + MAX (0, box.height - total) * 0.5;

  if (kicker != NULL)
    {
      CwRect rect = { box.x, y, box.width, kicker_fit.height };
      CwTextStyle k = kicker_style;

      k.max_size = k.min_size = kicker_fit.size / u;
      cw_builder_add_text (b, "kicker", kicker, &k, &muted, &rect);
      y += kicker_fit.height + 36 * u * s;
    }

  /* the arrow leads, at the start of the line as the language reads */
  x = box.x + (box.width - (arrow_w + gap + number_w)) / 2;
  {
    CwRect arrow = { x, y + number_h * 0.12, arrow_w, number_h * 0.76 };
    CwRect number = { x + arrow_w + gap, y, number_w, number_h };

    arrow = cw_templates_mirror (b, &box, arrow);
    number = cw_templates_mirror (b, &box, number);
    node = cw_node_new (CW_NODE_CUSTOM, "gauge", &arrow);
    node->color = accent;
    node->data = down;
    node->destroy = g_free;
    node->draw = draw_change_arrow;
    cw_builder_style_node (b, node);
    cw_scene_add_node (b->scene, node);
    cw_templates_add_counter (b, "number", value, decimals, CW_NUMBER_PERCENT, prefix, NULL,
                              CW_FONT_NUMBER, number_size, &accent, &number, PANGO_ALIGN_CENTER);
  }
  y += number_h;

  if (label != NULL)
    {
      CwRect rect = { box.x, y + 48 * u * s, box.width, label_fit.height };
      CwTextStyle l = label_style;
      CwNode *text_node;

      l.max_size = l.min_size = label_fit.size / u;
      text_node = cw_builder_add_text (b, "label", label, &l, &text, &rect);
      text_node->wrap_width = label_fit.wrap_width;
    }
}

static void
build_percent (CwSceneBuilder *b)
{
  static const CwTextStyle kicker_style = { CW_FONT_HEADING, 44, 32, 1.1, 2, PANGO_ALIGN_CENTER };
  static const CwTextStyle label_style = { CW_FONT_HEADING, 72, 44, 1.08, 3, PANGO_ALIGN_CENTER };
  CwStatistic *statistic = cw_builder_get_statistic (b, "statistic");
  g_autofree char *kicker = cw_builder_get_text (b, "kicker");
  g_autofree char *prefix = cw_builder_get_text (b, "prefix");
  g_autofree char *label = cw_builder_get_text (b, "label");
  gboolean bar = g_strcmp0 (cw_builder_get_string (b, "style"), "bar") == 0;
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  double u = b->unit;
  double value = statistic ? cw_statistic_get_value (statistic) : 0;
  guint decimals = statistic ? cw_statistic_get_decimals (statistic) : 0;
  CwTextFit kicker_fit = { 0 }, label_fit = { 0 };
  double s = 1, gauge_h = 0, number_size = 0, number_w = 0, number_h = 0, total = 0, y;
  g_autofree char *number_text = NULL;
  CwRect box;
  Gauge *gauge;
  CwNode *node;

  cw_templates_add_texture (b);
  cw_builder_add_source_line (b, statistic);
  box = b->content;

  if (statistic == NULL)
    {
      add_missing_note (b, &box, _("Choose a percentage to show."));
      return;
    }
  if (!cw_statistic_is_percent (statistic))
    cw_builder_warn (b, "statistic", _("Choose a percentage, or set the statistic’s unit to “%”."),
                     _("Slide “%s” shows “%s” as a percentage, but its unit is not “%%”."),
                     cw_slide_get_id (b->slide), cw_statistic_get_id (statistic));

  if (g_strcmp0 (cw_builder_get_string (b, "style"), "change") == 0)
    {
      build_change (b, statistic, kicker, prefix, label);
      return;
    }

  {
    g_autofree char *formatted = cw_number_format (b->language, CW_NUMBER_PERCENT, value, decimals);
    number_text = g_strconcat (prefix ? prefix : "", formatted, NULL);
  }

  /* the ring, the number and the texts shrink together until they fit */
  for (guint attempt = 0; attempt < 12; attempt++)
    {
      CwTextStyle k = kicker_style, l = label_style;

      k.max_size *= s;
      l.max_size *= s;
      k.min_size = MIN (k.min_size, k.max_size);
      l.min_size = MIN (l.min_size, l.max_size);
      cw_text_fit (kicker, cw_theme_get_font_family (b->theme, k.font),
                   cw_theme_get_font_weight (b->theme, k.font), &k, u, box.width, 0, &kicker_fit);
      cw_text_fit (label, cw_theme_get_font_family (b->theme, l.font),
                   cw_theme_get_font_weight (b->theme, l.font), &l, u, box.width, 0, &label_fit);

      if (bar)
        {
          number_size = 230 * u * s;
          cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
          if (number_w > box.width)
            {
              number_size *= box.width / number_w;
              cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
            }
          gauge_h = 96 * u * s;
          total = number_h + 36 * u * s + gauge_h;
        }
      else
        {
          gauge_h = MIN (box.width * 0.78, 600 * u * s);
          /* the number sits inside the ring, with air around it */
          number_size = gauge_h * 0.3;
          cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
          if (number_w > gauge_h * 0.62)
            {
              number_size *= gauge_h * 0.62 / number_w;
              cw_templates_measure (b, number_text, CW_FONT_NUMBER, number_size, TRUE, &number_w, &number_h);
            }
          total = gauge_h;
        }
      total += (kicker ? kicker_fit.height + 36 * u * s : 0) + (label ? label_fit.height + 48 * u * s : 0);
      if (total <= box.height)
        break;
      s *= 0.9;
    }

  y = box.y + MAX (0, box.height - total) * 0.5;

  if (kicker != NULL)
    {
      CwRect rect = { box.x, y, box.width, kicker_fit.height };
      CwTextStyle k = kicker_style;

      k.max_size = k.min_size = kicker_fit.size / u;
      cw_builder_add_text (b, "kicker", kicker, &k, &muted, &rect);
      y += kicker_fit.height + 36 * u * s;
    }

  gauge = g_new0 (Gauge, 1);
  gauge->fraction = CLAMP (value / 100, 0, 1);
  gauge->bar = bar;
  gauge->rtl = b->scene->rtl;
  /* seen against the background (3:1), where a faint track read as no scale at all */
  gauge->track = cw_theme_get_track_color (b->theme);

  if (bar)
    {
      CwRect number = { box.x, y, box.width, number_h };
      CwRect rect = { box.x, y + number_h + 36 * u * s, box.width, gauge_h };

      cw_templates_add_counter (b, "number", value, decimals, CW_NUMBER_PERCENT, prefix, NULL,
                                CW_FONT_NUMBER, number_size, &accent, &number, PANGO_ALIGN_CENTER);
      gauge->width = gauge_h;
      node = cw_node_new (CW_NODE_CUSTOM, "gauge", &rect);
      y += number_h + 36 * u * s + gauge_h;
    }
  else
    {
      CwRect rect = { box.x + (box.width - gauge_h) / 2, y, gauge_h, gauge_h };
      CwRect number = { rect.x, y + (gauge_h - number_h) / 2, gauge_h, number_h };

      gauge->width = gauge_h * 0.1;
      node = cw_node_new (CW_NODE_CUSTOM, "gauge", &rect);
      cw_templates_add_counter (b, "number", value, decimals, CW_NUMBER_PERCENT, prefix, NULL,
                                CW_FONT_NUMBER, number_size, &accent, &number, PANGO_ALIGN_CENTER);
      y += gauge_h;
    }
  node->color = accent;
  node->data = gauge;
  node->destroy = g_free;
  node->draw = draw_gauge;
  cw_builder_style_node (b, node);
  /* drawn under the number */
  g_ptr_array_insert (b->scene->nodes, b->scene->nodes->len - 1, node);

  if (label != NULL)
    {
      CwRect rect = { box.x, y + 48 * u * s, box.width, label_fit.height };
      CwTextStyle l = label_style;
      CwNode *text_node;

      l.max_size = l.min_size = label_fit.size / u;
      text_node = cw_builder_add_text (b, "label", label, &l, &text, &rect);
      text_node->wrap_width = label_fit.wrap_width;
    }
}

const CwTemplate cw_template_percent = {
  .id = "percent",
  .label = N_("Percentage"),
  .description = N_("A share, as a ring or bar that fills while the number counts, or a change, as an arrow"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_PERCENT,
  .fields = percent_fields,
  .elements = percent_elements,
  .summary_field = "label",
  .min_duration = 3.0,
  .build = build_percent,
};

/* Pictogram: N symbols, of which K fill in, one symbol standing for X */

static const char * const icon_names[] = {
  "person", "child", "ap-mine", "at-mine", "uxo", "field", NULL
};
static const char * const icon_labels[] = {
  N_("Person"), N_("Child"), N_("Anti-personnel mine"), N_("Anti-tank mine"),
  N_("Unexploded ordnance"), N_("Field (hectare)"), NULL
};

static char *
describe_per_icon (CwSlide    *slide,
                   const char *language)
{
  const char *value = slide ? cw_slide_get_param (slide, "per_icon") : NULL;
  g_autofree char *number = cw_number_format (language, CW_NUMBER_DECIMAL,
                                              value ? g_ascii_strtod (value, NULL) : 1, 0);

  /* Translators: a note for those who translate a deck; %s is a number */
  return g_strdup_printf (_("{per_icon} is how much one symbol stands for: %s."), number);
}

static const CwPlaceholder pictogram_placeholders[] = {
  { "per_icon", .describe = describe_per_icon },
  { NULL }
};

static const CwField pictogram_fields[] = {
  { "statistic", CW_FIELD_STATISTIC, N_("Statistic"),
    N_("What the filled symbols count"),
    NULL, .element = "icons" },
  { "total", CW_FIELD_STATISTIC, N_("Out of"),
    N_("The whole the filled symbols are part of; without it, every symbol fills"),
    NULL, .element = "icons", .optional = TRUE },
  { "per_icon", CW_FIELD_NUMBER, N_("Each symbol stands for"),
    N_("How much one symbol counts, so the grid stays readable"),
    "1", .min = 0.000001, .max = 1e12, .element = "icons" },
  { "icon", CW_FIELD_CHOICE, N_("Symbol"),
    N_("The pictogram to repeat"),
    "person", .choices = icon_names, .choice_labels = icon_labels, .element = "icons" },
  { "prefix", CW_FIELD_TEXT, N_("Before the number"),
    N_("A word or sign before the number, such as “over”"),
    NULL, .max_chars = 12, .element = "number", .optional = TRUE },
  CW_FIELD_KICKER (N_("A few words above the number"), NULL),
  { "label", CW_FIELD_TEXT, N_("Label"),
    N_("What the number counts; it follows the number, so it has plural forms"),
    N_("people"), .max_chars = 50, .plural = TRUE, .count_field = "statistic", .element = "label" },
  { "legend", CW_FIELD_TEXT, N_("Legend"),
    N_("Says what one symbol stands for; {per_icon} is that number"),
    N_("Each symbol = {per_icon}"), .max_chars = 40, .element = "legend", .optional = TRUE },
  { NULL }
};

static const CwElement pictogram_elements[] = {
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.0)),
  { "number", N_("Number"), { CW_EFFECT_COUNT_UP, CW_EASING_EASE_OUT_CUBIC, 0.2, 1.6 } },
  { "label", N_("Label"), CW_ENTER_RISE (0.35) },
  /* in step with the number; build_pictogram() keeps them so when it is retimed */
  { "icons", N_("Symbols"), { CW_EFFECT_GROW, CW_EASING_EASE_OUT_CUBIC, 0.2, 1.6 } },
  { "legend", N_("Legend"), CW_ENTER_FADE (1.2), .supporting = TRUE },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (1.0)),
  { NULL }
};

typedef struct
{
  cairo_surface_t *mask;
  guint            columns;
  guint            count;
  double           filled;
  double           size;
  double           gap;
  CwColor          empty;
  gboolean         rtl;

  /* The grid's symbols drawn once, all empty and all lit, where frames
   * place the grid (see grid_images()); under @lock, since the exporter's
   * threads draw the same scene */
  GMutex           lock;
  cairo_surface_t *empty_image;
  cairo_surface_t *lit_image;
  /* whether the grid was drawn filled, and its images let go */
  gboolean         drawn_filled;
  double           image_tx;
  double           image_ty;
  int              image_x;
  int              image_y;
} IconGrid;

static void
icon_grid_free (gpointer data)
{
  IconGrid *g = data;

  cairo_surface_destroy (g->mask);
  g_clear_pointer (&g->empty_image, cairo_surface_destroy);
  g_clear_pointer (&g->lit_image, cairo_surface_destroy);
  g_mutex_clear (&g->lock);
  g_free (g);
}

static void
icon_position (const CwNode   *node,
               const IconGrid *g,
               guint           i,
               double         *x,
               double         *y)
{
  guint col = i % g->columns;
  guint row = i / g->columns;
  double cell = g->size + g->gap;

  *x = node->rect.x + (g->rtl ? (g->columns - 1 - col) : col) * cell;
  *y = node->rect.y + row * cell;
}

/* Whether the grid can be painted from images of it for @cr: drawn on an
 * image, moved by a translation only, on the frame's pixels from two
 * pixels in, with gaps between the symbols that a symbol's edge never
 * crosses. @tx, @ty: the translation; @x, @y: the frame pixel an image's
 * first one goes on. */
static gboolean
can_use_grid_images (const CwNode   *node,
                     const IconGrid *g,
                     cairo_t        *cr,
                     double         *tx,
                     double         *ty,
                     int            *x,
                     int            *y)
{
  cairo_matrix_t m;
  double left, top;

  if (g->mask == NULL || g->gap < 4 ||
      cairo_surface_get_type (cairo_get_group_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0)
    return FALSE;
  left = floor (node->rect.x + m.x0) - 2;
  top = floor (node->rect.y + m.y0) - 2;
  if (!(left >= 0 && top >= 0 && left < G_MAXINT / 2 && top < G_MAXINT / 2))
    return FALSE;
  *tx = m.x0;
  *ty = m.y0;
  *x = (int) left;
  *y = (int) top;
  return TRUE;
}

/* Draws every symbol of the grid through its mask in @color, with @cr's
 * translation (@tx, @ty), into a new image whose first pixel is frame
 * pixel (@x, @y). The symbol masks land on the same fractions of a pixel
 * as when drawn on the frame: the image's offset is a whole number of
 * pixels, added to the translation exactly (the symbols lie right of and
 * below it), so each pixel of the image is the color a mask paints there,
 * and painting it over the frame is drawing the symbols on it. */
/* grid images alive in the process, for the tests */
static gint n_grid_images;

static void
grid_image_freed (void *data)
{
  g_atomic_int_dec_and_test (&n_grid_images);
}

/**
 * cw_templates_get_n_grid_images:
 *
 * Returns: how many images of pictogram grids are kept, in all scenes
 */
guint
cw_templates_get_n_grid_images (void)
{
  return g_atomic_int_get (&n_grid_images);
}

static cairo_surface_t *
draw_grid_image (const CwNode   *node,
                 const IconGrid *g,
                 const CwColor  *color,
                 double          tx,
                 double          ty,
                 int             x,
                 int             y)
{
  int width = (int) ceil (node->rect.x + tx + node->rect.width) - x + 4;
  int height = (int) ceil (node->rect.y + ty + node->rect.height) - y + 4;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  static cairo_user_data_key_t key;
  g_autoptr(cairo_t) cr = NULL;

  g_atomic_int_inc (&n_grid_images);
  /* not NULL: cairo takes that for no data, and would not call back */
  cairo_surface_set_user_data (image, &key, &n_grid_images, grid_image_freed);
  cairo_surface_set_device_offset (image, -x, -y);
  cr = cairo_create (image);
  cairo_translate (cr, tx, ty);
  for (guint i = 0; i < g->count; i++)
    {
      double ix, iy;

      icon_position (node, g, i, &ix, &iy);
      cw_pictogram_paint (cr, g->mask, ix, iy, color, 1);
    }
  cairo_surface_flush (image);
  /* painted from, it is placed by where it is painted */
  cairo_surface_set_device_offset (image, 0, 0);
  return image;
}

/* Sets @empty and @lit to the images of the grid all empty and all lit,
 * as drawn with the translation (@tx, @ty) from frame pixel (@x, @y), or
 * to %NULL the first time the grid is drawn there. The first time the grid
 * is drawn @filled, they go too: from then on a layer holds it, and they
 * would only add to memory, a few megabytes a pictogram slide for as long
 * as the clip is drawn. Drawn filling again, or filled again (its layer
 * let go, or a drifting texture under it has every frame drawn whole), the
 * grid has them made again. */
static void
grid_images (const CwNode     *node,
             IconGrid         *g,
             double            tx,
             double            ty,
             int               x,
             int               y,
             gboolean          filled,
             cairo_surface_t **empty,
             cairo_surface_t **lit)
{
  *empty = *lit = NULL;
  g_mutex_lock (&g->lock);
  if (g->image_tx != tx || g->image_ty != ty || g->image_x != x || g->image_y != y ||
      (filled && !g->drawn_filled))
    {
      /* a grid that moves (pushed out by the next slide) is drawn in
       * another place each frame: images only pay where it stays */
      g_clear_pointer (&g->empty_image, cairo_surface_destroy);
      g_clear_pointer (&g->lit_image, cairo_surface_destroy);
      g->image_tx = tx;
      g->image_ty = ty;
      g->image_x = x;
      g->image_y = y;
      g->drawn_filled |= filled;
      g_mutex_unlock (&g->lock);
      return;
    }
  if (g->empty_image == NULL)
    {
      g_clear_pointer (&g->lit_image, cairo_surface_destroy);
      g->empty_image = draw_grid_image (node, g, &g->empty, tx, ty, x, y);
      g->lit_image = draw_grid_image (node, g, &node->color, tx, ty, x, y);
    }
  *empty = cairo_surface_reference (g->empty_image);
  *lit = cairo_surface_reference (g->lit_image);
  g_mutex_unlock (&g->lock);
}

/* Paints @image, from draw_grid_image(), over what @cr draws on: within
 * the whole-pixel boxes of the symbols in [@first, @last) that
 * @only_full allows, or everywhere. */
static void
paint_grid_image (const CwNode    *node,
                  const IconGrid  *g,
                  cairo_t         *cr,
                  cairo_surface_t *image,
                  int              x,
                  int              y,
                  double           tx,
                  double           ty,
                  guint            n_lit)
{
  cairo_save (cr);
  if (n_lit < G_MAXUINT)
    {
      if (n_lit == 0)
        {
          cairo_restore (cr);
          return;
        }
      /* in frame pixels, so the clip is of whole pixels: the symbols'
       * boxes take in their edges, and stop short of the next symbol's,
       * the gap being at least 4 pixels */
      cairo_identity_matrix (cr);
      for (guint i = 0; i < n_lit; i++)
        {
          double ix, iy;

          icon_position (node, g, i, &ix, &iy);
          cairo_rectangle (cr, floor (ix + tx) - 1, floor (iy + ty) - 1,
                           ceil (ix + tx + g->size) - floor (ix + tx) + 2,
                           ceil (iy + ty + g->size) - floor (iy + ty) + 2);
        }
      cairo_clip (cr);
    }
  /* in frame pixels: the image goes on whole pixels, copied, not resampled */
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, image, x, y);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_icon_grid (const CwNode *node,
                cairo_t      *cr,
                double        progress)
{
  IconGrid *g = node->data;
  double lit = g->filled * CLAMP (progress, 0, 1);
  g_autoptr(cairo_surface_t) empty_image = NULL;
  g_autoptr(cairo_surface_t) lit_image = NULL;
  double tx = 0, ty = 0;
  int image_x = 0, image_y = 0;
  guint n_lit = 0;
  gboolean filled = progress >= 1;

  /* Every frame of the filling draws the whole grid: from images of it,
   * drawn once, that is two copies and not two masks a symbol. The
   * symbols never overlap, so the empty ones go first, then the lit ones
   * over them, each as its masks would have drawn it. */
  if (can_use_grid_images (node, g, cr, &tx, &ty, &image_x, &image_y))
    {
      grid_images (node, g, tx, ty, image_x, image_y, filled, &empty_image, &lit_image);
      if (empty_image != NULL)
        {
          /* the symbols lit whole and at rest come first */
          while (n_lit < g->count && g->filled - n_lit >= 1 && lit - n_lit >= 1)
            n_lit++;
          paint_grid_image (node, g, cr, empty_image, image_x, image_y, tx, ty, G_MAXUINT);
          paint_grid_image (node, g, cr, lit_image, image_x, image_y, tx, ty, n_lit);
        }
    }

  for (guint i = n_lit; i < g->count; i++)
    {
      double x, y;
      double share = CLAMP (lit - i, 0, 1);
      double part, appear;

      icon_position (node, g, i, &x, &y);
      if (empty_image == NULL)
        cw_pictogram_paint (cr, g->mask, x, y, &g->empty, 1);
      if (share <= 0)
        continue;

      /* each symbol pops as it fills; the last one may fill only in part */
      part = MIN (1, g->filled - i);
      appear = MIN (1, share / part);
      cairo_save (cr);
      if (part < 1)
        {
          double w = g->size * part;
          cairo_rectangle (cr, g->rtl ? x + g->size - w : x, y, w, g->size);
          cairo_clip (cr);
        }
      if (appear < 1)
        {
          double scale = 0.6 + 0.4 * cw_easing_apply (CW_EASING_EASE_OUT_BACK, appear);
          cairo_translate (cr, x + g->size / 2, y + g->size / 2);
          cairo_scale (cr, scale, scale);
          cairo_translate (cr, -x - g->size / 2, -y - g->size / 2);
        }
      cw_pictogram_paint (cr, g->mask, x, y, &node->color, MIN (1, appear * 2));
      cairo_restore (cr);
    }
}

/* The smallest of 1, 2, 5, 10, 20, 50… that is at least @value: a number
 * a viewer can multiply in their head. */
static double
round_up_nicely (double value)
{
  double step;

  if (!isfinite (value))
    return value;

  step = pow (10, floor (log10 (MAX (value, 1))));

  for (;; step *= 10)
    {
      if (step >= value)
        return step;
      if (2 * step >= value)
        return 2 * step;
      if (5 * step >= value)
        return 5 * step;
    }
}

/* How many symbols @amount needs, as a double: a huge value or a tiny
 * share per symbol is far beyond any integer type, even +inf. */
static double
symbols_needed (double amount,
                double per_icon)
{
  return ceil (amount / per_icon - 1e-9);
}

static void
build_pictogram (CwSceneBuilder *b)
{
  CwTextStyle kicker_style = cw_builder_type_style (b, CW_TYPE_KICKER);
  CwTextStyle number_style = cw_builder_type_style (b, CW_TYPE_FIGURE);
  CwTextStyle label_style = cw_builder_type_style (b, CW_TYPE_LABEL);
  CwTextStyle legend_style = cw_builder_type_style (b, CW_TYPE_LEGEND);
  guint first_node = b->scene->nodes->len;
  /* the grid lines up with the texts over it */
  double halign = cw_templates_halign (b);
  CwStatistic *statistic = cw_builder_get_statistic (b, "statistic");
  CwStatistic *total_stat = cw_builder_get_statistic (b, "total");
  const char *icon = cw_builder_get_string (b, "icon");
  double per_icon = cw_builder_get_number (b, "per_icon");
  g_autofree char *per_icon_text = NULL;
  g_autofree char *kicker = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *label = NULL;
  g_autofree char *legend = NULL;
  g_autoptr(CwStack) stack = cw_stack_new (b);
  /* people killed or injured are counted in the harm color, not the accent */
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  double value, amount, filled, needed;
  guint count, columns, rows;
  double grid_w, grid_h, size, gap;
  IconGrid *grid;
  CwNode *node;
  CwRect box;

  cw_templates_add_texture (b);
  cw_builder_add_source_line (b, statistic);
  box = b->content;

  if (statistic == NULL)
    {
      add_missing_note (b, &box, _("Choose a statistic to count in symbols."));
      return;
    }
  if (!(per_icon > 0) || !isfinite (per_icon))
    per_icon = 1;

  /* the grid counts the larger of the part and the whole */
  value = MAX (cw_statistic_get_value (statistic), 0);
  amount = total_stat ? MAX (cw_statistic_get_value (total_stat), value) : value;
  needed = symbols_needed (amount, per_icon);
  if (!(needed <= MAX_ICONS))
    {
      /* too many to count at a glance: each symbol stands for more, and
       * the legend says how many, so the grid never misleads */
      double larger = round_up_nicely (amount / MAX_ICONS);
      g_autofree char *suggest = cw_number_format (b->language, CW_NUMBER_DECIMAL, larger, 0);

      if (isfinite (needed))
        {
          g_autofree char *many = cw_number_format (b->language, CW_NUMBER_DECIMAL, needed, 0);

          cw_builder_warn (b, "per_icon", _("Set “Each symbol stands for” to choose another number."),
                           _("Slide “%s” would need %s symbols; at most %d can be counted at a glance. Each symbol now stands for %s."),
                           cw_slide_get_id (b->slide), many, MAX_ICONS, suggest);
        }
      else
        {
          cw_builder_warn (b, "per_icon", _("Set “Each symbol stands for” to choose another number."),
                           _("Slide “%s” would need too many symbols to count; at most %d can be counted at a glance. Each symbol now stands for %s."),
                           cw_slide_get_id (b->slide), MAX_ICONS, suggest);
        }
      per_icon = larger;
      needed = symbols_needed (amount, per_icon);
    }
  /* clamped while still a double: converting one out of range is undefined */
  count = (guint) CLAMP (needed, 1, MAX_ICONS);
  filled = MIN (value / per_icon, count);

  per_icon_text = cw_number_format (b->language, CW_NUMBER_DECIMAL, per_icon, 0);
  cw_builder_set_placeholder (b, "per_icon", per_icon_text);
  kicker = cw_builder_get_text (b, "kicker");
  prefix = cw_builder_get_text (b, "prefix");
  label = cw_builder_get_text (b, "label");
  legend = cw_builder_get_text (b, "legend");

  /* the top part: what is counted, then the grid fills the room left */
  cw_stack_add_text (stack, "kicker", kicker, &kicker_style, &muted, 0);
  cw_stack_add_counter (stack, "number", statistic, prefix, NULL, FALSE, &number_style, &accent, 16);
  cw_stack_add_text (stack, "label", label, &label_style, &text, 16);
  {
    /* lay the header into the top 45 % at most */
    CwRect top = { box.x, box.y, box.width, box.height * 0.45 };
    cw_stack_place (stack, &top, 0);
  }
  {
    double bottom = box.y;

    for (guint i = 0; i < b->scene->nodes->len; i++)
      {
        const CwNode *n = g_ptr_array_index (b->scene->nodes, i);
        if (n->element != NULL && !g_str_equal (n->element, "source"))
          bottom = MAX (bottom, n->rect.y + n->rect.height);
      }
    box.height -= bottom - box.y + 56 * b->unit;
    box.y = bottom + 56 * b->unit;
  }

  if (legend != NULL)
    {
      CwTextFit fit;
      CwRect rect;
      CwTextStyle style = legend_style;

      cw_builder_fit_text (b, "legend", legend, &style, box.width, 0, &fit);
      rect = (CwRect) { box.x, box.y + box.height - fit.height, box.width, fit.height };
      style.max_size = style.min_size = fit.size / b->unit;
      cw_builder_add_text (b, "legend", legend, &style, &muted, &rect);
      box.height -= fit.height + 36 * b->unit;
    }

  /* the most columns that keep the symbols large: fill the box */
  columns = 1;
  size = 0;
  for (guint c = 1; c <= count; c++)
    {
      guint r = (count + c - 1) / c;
      double cell = MIN (box.width / c, box.height / r);
      if (cell * 0.8 > size)
        {
          size = cell * 0.8;
          columns = c;
        }
    }
  /* one shape in every language: as many columns as the language with the
   * least room takes, and the symbols as large as that shape fits */
  columns = (guint) cw_builder_agree (b, "icons/columns", columns);
  rows = (count + columns - 1) / columns;
  size = MIN (box.width / columns, box.height / rows) * 0.8;
  size = cw_builder_agree (b, "icons/size", MIN (size, 150 * b->unit));
  gap = size * 0.25;
  grid_w = columns * size + (columns - 1) * gap;
  grid_h = rows * size + (rows - 1) * gap;

  grid = g_new0 (IconGrid, 1);
  g_mutex_init (&grid->lock);
  grid->mask = b->measuring ? NULL : cw_pictogram_render (icon, (int) ceil (size));
  if (grid->mask == NULL && !b->measuring)
    grid->mask = cw_pictogram_render ("person", (int) ceil (size));
  grid->columns = columns;
  grid->count = count;
  grid->filled = filled;
  grid->size = ceil (size);
  grid->gap = gap;
  /* the symbols not yet counted are part of the figure: seen at 3:1 */
  grid->empty = cw_theme_get_track_color (b->theme);
  grid->rtl = b->scene->rtl;

  node = cw_node_new (CW_NODE_CUSTOM, "icons",
                      &(CwRect) { box.x + (box.width - grid_w) * (b->scene->rtl ? 1 - halign : halign),
                                  box.y + MAX (0, box.height - grid_h) / 2, grid_w, grid_h });
  node->color = accent;
  node->data = grid;
  node->destroy = icon_grid_free;
  node->draw = draw_icon_grid;
  cw_builder_style_node (b, node);
  /* A viewer reads the number and counts the lit symbols against it: a
   * grid that fills on its own clock shows "1,843" over 10 of 34 symbols.
   * While both count, the grid runs on the number's clock, whatever
   * timing the slide gives the number. */
  for (guint i = 0; i < b->scene->nodes->len; i++)
    {
      const CwNode *n = g_ptr_array_index (b->scene->nodes, i);

      if (n->kind == CW_NODE_COUNTER && n->enter.effect == CW_EFFECT_COUNT_UP &&
          node->enter.effect == CW_EFFECT_GROW)
        {
          node->enter.easing = n->enter.easing;
          node->enter.delay = n->enter.delay;
          node->enter.duration = n->enter.duration;
        }
    }
  cw_scene_add_node (b->scene, node);
  cw_templates_balance (b, first_node, &b->content);
}

const CwTemplate cw_template_pictogram = {
  .id = "pictogram",
  .label = N_("Pictogram chart"),
  .description = N_("Counts in symbols, such as people or mines: one symbol stands for many"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_SMALL_FIGURE,
  .fields = pictogram_fields,
  .elements = pictogram_elements,
  .placeholders = pictogram_placeholders,
  .summary_field = "label",
  .min_duration = 4.0,
  .build = build_pictogram,
};

/* Line chart: a series over time, drawn on from left to right */

static const CwField line_chart_fields[] = {
  { "statistic", CW_FIELD_STATISTIC, N_("Statistic"),
    N_("A series over time: each point is a year, a month…"),
    NULL, .element = "line" },
  { "area", CW_FIELD_BOOLEAN, N_("Fill under the line"),
    N_("Shade the area under the line"),
    "true", .element = "line" },
  { "compact", CW_FIELD_BOOLEAN, N_("Short numbers"),
    N_("Show 5.8K instead of 5,757"),
    "false", .element = "values" },
  CW_FIELD_KICKER (N_("A few words above the title"), NULL),
  CW_FIELD_TITLE (N_("What the line shows"), N_("Year by year"), 60),
  { NULL }
};

static const CwElement line_chart_elements[] = {
  CW_ELEMENT_KICKER (CW_ENTER_RISE (0.0)),
  CW_ELEMENT_TITLE (CW_ENTER_RISE (0.1)),
  { "line", N_("Line"), { CW_EFFECT_GROW, CW_EASING_EASE_IN_OUT_CUBIC, 0.4, 1.8 } },
  { "labels", N_("Periods"), CW_ENTER_FADE (0.3) },
  { "values", N_("Values"), { CW_EFFECT_POP, CW_EASING_EASE_OUT_BACK, 2.0, 0.5 } },
  CW_ELEMENT_SOURCE (CW_ENTER_FADE (1.0)),
  { NULL }
};

/* Points and baseline are offsets from the node's top left, so the line
 * moves with its node when the content is balanced in the safe area. */
typedef struct
{
  guint    n;
  double  *x;
  double  *y;
  double   base;
  double   line;
  gboolean area;
  gboolean rtl;
  CwColor  grid;
} LineData;

static void
line_data_free (gpointer data)
{
  LineData *d = data;

  g_free (d->x);
  g_free (d->y);
  g_free (d);
}

/* The baseline: there from the start, under the line and its shade. */
static void
draw_baseline (const CwNode *node,
               cairo_t      *cr,
               G_GNUC_UNUSED double progress)
{
  const CwRect *r = &node->rect;

  cw_cairo_set_source_color (cr, &node->color, 1);
  cairo_set_line_width (cr, r->height);
  cairo_move_to (cr, r->x, r->y + r->height / 2);
  cairo_line_to (cr, r->x + r->width, r->y + r->height / 2);
  cairo_stroke (cr);
}

static void
draw_line (const CwNode *node,
           cairo_t      *cr,
           double        progress)
{
  const LineData *d = node->data;
  const CwRect *r = &node->rect;
  double reach = r->width * CLAMP (progress, 0, 1);
  double base = r->y + d->base;

  /* the line is drawn on along its baseline, a guide node of its own */
  cairo_save (cr);
  if (d->rtl)
    cairo_rectangle (cr, r->x + r->width - reach, r->y - d->line * 4, reach + d->line * 4, r->height + d->line * 8);
  else
    cairo_rectangle (cr, r->x - d->line * 4, r->y - d->line * 4, reach + d->line * 4, r->height + d->line * 8);
  cairo_clip (cr);

  if (d->area)
    {
      g_autoptr(cairo_pattern_t) fade = cairo_pattern_create_linear (0, r->y, 0, base);

      /* the shade under the line thins out towards the baseline */
      cairo_pattern_add_color_stop_rgba (fade, 0, node->color.red, node->color.green, node->color.blue, 0.34);
      cairo_pattern_add_color_stop_rgba (fade, 1, node->color.red, node->color.green, node->color.blue, 0.02);
      cairo_move_to (cr, r->x + d->x[0], base);
      for (guint i = 0; i < d->n; i++)
        cairo_line_to (cr, r->x + d->x[i], r->y + d->y[i]);
      cairo_line_to (cr, r->x + d->x[d->n - 1], base);
      cairo_close_path (cr);
      cairo_set_source (cr, fade);
      cairo_fill (cr);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, d->line);
  for (guint i = 0; i < d->n; i++)
    {
      if (i == 0)
        cairo_move_to (cr, r->x + d->x[i], r->y + d->y[i]);
      else
        cairo_line_to (cr, r->x + d->x[i], r->y + d->y[i]);
    }
  cw_cairo_set_source_color (cr, &node->color, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < d->n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, r->x + d->x[i], r->y + d->y[i], d->line * (i == d->n - 1 ? 1.5 : 0.9), 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
build_line_chart (CwSceneBuilder *b)
{
  CwTextStyle label_base = cw_builder_type_style (b, CW_TYPE_LEGEND);
  CwStatistic *statistic = require_series (b, "statistic", 2);
  g_autofree char *kicker = cw_builder_get_text (b, "kicker");
  g_autofree char *title = cw_builder_get_text (b, "title");
  gboolean compact = cw_builder_get_boolean (b, "compact");
  CwNumberStyle style = number_style_for (statistic, compact);
  CwColor accent = cw_builder_tone_color (b, statistic);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwColor background = cw_builder_theme_color (b, CW_COLOR_BACKGROUND);
  double u = b->unit;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, label_h = 0, value_size, value_w, value_h;
  double first_w, first_h, max_label_w = 0;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  CwRect box, plot;
  LineData *d;
  double base;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  guint first_node;

  /* the periods under the axis: one line each, centred on their point */
  label_base.max_lines = 1;
  label_base.line_height = 1.0;
  label_base.align = PANGO_ALIGN_CENTER;
  CwNode *node;
  guint n, step;

  cw_templates_add_texture (b);
  cw_builder_add_source_line (b, statistic);
  box = b->content;
  first_node = b->scene->nodes->len;
  cw_templates_add_header (b, &box, kicker, title, cw_builder_get_align (b));

  if (statistic == NULL)
    {
      add_missing_note (b, &box, _("Choose a series of at least two points to draw."));
      return;
    }

  n = cw_statistic_get_n_points (statistic);
  for (guint i = 0; i < n; i++)
    {
      const CwPoint *p = cw_statistic_get_point (statistic, i);
      double w;

      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
      g_ptr_array_add (labels, point_label (b, statistic, p));
      cw_templates_measure (b, g_ptr_array_index (labels, i), CW_FONT_BODY, label_base.max_size * u,
                            FALSE, &w, &label_h);
      max_label_w = MAX (max_label_w, w);
    }

  /* a line chart need not start at zero, but a small range near zero should */
  {
    double range = MAX (hi - lo, fabs (hi) * 0.1 + 1e-9);
    lo = lo >= 0 && lo < range ? 0 : lo - range * 0.1;
    hi = hi + range * 0.12;
  }

  value_size = 60 * u;
  first_text = cw_number_format (b->language, style, cw_statistic_get_point (statistic, 0)->value,
                                 cw_statistic_get_decimals (statistic));
  last_text = cw_number_format (b->language, style, cw_statistic_get_point (statistic, n - 1)->value,
                                cw_statistic_get_decimals (statistic));
  cw_templates_measure (b, last_text, CW_FONT_NUMBER, value_size, TRUE, &value_w, &value_h);
  cw_templates_measure (b, first_text, CW_FONT_NUMBER, value_size * 0.7, TRUE, &first_w, &first_h);

  /* room above for the end value, below for the periods */
  plot = (CwRect) { box.x + MAX (first_w, max_label_w) / 2, box.y + value_h + 24 * u,
                    box.width - MAX (first_w, max_label_w) / 2 - MAX (value_w, max_label_w) / 2,
                    MIN (box.height - value_h - label_h - 60 * u, box.width * 0.9) };

  d = g_new0 (LineData, 1);
  d->n = n;
  d->x = g_new (double, n);
  d->y = g_new (double, n);
  d->base = plot.height;
  d->line = 8 * u;
  d->area = cw_builder_get_boolean (b, "area");
  d->rtl = b->scene->rtl;
  /* guides, not data: they stay fainter than the track the bars use */
  d->grid = cw_color_mix (&text, &background, 0.62);
  for (guint i = 0; i < n; i++)
    {
      double v = cw_statistic_get_point (statistic, i)->value;
      double fx = n > 1 ? (double) i / (n - 1) : 0.5;

      d->x[i] = (d->rtl ? 1 - fx : fx) * plot.width;
      d->y[i] = plot.height - (v - lo) / (hi - lo) * plot.height;
    }
  /* where the labels and values go, in the frame */
  base = plot.y + d->base;
  xs = g_new (double, n);
  ys = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      xs[i] = plot.x + d->x[i];
      ys[i] = plot.y + d->y[i];
    }

  {
    double width = MAX (1.5, d->line * 0.3);
    CwRect rect = { plot.x, plot.y + d->base - width / 2, plot.width, width };

    node = cw_node_new (CW_NODE_CUSTOM, "line", &rect);
    node->color = d->grid;
    node->guide = TRUE;
    node->draw = draw_baseline;
    cw_builder_style_node (b, node);
    /* the guide keeps its own faint color whatever the line's style */
    node->color = d->grid;
    cw_scene_add_node (b->scene, node);
  }

  node = cw_node_new (CW_NODE_CUSTOM, "line", &plot);
  node->color = accent;
  node->data = d;
  node->destroy = line_data_free;
  node->draw = draw_line;
  cw_builder_style_node (b, node);
  cw_scene_add_node (b->scene, node);

  /* every k-th period, so the labels never touch */
  step = 1;
  while (step < n && (plot.width / (n - 1)) * step < max_label_w * 1.25)
    step++;
  for (guint i = 0; i < n; i++)
    {
      CwTextStyle label_style = label_base;
      CwRect rect;
      double w, h;

      if (i % step != 0 && i != n - 1)
        continue;
      if (i != n - 1 && i + step > n - 1 && (n - 1 - i) * plot.width / (n - 1) < max_label_w * 1.25)
        continue;
      cw_templates_measure (b, g_ptr_array_index (labels, i), CW_FONT_BODY, label_base.max_size * u,
                            FALSE, &w, &h);
      rect = (CwRect) { xs[i] - w / 2, base + 20 * u, w, h };
      label_style.min_size = label_style.max_size;
      node = cw_builder_add_text (b, "labels", g_ptr_array_index (labels, i), &label_style, &muted, &rect);
    }

  /* the end of the line carries its value; the start, smaller */
  {
    CwRect last = { xs[n - 1] - value_w / 2, ys[n - 1] - value_h - 20 * u, value_w, value_h };
    CwRect first = { xs[0] - first_w / 2, ys[0] - first_h - 16 * u, first_w, first_h };

    cw_templates_add_counter (b, "values", cw_statistic_get_point (statistic, n - 1)->value,
                              cw_statistic_get_decimals (statistic), style, NULL, NULL, CW_FONT_NUMBER,
                              value_size, &accent, &last, PANGO_ALIGN_CENTER);
    node = cw_templates_add_counter (b, "values", cw_statistic_get_point (statistic, 0)->value,
                                     cw_statistic_get_decimals (statistic), style, NULL, NULL,
                                     CW_FONT_NUMBER, value_size * 0.7, &text, &first, PANGO_ALIGN_CENTER);
    /* the start value is there before the line leaves it */
    node->enter.delay = 0.3;
  }
  cw_templates_balance (b, first_node, &b->content);
}

const CwTemplate cw_template_line_chart = {
  .id = "line-chart",
  .label = N_("Line chart"),
  .description = N_("A figure over time, drawn on from the first year to the last"),
  .shows_source = TRUE,
  .statistic_kind = CW_STATISTIC_KIND_SERIES,
  .fields = line_chart_fields,
  .elements = line_chart_elements,
  .summary_field = "title",
  .min_duration = 4.0,
  .build = build_line_chart,
};
