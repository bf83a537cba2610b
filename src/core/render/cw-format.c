/* cw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cw-error.h"
#include "cw-format.h"

G_DEFINE_BOXED_TYPE (CwFormat, cw_format, cw_format_copy, cw_format_free)

static GPtrArray *presets;
static const char **preset_names;
/* for each preset, the CwZones its platform's interface covers */
static GPtrArray *preset_zones;

/* The generic labels in formats.json, so xgettext offers them to translators. */
static const char * const generic_labels[] G_GNUC_UNUSED = {
  N_("Portrait feed"),
  N_("Square"),
  N_("Landscape"),
  /* the parts of the frame a platform's interface covers */
  N_("Status bar and tabs"),
  N_("Caption, sound and call to action"),
  N_("Like, comment and share buttons"),
  N_("Top bar"),
  N_("Caption and audio"),
  N_("Side margin"),
  N_("Side margin and buttons"),
  N_("Tabs and search bar"),
  N_("Title, channel and Subscribe"),
  N_("Like, dislike, comment and share buttons"),
  N_("Caption and buttons"),
  N_("Buttons"),
};

static void
load_presets (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *formats;
  guint n;

  bytes = g_resources_lookup_data ("/io/github/clearway/Clearway/formats.json", 0, NULL);
  g_assert (bytes != NULL);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    g_error ("formats.json in the resources is not valid JSON");

  formats = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "formats");
  n = json_array_get_length (formats);
  presets = g_ptr_array_new ();
  preset_zones = g_ptr_array_new ();
  preset_names = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (formats, i);
      JsonObject *safe = json_object_get_object_member (o, "safe");
      CwFormat *format = g_new0 (CwFormat, 1);
      double top = json_object_get_int_member (safe, "top");
      double right = json_object_get_int_member (safe, "right");
      double bottom = json_object_get_int_member (safe, "bottom");
      double left = json_object_get_int_member (safe, "left");

      format->name = g_strdup (json_object_get_string_member (o, "name"));
      /* brand names stay as they are; the generic ones are listed below */
      format->label = g_strdup (g_dgettext (GETTEXT_PACKAGE, json_object_get_string_member (o, "label")));
      format->aspect = g_strdup (json_object_get_string_member (o, "aspect"));
      format->width = json_object_get_int_member (o, "width");
      format->height = json_object_get_int_member (o, "height");
      format->safe = (CwRect) { left, top,
                                format->width - left - right,
                                format->height - top - bottom };
      g_ptr_array_add (presets, format);
      preset_names[i] = format->name;

      {
        JsonArray *list = json_object_has_member (o, "zones") ? json_object_get_array_member (o, "zones") : NULL;
        GArray *zones = g_array_new (FALSE, TRUE, sizeof (CwZone));

        for (guint z = 0; list != NULL && z < json_array_get_length (list); z++)
          {
            JsonObject *zo = json_array_get_object_element (list, z);
            CwZone zone;

            zone.name = g_strdup (json_object_get_string_member (zo, "name"));
            zone.label = g_strdup (json_object_get_string_member (zo, "label"));
            zone.rect = (CwRect) { json_object_get_int_member (zo, "x"), json_object_get_int_member (zo, "y"),
                                   json_object_get_int_member (zo, "width"),
                                   json_object_get_int_member (zo, "height") };
            g_array_append_val (zones, zone);
          }
        g_ptr_array_add (preset_zones, zones);
      }
    }
}

static void
ensure_presets (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      load_presets ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * cw_format_list_names:
 *
 * Returns: (transfer none): the names of the built-in formats
 */
const char * const *
cw_format_list_names (void)
{
  ensure_presets ();
  return preset_names;
}

static char *
aspect_for (int width,
            int height)
{
  int a = width, b = height;

  while (b != 0)
    {
      int t = a % b;
      a = b;
      b = t;
    }
  return g_strdup_printf ("%d:%d", width / a, height / a);
}

/**
 * cw_format_lookup:
 * @spec: a format name ("tiktok", "square"…) or a size "WIDTHxHEIGHT"
 *
 * A custom size takes the safe zone of the built-in format with the same
 * aspect ratio, scaled, or a margin of 6 % when there is none.
 *
 * Returns: (transfer full): the format, or %NULL with @error set
 */
/* One side of "WIDTHxHEIGHT": digits only, as an unsigned number, so a
 * side too large for an int is reported as typed and never wraps round. */
static gboolean
parse_side (const char  *text,
            guint64     *side,
            gboolean    *in_range)
{
  g_autoptr(GError) error = NULL;

  if (*text == '\0' || strspn (text, "0123456789") != strlen (text))
    return FALSE;
  *in_range = g_ascii_string_to_unsigned (text, 10, CW_FORMAT_MIN_SIDE, CW_FORMAT_MAX_SIDE,
                                          side, &error);
  /* digits only, so the one way to fail is to be out of bounds */
  return TRUE;
}

CwFormat *
cw_format_lookup (const char  *spec,
                  GError     **error)
{
  g_auto(GStrv) sides = NULL;
  guint64 width = 0, height = 0;
  gboolean width_ok = FALSE, height_ok = FALSE;
  int w, h;
  CwFormat *format;
  g_autofree char *aspect = NULL;

  ensure_presets ();

  for (guint i = 0; spec != NULL && i < presets->len; i++)
    {
      CwFormat *preset = g_ptr_array_index (presets, i);
      if (g_ascii_strcasecmp (preset->name, spec) == 0)
        return cw_format_copy (preset);
    }

  if (spec != NULL)
    sides = g_strsplit (spec, "x", -1);
  if (sides == NULL || g_strv_length (sides) != 2 ||
      !parse_side (sides[0], &width, &width_ok) || !parse_side (sides[1], &height, &height_ok))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) preset_names);
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT,
                   _("“%s” is not an output format. Use one of %s, or a size such as 1080x1920."),
                   spec ? spec : "", names);
      return NULL;
    }

  if (!width_ok || !height_ok)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT,
                   _("%s is not a usable frame size: each side must be between %d and %d pixels."),
                   spec, CW_FORMAT_MIN_SIDE, CW_FORMAT_MAX_SIDE);
      return NULL;
    }
  w = (int) width;
  h = (int) height;

  if (w % 2 != 0 || h % 2 != 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT,
                   _("%d×%d has an odd side; video encoders need even sizes. Try %d×%d."),
                   w, h, w + w % 2, h + h % 2);
      return NULL;
    }

  aspect = aspect_for (w, h);
  format = g_new0 (CwFormat, 1);
  format->name = g_strdup_printf ("%dx%d", w, h);
  format->label = g_strdup_printf ("%d×%d", w, h);
  format->width = w;
  format->height = h;
  format->safe = (CwRect) { w * 0.06, h * 0.06, w * 0.88, h * 0.88 };

  for (guint i = 0; i < presets->len; i++)
    {
      CwFormat *preset = g_ptr_array_index (presets, i);
      if (g_strcmp0 (preset->aspect, aspect) == 0)
        {
          double s = (double) w / preset->width;
          format->safe = (CwRect) { preset->safe.x * s, preset->safe.y * s,
                                    preset->safe.width * s, preset->safe.height * s };
          break;
        }
    }
  format->aspect = g_steal_pointer (&aspect);

  return format;
}

CwFormat *
cw_format_copy (const CwFormat *self)
{
  CwFormat *copy = g_new0 (CwFormat, 1);

  *copy = *self;
  copy->name = g_strdup (self->name);
  copy->label = g_strdup (self->label);
  copy->aspect = g_strdup (self->aspect);
  return copy;
}

void
cw_format_free (CwFormat *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->label);
  g_free (self->aspect);
  g_free (self);
}

gboolean
cw_format_is_vertical (const CwFormat *self)
{
  return self->height > self->width;
}

/**
 * cw_format_scaled:
 * @width: the width wanted, in pixels
 *
 * The same format at another size, for previews and thumbnails: layout is
 * relative to the frame, so a smaller frame is the same picture, smaller.
 * Sides are rounded to even numbers and kept at 16 pixels or more.
 *
 * Returns: (transfer full): the scaled format
 */
CwFormat *
cw_format_scaled (const CwFormat *self,
                  int             width)
{
  CwFormat *copy = cw_format_copy (self);
  double s = (double) MAX (width, 16) / self->width;

  copy->width = MAX (16, (int) (self->width * s / 2 + 0.5) * 2);
  copy->height = MAX (16, (int) (self->height * s / 2 + 0.5) * 2);
  s = (double) copy->width / self->width;
  copy->safe = (CwRect) { self->safe.x * s, self->safe.y * s, self->safe.width * s, self->safe.height * s };
  return copy;
}

/* The frame rates the platforms take. The loader, the CLI, the editor and
 * the exporter all ask here; data/clearway-deck.rng lists the same values,
 * which a test checks. */
static const guint frame_rates[] = { 24, 25, 30, 50, 60, 0 };

/**
 * cw_frame_rates_list:
 * @n_rates: (out) (optional): how many there are
 *
 * Returns: (transfer none) (array zero-terminated=1): the frame rates an
 *   export may have, from the lowest
 */
const guint *
cw_frame_rates_list (guint *n_rates)
{
  if (n_rates != NULL)
    *n_rates = G_N_ELEMENTS (frame_rates) - 1;
  return frame_rates;
}

gboolean
cw_frame_rate_is_valid (guint fps)
{
  for (guint i = 0; frame_rates[i] != 0; i++)
    {
      if (frame_rates[i] == fps)
        return TRUE;
    }
  return FALSE;
}

/**
 * cw_frame_rates_to_string:
 *
 * Returns: (transfer full): the frame rates for a message, "24, 25, 30…"
 */
char *
cw_frame_rates_to_string (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; frame_rates[i] != 0; i++)
    g_string_append_printf (text, i > 0 ? ", %u" : "%u", frame_rates[i]);
  return g_string_free (text, FALSE);
}

/**
 * cw_format_list_zones:
 *
 * The parts of the frame that the interface of @self's platform covers
 * (resources/formats.json), scaled to @self's size: nothing a viewer must
 * read belongs there. Formats that are no platform's have none.
 *
 * Returns: (transfer full) (element-type CwZone): the zones; their names
 *   and labels belong to the formats and stay valid
 */
GArray *
cw_format_list_zones (const CwFormat *self)
{
  GArray *zones = g_array_new (FALSE, TRUE, sizeof (CwZone));

  g_return_val_if_fail (self != NULL, zones);

  ensure_presets ();
  for (guint i = 0; i < presets->len; i++)
    {
      const CwFormat *preset = g_ptr_array_index (presets, i);
      GArray *list = g_ptr_array_index (preset_zones, i);
      double sx = (double) self->width / preset->width;
      double sy = (double) self->height / preset->height;

      if (g_strcmp0 (preset->name, self->name) != 0)
        continue;
      for (guint z = 0; z < list->len; z++)
        {
          CwZone zone = g_array_index (list, CwZone, z);

          zone.label = (char *) g_dgettext (GETTEXT_PACKAGE, zone.label);
          zone.rect = (CwRect) { zone.rect.x * sx, zone.rect.y * sy, zone.rect.width * sx, zone.rect.height * sy };
          g_array_append_val (zones, zone);
        }
    }
  return zones;
}
