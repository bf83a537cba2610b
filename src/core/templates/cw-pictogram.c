/* cw-pictogram.c
 *
 * Pictograms are one-color SVGs in the resources, drawn by librsvg into an
 * alpha mask once per size and painted through it in whatever color the
 * theme asks for: the same anti-personnel mine reads in amber on the night
 * theme and in dark red on sand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-keywords.h"
#include "cw-pictogram.h"

static const CwKeyword pictograms[] = {
  { "person", N_("Person") },
  { "child", N_("Child") },
  { "ap-mine", N_("Anti-personnel mine") },
  { "at-mine", N_("Anti-tank mine") },
  { "uxo", N_("Unexploded ordnance") },
  { "field", N_("Field (hectare)") },
  { "hand", N_("Hand: do not touch") },
  { "walk-back", N_("Walk back") },
  { "phone", N_("Phone") },
  { "quote", N_("Quotation marks") },
};

static GMutex lock;
static GHashTable *images;

const char * const *
cw_pictogram_list_names (void)
{
  static const char *names[G_N_ELEMENTS (pictograms) + 1];

  if (names[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (pictograms); i++)
        names[i] = pictograms[i].name;
    }
  return names;
}

const char *
cw_pictogram_get_label (const char *name)
{
  int i = cw_keyword_lookup (pictograms, G_N_ELEMENTS (pictograms), name);

  return i < 0 ? NULL : g_dgettext (GETTEXT_PACKAGE, pictograms[i].label);
}

/**
 * cw_pictogram_get:
 *
 * Returns: (transfer none) (nullable): the pictogram @name, decoded once
 */
CwImage *
cw_pictogram_get (const char *name)
{
  CwImage *image;

  if (cw_keyword_lookup (pictograms, G_N_ELEMENTS (pictograms), name) < 0)
    return NULL;

  g_mutex_lock (&lock);
  if (images == NULL)
    images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  image = g_hash_table_lookup (images, name);
  if (image == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/clearway/Clearway/pictograms/%s.svg", name);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GError) error = NULL;

      image = cw_image_new_from_bytes (bytes, path, &error);
      if (image == NULL)
        g_error ("the built-in pictogram %s does not load: %s", name, error->message);
      g_hash_table_insert (images, g_strdup (name), image);
    }
  g_mutex_unlock (&lock);

  return image;
}

/**
 * cw_pictogram_render:
 * @size: the side of the square, in pixels
 *
 * Returns: (transfer full) (nullable): an alpha mask of the pictogram, to
 *   paint with cw_pictogram_paint()
 */
cairo_surface_t *
cw_pictogram_render (const char *name,
                     int         size)
{
  CwImage *image = cw_pictogram_get (name);

  return image ? cw_image_render (image, size, size) : NULL;
}

/* Paints @color through @mask with its top left corner at (@x, @y). */
void
cw_pictogram_paint (cairo_t         *cr,
                    cairo_surface_t *mask,
                    double           x,
                    double           y,
                    const CwColor   *color,
                    double           opacity)
{
  cw_cairo_set_source_color (cr, color, opacity);
  cairo_mask_surface (cr, mask, x, y);
}
