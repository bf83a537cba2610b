/* cw-deck-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-accessible.h"
#include "cw-deck-view.h"
#include "cw-soundtrack-preview.h"
#include "cw-texture.h"

struct _CwDeckView
{
  GtkWidget            parent_instance;

  CwDeck              *deck;
  gboolean             updating;
  GPtrArray           *color_buttons;
  GPtrArray           *color_resets;
  GPtrArray           *font_buttons;

  AdwEntryRow         *title_row;
  AdwEntryRow         *author_row;
  AdwComboRow         *audience_row;
  AdwComboRow         *digits_row;
  AdwEntryRow         *source_line_row;
  AdwComboRow         *format_row;
  AdwComboRow         *fps_row;
  GtkSwitch           *transparent_switch;
  AdwComboRow         *theme_row;
  AdwComboRow         *align_row;
  AdwComboRow         *texture_row;
  GtkSwitch           *ambient_switch;
  AdwPreferencesGroup *colors_group;
  AdwPreferencesGroup *fonts_group;
  GtkPicture          *logo_picture;
  GtkWidget           *logo_remove;
  AdwActionRow        *logo_row;
  AdwActionRow        *soundtrack_row;
  GtkWidget           *soundtrack_remove;
};

G_DEFINE_FINAL_TYPE (CwDeckView, cw_deck_view, GTK_TYPE_WIDGET)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
refresh_soundtrack (CwDeckView *self)
{
  CwAudio *audio = cw_deck_get_soundtrack (self->deck);
  const char *href = cw_deck_get_soundtrack_href (self->deck);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_sensitive (self->soundtrack_remove, audio != NULL || href != NULL);
  if (href != NULL && audio == NULL)
    /* Translators: %s is a file name beside the deck */
    subtitle = g_strdup_printf (_("%s is missing or cannot be used; videos cannot be made until it is back or another is chosen"), href);
  else if (audio != NULL && !cw_soundtrack_preview_is_available ())
    /* Translators: the first %s is a file name, or "Kept inside the deck" */
    subtitle = g_strdup_printf (_("%s. The preview is silent: GTK’s media support is not installed (libgtk-4-media-gstreamer)"),
                                href ? href : _("Kept inside the deck"));
  else if (audio != NULL)
    subtitle = g_strdup (href ? href : _("Kept inside the deck"));
  else
    subtitle = g_strdup (_("OGG, MP3, WAV or FLAC; heard in the MP4 and WebM videos"));
  adw_action_row_set_subtitle (self->soundtrack_row, subtitle);
}

static void
refresh (CwDeckView *self)
{
  CwTheme *theme;
  const char * const *formats = cw_format_list_names ();
  const char * const *themes = cw_theme_list_builtin ();
  const guint *rates = cw_frame_rates_list (NULL);
  CwImage *logo;

  if (self->deck == NULL)
    return;

  theme = cw_deck_get_theme (self->deck);
  self->updating = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), cw_deck_get_title (self->deck) ?: "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), cw_deck_get_title (self->deck) ?: "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->author_row)), cw_deck_get_author (self->deck) ?: "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->author_row), cw_deck_get_author (self->deck) ?: "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->source_line_row)),
                 cw_deck_get_source_line (self->deck) ?: "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->source_line_row), cw_deck_get_source_line (self->deck) ?: "");
  adw_combo_row_set_selected (self->audience_row, cw_deck_get_audience (self->deck));
  adw_combo_row_set_selected (self->digits_row, cw_deck_get_digits (self->deck));

  for (guint i = 0; formats[i]; i++)
    if (g_strcmp0 (formats[i], cw_deck_get_format (self->deck)) == 0)
      adw_combo_row_set_selected (self->format_row, i);
  for (guint i = 0; rates[i]; i++)
    if (rates[i] == cw_deck_get_fps (self->deck))
      adw_combo_row_set_selected (self->fps_row, i);
  gtk_switch_set_active (self->transparent_switch, cw_deck_get_transparent (self->deck));
  for (guint i = 0; themes[i]; i++)
    if (g_strcmp0 (themes[i], cw_theme_get_base (theme)) == 0)
      adw_combo_row_set_selected (self->theme_row, i);
  adw_combo_row_set_selected (self->align_row, cw_theme_get_align (theme));
  adw_combo_row_set_selected (self->texture_row, cw_theme_get_texture (theme));
  gtk_switch_set_active (self->ambient_switch, cw_theme_get_ambient (theme) == CW_AMBIENT_DRIFT);
  /* only a texture can drift */
  gtk_widget_set_sensitive (GTK_WIDGET (self->ambient_switch), cw_theme_get_texture (theme) != CW_TEXTURE_GRADIENT);

  for (CwColorRole role = 0; role < CW_N_COLOR_ROLES; role++)
    {
      CwColor color = cw_theme_get_color (theme, role);
      GdkRGBA rgba = { color.red, color.green, color.blue, 1 };

      gtk_color_chooser_set_rgba (g_ptr_array_index (self->color_buttons, role), &rgba);
      gtk_widget_set_visible (g_ptr_array_index (self->color_resets, role), cw_theme_has_color (theme, role));
    }
  for (CwFontRole role = 0; role < CW_N_FONT_ROLES; role++)
    {
      g_autofree char *font = g_strdup_printf ("%s %s", cw_theme_get_font_family (theme, role),
                                               cw_theme_get_font_weight (theme, role) >= 700 ? "Bold" : "");
      gtk_font_chooser_set_font (g_ptr_array_index (self->font_buttons, role), font);
    }

  logo = cw_theme_get_logo (theme);
  if (logo != NULL)
    {
      g_autoptr(cairo_surface_t) surface = cw_image_render (logo, 96, 96);
      g_autoptr(GdkTexture) texture = cw_texture_new_for_surface (surface);
      gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
    }
  else
    gtk_picture_set_paintable (self->logo_picture, NULL);
  gtk_widget_set_sensitive (self->logo_remove, logo != NULL || cw_theme_get_logo_href (theme) != NULL);
  refresh_soundtrack (self);
  adw_action_row_set_subtitle (self->logo_row,
                               cw_theme_get_logo_href (theme) ? cw_theme_get_logo_href (theme)
                               : logo ? _("Kept inside the deck") : _("PNG or SVG; shown on the title and safety cards"));

  self->updating = FALSE;
}

static void
on_meta_changed (CwDeckView *self)
{
  const char *text;
  guint selected;
  guint n_rates;
  const guint *rates = cw_frame_rates_list (&n_rates);

  if (self->updating || self->deck == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  cw_deck_set_title (self->deck, *text ? text : NULL);
  text = gtk_editable_get_text (GTK_EDITABLE (self->author_row));
  cw_deck_set_author (self->deck, *text ? text : NULL);
  text = gtk_editable_get_text (GTK_EDITABLE (self->source_line_row));
  cw_deck_set_source_line (self->deck, *text ? text : NULL);
  cw_deck_set_audience (self->deck, adw_combo_row_get_selected (self->audience_row));
  cw_deck_set_digits (self->deck, MIN (adw_combo_row_get_selected (self->digits_row), CW_DIGITS_NATIVE));

  selected = adw_combo_row_get_selected (self->format_row);
  if (selected < g_strv_length ((char **) cw_format_list_names ()))
    cw_deck_set_format (self->deck, cw_format_list_names ()[selected]);
  selected = adw_combo_row_get_selected (self->fps_row);
  if (selected < n_rates)
    cw_deck_set_fps (self->deck, rates[selected]);
  cw_deck_set_transparent (self->deck, gtk_switch_get_active (self->transparent_switch));
  selected = adw_combo_row_get_selected (self->theme_row);
  if (selected < g_strv_length ((char **) cw_theme_list_builtin ()))
    cw_theme_set_base (cw_deck_get_theme (self->deck), cw_theme_list_builtin ()[selected]);
}

/* Only a choice the user made becomes the deck's own, so a deck that
 * never chose keeps following its base theme. */
static void
on_align_changed (CwDeckView *self)
{
  guint selected = adw_combo_row_get_selected (self->align_row);
  CwTheme *theme;

  if (self->updating || self->deck == NULL || selected >= CW_N_ALIGNS)
    return;
  theme = cw_deck_get_theme (self->deck);
  if (selected != cw_theme_get_align (theme))
    cw_theme_set_align (theme, selected);
}

static void
on_texture_changed (CwDeckView *self)
{
  guint selected = adw_combo_row_get_selected (self->texture_row);
  CwTheme *theme;

  if (self->updating || self->deck == NULL || selected >= CW_N_TEXTURES)
    return;
  theme = cw_deck_get_theme (self->deck);
  if (selected != cw_theme_get_texture (theme))
    cw_theme_set_texture (theme, selected);
}

static void
on_ambient_changed (CwDeckView *self)
{
  if (self->updating || self->deck == NULL)
    return;
  cw_theme_set_ambient (cw_deck_get_theme (self->deck),
                        gtk_switch_get_active (self->ambient_switch) ? CW_AMBIENT_DRIFT : CW_AMBIENT_NONE);
}

static void
on_color_set (GtkColorButton *button,
              CwDeckView     *self)
{
  CwColorRole role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cw-role"));
  GdkRGBA rgba;
  CwColor color;

  if (self->updating || self->deck == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = (CwColor) { rgba.red, rgba.green, rgba.blue, 1 };
  cw_theme_set_color (cw_deck_get_theme (self->deck), role, &color);
}

static void
on_color_reset (GtkButton  *button,
                CwDeckView *self)
{
  CwColorRole role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cw-role"));

  if (self->deck != NULL)
    cw_theme_set_color (cw_deck_get_theme (self->deck), role, NULL);
}

static void
on_font_set (GtkFontButton *button,
             CwDeckView    *self)
{
  CwFontRole role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cw-role"));
  PangoFontDescription *desc;
  const char *family;

  if (self->updating || self->deck == NULL)
    return;
  desc = gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (button));
  if (desc == NULL)
    return;
  family = pango_font_description_get_family (desc);
  cw_theme_set_font (cw_deck_get_theme (self->deck), role, family, pango_font_description_get_weight (desc));
  pango_font_description_free (desc);
}

static void
on_logo_chosen (GtkNativeDialog *dialog,
                int              response,
                CwDeckView      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwImage) image = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->deck != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      image = cw_image_new_from_file (file, &error);
      if (image == NULL)
        g_signal_emit (self, signals[MESSAGE], 0, error->message);
      else
        /* kept inside the deck, so the deck can travel as one file */
        cw_theme_set_logo (cw_deck_get_theme (self->deck), image, NULL);
    }
  g_object_unref (dialog);
}

static void
on_logo_choose (CwDeckView *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Logos (PNG, SVG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  dialog = cw_file_chooser_new (GTK_WIDGET (self), _("Choose a Logo"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Choose"), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_logo_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_logo_remove (CwDeckView *self)
{
  if (self->deck != NULL)
    cw_theme_set_logo (cw_deck_get_theme (self->deck), NULL, NULL);
}

static void
on_soundtrack_chosen (GtkNativeDialog *dialog,
                      int              response,
                      CwDeckView      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAudio) audio = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->deck != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      audio = cw_audio_new_from_file (file, &error);
      if (audio == NULL)
        g_signal_emit (self, signals[MESSAGE], 0, error->message);
      else
        /* kept inside the deck, like a logo, so the deck travels as one file */
        cw_deck_set_soundtrack (self->deck, audio, NULL);
    }
  g_object_unref (dialog);
}

static void
on_soundtrack_choose (CwDeckView *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Sound (OGG, MP3, WAV, FLAC)"));
  gtk_file_filter_add_mime_type (filter, "audio/ogg");
  gtk_file_filter_add_mime_type (filter, "audio/x-vorbis+ogg");
  gtk_file_filter_add_mime_type (filter, "audio/x-opus+ogg");
  gtk_file_filter_add_mime_type (filter, "audio/mpeg");
  gtk_file_filter_add_mime_type (filter, "audio/x-wav");
  gtk_file_filter_add_mime_type (filter, "audio/flac");
  gtk_file_filter_add_mime_type (filter, "audio/x-flac");
  dialog = cw_file_chooser_new (GTK_WIDGET (self), _("Choose a Soundtrack"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Choose"), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_soundtrack_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_soundtrack_remove (CwDeckView *self)
{
  if (self->deck != NULL)
    cw_deck_set_soundtrack (self->deck, NULL, NULL);
}

static void
cw_deck_view_dispose (GObject *object)
{
  CwDeckView *self = (CwDeckView *)object;

  cw_deck_view_set_deck (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_DECK_VIEW);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->color_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->color_resets, g_ptr_array_unref);
  g_clear_pointer (&self->font_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_deck_view_parent_class)->dispose (object);
}

static void
cw_deck_view_class_init (CwDeckViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_deck_view_dispose;

  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-deck-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, title_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, author_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, audience_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, digits_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, source_line_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, format_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, fps_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, theme_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, align_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, texture_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, ambient_switch);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, colors_group);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, fonts_group);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, logo_remove);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, logo_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, soundtrack_row);
  gtk_widget_class_bind_template_child (widget_class, CwDeckView, soundtrack_remove);
  gtk_widget_class_bind_template_callback (widget_class, on_meta_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_align_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_texture_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_ambient_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_remove);
  gtk_widget_class_bind_template_callback (widget_class, on_soundtrack_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_soundtrack_remove);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-deck-view");
}

static void
cw_deck_view_init (CwDeckView *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) digits = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) fps = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) aligns = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) textures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->color_buttons = g_ptr_array_new ();
  self->color_resets = g_ptr_array_new ();
  self->font_buttons = g_ptr_array_new ();

  self->updating = TRUE;
  gtk_string_list_append (audiences, _("Adults"));
  gtk_string_list_append (audiences, _("Children"));
  adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
  /* Translators: which digits numbers are written in: 0–9 in every language, or each language’s own (Arabic-Indic in Arabic) */
  gtk_string_list_append (digits, _("Western (0–9)"));
  gtk_string_list_append (digits, _("Each language’s own"));
  adw_combo_row_set_model (self->digits_row, G_LIST_MODEL (digits));

  for (const char * const *f = cw_format_list_names (); *f; f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (*f, NULL);
      /* Translators: an output format: platform name, aspect ratio and size */
      g_autofree char *label = g_strdup_printf (_("%s (%s, %d×%d)"), format->label, format->aspect,
                                                format->width, format->height);
      gtk_string_list_append (formats, label);
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));

  for (const guint *rate = cw_frame_rates_list (NULL); *rate; rate++)
    {
      g_autofree char *label = g_strdup_printf (_("%u fps"), *rate);
      gtk_string_list_append (fps, label);
    }
  adw_combo_row_set_model (self->fps_row, G_LIST_MODEL (fps));

  for (const char * const *t = cw_theme_list_builtin (); *t; t++)
    gtk_string_list_append (themes, cw_theme_get_builtin_label (*t));
  adw_combo_row_set_model (self->theme_row, G_LIST_MODEL (themes));
  /* in the order of CwAlign and CwTexture */
  /* Translators: texts start at the left, or the right in right-to-left languages */
  gtk_string_list_append (aligns, _("Start of the line"));
  gtk_string_list_append (aligns, _("Centered"));
  adw_combo_row_set_model (self->align_row, G_LIST_MODEL (aligns));
  /* Translators: a background texture, like a survey map's lines of equal height */
  gtk_string_list_append (textures, _("Contour lines"));
  /* Translators: a background texture, like paper */
  gtk_string_list_append (textures, _("Fine grain"));
  /* Translators: a background of a plain gradient, with no texture */
  gtk_string_list_append (textures, _("Plain gradient"));
  adw_combo_row_set_model (self->texture_row, G_LIST_MODEL (textures));

  for (CwColorRole role = 0; role < CW_N_COLOR_ROLES; role++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_color_button_new ();
      GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_color_role_get_label (role));
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reset, "flat");
      gtk_widget_set_tooltip_text (reset, _("Use the theme’s color"));
      cw_accessible_name_picker (button, cw_color_role_get_label (role));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Use the theme’s color"), -1);
      g_object_set_data (G_OBJECT (button), "cw-role", GUINT_TO_POINTER (role));
      g_object_set_data (G_OBJECT (reset), "cw-role", GUINT_TO_POINTER (role));
      g_signal_connect (button, "color-set", G_CALLBACK (on_color_set), self);
      g_signal_connect (reset, "clicked", G_CALLBACK (on_color_reset), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->colors_group, row);
      g_ptr_array_add (self->color_buttons, button);
      g_ptr_array_add (self->color_resets, reset);
    }

  for (CwFontRole role = 0; role < CW_N_FONT_ROLES; role++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_font_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_font_role_get_label (role));
      gtk_font_chooser_set_level (GTK_FONT_CHOOSER (button),
                                  GTK_FONT_CHOOSER_LEVEL_FAMILY | GTK_FONT_CHOOSER_LEVEL_STYLE);
      gtk_font_button_set_use_size (GTK_FONT_BUTTON (button), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      cw_accessible_name_picker (button, cw_font_role_get_label (role));
      g_object_set_data (G_OBJECT (button), "cw-role", GUINT_TO_POINTER (role));
      g_signal_connect (button, "font-set", G_CALLBACK (on_font_set), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->fonts_group, row);
      g_ptr_array_add (self->font_buttons, button);
    }
  self->updating = FALSE;
}

void
cw_deck_view_set_deck (CwDeckView *self,
                       CwDeck     *deck)
{
  g_return_if_fail (CW_IS_DECK_VIEW (self));

  if (self->deck == deck)
    return;
  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_data (self->deck, self);
  g_set_object (&self->deck, deck);
  if (deck != NULL)
    g_signal_connect_object (deck, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}
