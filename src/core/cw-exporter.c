/* cw-exporter.c
 *
 * Frames are rendered and encoded on every core, each worker on its own
 * surface, written straight to disk, so memory stays flat however long the
 * clip. Frames of a static hold are rendered and encoded once and written
 * as often as they repeat.
 *
 * Frames, captions, video and manifest are all written to a hidden staging
 * folder first, every write checked. Moving them into place is the last
 * step, the manifest of each sequence last of all, and it happens only once
 * every sequence asked for is complete. A move that fails takes back what
 * was moved and puts back the earlier export it was replacing. So a
 * cancelled or failed export (a full disk, say) leaves nothing that looks
 * finished, nothing that makes the next run refuse, and an earlier export
 * is replaced only by a complete new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-error.h"
#include "cw-exporter.h"
#include "cw-png.h"
#include "cw-renderer.h"
#include "cw-template.h"

#define FRAME_PATTERN "frame_%05d.png"
#define PNG_LEVEL 1

typedef struct
{
  char     *language;
  CwFormat *format;
  GFile    *dir;
} Job;

struct _CwExporter
{
  GObject       parent_instance;

  CwDeck       *deck;
  GFile        *output_dir;
  GPtrArray    *languages;
  GPtrArray    *formats;
  guint         fps;
  guint         jobs;
  gboolean      mp4;
  gboolean      overwrite;

  /* progress, written by workers, read by anyone */
  gint          frames_done;
  gint          frames_rendered;
  guint         frames_written;
  guint         frames_total;
  GMutex        status_lock;
  char         *status;
  gboolean      busy;

  /* coalesces progress notifications onto the caller's main context */
  GMainContext *context;
  gint          notify_pending;

  GPtrArray    *results;
  GPtrArray    *warnings;
};

G_DEFINE_FINAL_TYPE (CwExporter, cw_exporter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_STATUS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_free (job->language);
  cw_format_free (job->format);
  g_clear_object (&job->dir);
  g_free (job);
}

static void
cw_exporter_finalize (GObject *object)
{
  CwExporter *self = (CwExporter *)object;

  g_clear_object (&self->deck);
  g_clear_object (&self->output_dir);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_mutex_clear (&self->status_lock);

  G_OBJECT_CLASS (cw_exporter_parent_class)->finalize (object);
}

static void
cw_exporter_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwExporter *self = CW_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, cw_exporter_get_fraction (self));
      break;
    case PROP_STATUS:
      g_value_take_string (value, cw_exporter_dup_status (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_exporter_class_init (CwExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_exporter_finalize;
  object_class->get_property = cw_exporter_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_exporter_init (CwExporter *self)
{
  self->languages = g_ptr_array_new_with_free_func (g_free);
  self->formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->status_lock);
}

/**
 * cw_exporter_new:
 *
 * The exporter works on a copy of @deck taken now, so the deck may be
 * edited while the export runs.
 *
 * Returns: (transfer full): a new exporter
 */
CwExporter *
cw_exporter_new (CwDeck *deck)
{
  CwExporter *self;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  self = g_object_new (CW_TYPE_EXPORTER, NULL);
  self->deck = cw_deck_copy (deck);
  self->fps = cw_deck_get_fps (deck);
  return self;
}

void
cw_exporter_set_output_dir (CwExporter *self,
                            GFile      *dir)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  g_set_object (&self->output_dir, dir);
}

GFile *
cw_exporter_get_output_dir (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->output_dir;
}

void
cw_exporter_add_language (CwExporter *self,
                          const char *language)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  g_ptr_array_add (self->languages, g_strdup (language));
}

void
cw_exporter_add_format (CwExporter     *self,
                        const CwFormat *format)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  g_ptr_array_add (self->formats, cw_format_copy (format));
}

void
cw_exporter_set_fps (CwExporter *self,
                     guint       fps)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  g_return_if_fail (cw_frame_rate_is_valid (fps));
  self->fps = fps;
}

/* How many frames to render at once; 0 for one per core. */
void
cw_exporter_set_jobs (CwExporter *self,
                      guint       jobs)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->jobs = jobs;
}

void
cw_exporter_set_mp4 (CwExporter *self,
                     gboolean    mp4)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->mp4 = mp4;
}

void
cw_exporter_set_overwrite (CwExporter *self,
                           gboolean    overwrite)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->overwrite = overwrite;
}

static gboolean
notify_progress_idle (gpointer data)
{
  CwExporter *self = data;

  g_atomic_int_set (&self->notify_pending, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  return G_SOURCE_REMOVE;
}

/* Called from any thread; at most one notification is queued at a time. */
static void
queue_notify (CwExporter *self)
{
  GSource *source;

  if (self->context == NULL)
    return;
  if (!g_atomic_int_compare_and_exchange (&self->notify_pending, 0, 1))
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, notify_progress_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[clearway] export progress");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
set_status (CwExporter *self,
            char       *status)
{
  g_mutex_lock (&self->status_lock);
  g_free (self->status);
  self->status = status;
  g_mutex_unlock (&self->status_lock);
  queue_notify (self);
}

double
cw_exporter_get_fraction (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);

  if (self->frames_total == 0)
    return 0;
  return MIN (1.0, (double) g_atomic_int_get (&self->frames_done) / self->frames_total);
}

/**
 * cw_exporter_dup_status:
 *
 * Returns: (transfer full) (nullable): what the export is doing now, for people
 */
char *
cw_exporter_dup_status (CwExporter *self)
{
  char *ret;

  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);

  g_mutex_lock (&self->status_lock);
  ret = g_strdup (self->status);
  g_mutex_unlock (&self->status_lock);
  return ret;
}

gboolean
cw_exporter_get_busy (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), FALSE);
  return self->busy;
}

guint
cw_exporter_get_frames_total (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);
  return self->frames_total;
}

guint
cw_exporter_get_frames_done (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);
  return g_atomic_int_get (&self->frames_done);
}

/**
 * cw_exporter_get_frames_written:
 *
 * Returns: the frames in the sequences the last run completed, summed over
 *   every language and format
 */
guint
cw_exporter_get_frames_written (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);
  return self->frames_written;
}

/* Frames actually drawn and encoded; the rest repeated a static hold. */
guint
cw_exporter_get_frames_rendered (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);
  return g_atomic_int_get (&self->frames_rendered);
}

/**
 * cw_exporter_get_results:
 *
 * Returns: (transfer none) (element-type GFile): the folder of each
 *   sequence written by the last run
 */
GPtrArray *
cw_exporter_get_results (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->results;
}

/**
 * cw_exporter_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): what the last run found
 *   worth telling (untranslated texts, text that does not fit…)
 */
GPtrArray *
cw_exporter_get_warnings (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->warnings;
}

gboolean
cw_ffmpeg_is_available (void)
{
  g_autofree char *path = g_find_program_in_path ("ffmpeg");

  return path != NULL;
}

static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", NULL);
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len > 48)
    g_string_truncate (slug, 48);
  if (slug->len == 0)
    g_string_append (slug, "clip");
  return g_string_free (slug, FALSE);
}

static char *
video_name (CwExporter *self,
            const Job  *job)
{
  g_autofree char *slug = slugify (cw_deck_get_title (self->deck));

  return g_strdup_printf ("%s-%s-%s.mp4", slug, job->language, job->format->name);
}

static GStrv
ffmpeg_argv (guint       fps,
             const char *output)
{
  g_autofree char *rate = g_strdup_printf ("%u", fps);
  g_autofree char *gop = g_strdup_printf ("%u", fps * 2);
  const char *argv[] = {
    "ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
    "-framerate", rate, "-start_number", "0", "-i", FRAME_PATTERN,
    "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
    "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-profile:v", "high",
    "-g", gop, "-r", rate,
    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
    "-color_range", "tv",
    "-movflags", "+faststart",
    output,
    NULL
  };

  return g_strdupv ((char **) argv);
}

static char *
shell_join (const char * const *argv)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; argv[i]; i++)
    {
      g_autofree char *quoted = NULL;
      gboolean plain = TRUE;

      for (const char *p = argv[i]; *p; p++)
        {
          if (!g_ascii_isalnum (*p) && strchr ("-_+.:=/%,", *p) == NULL)
            plain = FALSE;
        }
      quoted = plain ? g_strdup (argv[i]) : g_shell_quote (argv[i]);
      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, quoted);
    }
  return g_string_free (str, FALSE);
}

static GPtrArray *
plan_jobs (CwExporter  *self,
           GError     **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);

  for (guint i = 0; i < self->languages->len; i++)
    g_ptr_array_add (languages, g_strdup (g_ptr_array_index (self->languages, i)));
  if (languages->len == 0)
    g_ptr_array_add (languages, g_strdup (cw_deck_get_language (self->deck)));

  for (guint i = 0; i < self->formats->len; i++)
    g_ptr_array_add (formats, cw_format_copy (g_ptr_array_index (self->formats, i)));
  if (formats->len == 0)
    {
      CwFormat *format = cw_format_lookup (cw_deck_get_format (self->deck), error);
      if (format == NULL)
        return NULL;
      g_ptr_array_add (formats, format);
    }

  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);

      if (!cw_deck_has_language (self->deck, language))
        {
          g_auto(GStrv) known = cw_deck_list_languages (self->deck);
          g_autofree char *list = g_strjoinv (", ", known);
          g_set_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE,
                       _("The deck has no “%s” translation; its languages are %s. Import a catalog for it first."),
                       language, list);
          return NULL;
        }

      for (guint j = 0; j < formats->len; j++)
        {
          const CwFormat *format = g_ptr_array_index (formats, j);
          Job *job = g_new0 (Job, 1);

          job->language = g_strdup (language);
          job->format = cw_format_copy (format);
          /* one sequence goes where it was asked; several get a folder each */
          if (languages->len > 1 && formats->len > 1)
            {
              g_autoptr(GFile) by_language = g_file_get_child (self->output_dir, language);
              job->dir = g_file_get_child (by_language, format->name);
            }
          else if (languages->len > 1)
            job->dir = g_file_get_child (self->output_dir, language);
          else if (formats->len > 1)
            job->dir = g_file_get_child (self->output_dir, format->name);
          else
            job->dir = g_object_ref (self->output_dir);
          g_ptr_array_add (jobs, job);
        }
    }

  return g_steal_pointer (&jobs);
}

static gboolean
is_export_file (const char *name)
{
  return (g_str_has_prefix (name, "frame_") && g_str_has_suffix (name, ".png")) ||
         g_str_equal (name, "manifest.json") ||
         g_str_equal (name, "captions.txt") ||
         g_str_has_suffix (name, ".mp4");
}

/* Whether @dir already holds an export that this run would replace. */
static gboolean
holds_export (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) || info == NULL)
        return FALSE;
      if (is_export_file (g_file_info_get_name (info)))
        return TRUE;
    }
}

/* Removes @dir and all it holds. Only for our own staging folders, so
 * nothing in it is the user's; links are removed, never followed. */
static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (dir, NULL, NULL);
}

static void
set_write_error (GError     **error,
                 GFile       *dir,
                 int          errsv)
{
  g_autofree char *name = g_file_get_parse_name (dir);

  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                 _("The disk is full: %s cannot hold the frames. Free some space, or export to another disk. Nothing was left half-written."),
                 name);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                 _("You may not write to %s. Choose a folder of your own."), name);
  else
    g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                 _("Could not write the frames to %s: %s"), name, g_strerror (errsv));
}

/* Frames with the same picture are rendered once and written N times. */
typedef struct
{
  guint first;
  guint n;
} Run;

typedef struct
{
  CwExporter   *self;
  CwRenderer   *renderer;
  char         *staging;
  GFile        *dir;
  GCancellable *cancellable;
  GMutex        lock;
  GError       *error;
} RenderState;

static gboolean
render_failed (RenderState *state)
{
  gboolean failed;

  g_mutex_lock (&state->lock);
  failed = state->error != NULL;
  g_mutex_unlock (&state->lock);
  return failed || g_cancellable_is_cancelled (state->cancellable);
}

static void
fail (RenderState *state,
      GError      *error)
{
  g_mutex_lock (&state->lock);
  if (state->error == NULL)
    state->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&state->lock);
}

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            int         *errsv)
{
  FILE *fp = fopen (path, "wb");
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);
  gboolean ok;

  if (fp == NULL)
    {
      *errsv = errno;
      return FALSE;
    }
  ok = fwrite (data, 1, len, fp) == len;
  if (!ok)
    *errsv = errno;
  if (fclose (fp) != 0 && ok)
    {
      *errsv = errno;
      ok = FALSE;
    }
  return ok;
}

static void
render_run (gpointer data,
            gpointer user_data)
{
  Run *run = data;
  RenderState *state = user_data;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;

  if (render_failed (state))
    {
      g_free (run);
      return;
    }

  surface = cw_renderer_render_frame (state->renderer, run->first);
  png = cw_png_encode (surface, PNG_LEVEL, &error);
  g_clear_pointer (&surface, cairo_surface_destroy);
  g_atomic_int_inc (&state->self->frames_rendered);

  if (png == NULL)
    {
      fail (state, error);
      g_free (run);
      return;
    }

  for (guint i = 0; i < run->n; i++)
    {
      g_autofree char *name = g_strdup_printf (FRAME_PATTERN, run->first + i);
      g_autofree char *path = g_build_filename (state->staging, name, NULL);
      int errsv = 0;

      if (!write_file (path, png, &errsv))
        {
          GError *write_error = NULL;
          set_write_error (&write_error, state->dir, errsv);
          fail (state, write_error);
          break;
        }
      g_atomic_int_inc (&state->self->frames_done);
      queue_notify (state->self);
    }

  g_free (run);
}

static JsonNode *
build_manifest (CwExporter  *self,
                const Job   *job,
                CwRenderer  *renderer,
                const char  *video)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) argv = ffmpeg_argv (cw_renderer_get_fps (renderer),
                                    video ? video : "video.mp4");
  g_autofree char *shell = shell_join ((const char * const *) argv);
  const CwFormat *format = job->format;
  GPtrArray *untranslated = cw_renderer_get_untranslated (renderer);
  guint n_slides = cw_renderer_get_n_slides (renderer);
  guint fps = cw_renderer_get_fps (renderer);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Clearway " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "deck_title");
  json_builder_add_string_value (builder, cw_deck_get_title (self->deck));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, job->language);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format->name);
  json_builder_set_member_name (builder, "format_label");
  json_builder_add_string_value (builder, format->label);
  json_builder_set_member_name (builder, "aspect");
  json_builder_add_string_value (builder, format->aspect);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, format->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, format->height);
  json_builder_set_member_name (builder, "fps");
  json_builder_add_int_value (builder, fps);
  json_builder_set_member_name (builder, "frame_count");
  json_builder_add_int_value (builder, cw_renderer_get_n_frames (renderer));
  json_builder_set_member_name (builder, "start_number");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "file_pattern");
  json_builder_add_string_value (builder, FRAME_PATTERN);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, cw_renderer_get_duration (renderer));
  json_builder_set_member_name (builder, "pixel_format");
  json_builder_add_string_value (builder, cw_renderer_get_transparent (renderer) ? "rgba" : "rgb24");
  json_builder_set_member_name (builder, "color_space");
  json_builder_add_string_value (builder, "sRGB");

  json_builder_set_member_name (builder, "safe_area");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_int_value (builder, (gint64) format->safe.x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_int_value (builder, (gint64) format->safe.y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, (gint64) format->safe.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, (gint64) format->safe.height);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "slides");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_slides; i++)
    {
      CwSlide *slide = cw_deck_get_slide (self->deck, i);
      guint first, n;

      cw_renderer_get_slide_frames (renderer, i, &first, &n);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cw_slide_get_id (slide));
      json_builder_set_member_name (builder, "template");
      json_builder_add_string_value (builder, cw_slide_get_template_id (slide));
      json_builder_set_member_name (builder, "first_frame");
      json_builder_add_int_value (builder, first);
      json_builder_set_member_name (builder, "last_frame");
      json_builder_add_int_value (builder, first + n - 1);
      json_builder_set_member_name (builder, "frame_count");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, (double) first / fps);
      json_builder_set_member_name (builder, "duration");
      json_builder_add_double_value (builder, (double) n / fps);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "ffmpeg_command");
  json_builder_begin_array (builder);
  for (guint i = 0; argv[i]; i++)
    json_builder_add_string_value (builder, argv[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "ffmpeg_shell");
  json_builder_add_string_value (builder, shell);

  if (video != NULL)
    {
      json_builder_set_member_name (builder, "video");
      json_builder_add_string_value (builder, video);
    }

  json_builder_set_member_name (builder, "untranslated");
  json_builder_begin_array (builder);
  for (guint i = 0; i < untranslated->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (untranslated, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
build_captions (CwRenderer *renderer)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);

      for (guint j = 0; j < scene->texts->len; j++)
        {
          g_string_append (text, g_ptr_array_index (scene->texts, j));
          g_string_append_c (text, '\n');
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* Encodes the frames in @staging into @video beside them. */
static gboolean
run_ffmpeg (CwExporter    *self,
            const char    *staging,
            guint          n_frames,
            const char    *video,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) progress = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stderr_text = NULL;
  g_auto(GStrv) argv = ffmpeg_argv (self->fps, video);
  g_autoptr(GStrvBuilder) full = g_strv_builder_new ();
  g_auto(GStrv) full_argv = NULL;
  guint base = g_atomic_int_get (&self->frames_done);
  char *line;

  if (!cw_ffmpeg_is_available ())
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   _("ffmpeg is not installed, so no MP4 was made; the PNG frames are ready. Install ffmpeg (apt install ffmpeg) and export again, or run the command in manifest.json."));
      return FALSE;
    }

  /* ffmpeg writes key=value progress lines to stdout */
  g_strv_builder_add (full, argv[0]);
  g_strv_builder_add_many (full, "-progress", "pipe:1", "-nostats", NULL);
  for (guint i = 1; argv[i]; i++)
    g_strv_builder_add (full, argv[i]);
  full_argv = g_strv_builder_end (full);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, staging);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full_argv, &local_error);
  if (process == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED, _("ffmpeg could not be started: %s"),
                   local_error->message);
      return FALSE;
    }

  progress = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (progress, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "frame="))
        {
          /* encoding counts as much as rendering in the progress bar */
          guint64 encoded = g_ascii_strtoull (line + 6, NULL, 10);
          g_atomic_int_set (&self->frames_done, base + MIN (encoded, n_frames));
          queue_notify (self);
        }
      g_free (line);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_subprocess_force_exit (process);
          break;
        }
    }

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, NULL);
  g_subprocess_wait (process, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* what a failed ffmpeg left goes with the staging folder */
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED,
                   _("ffmpeg could not make the MP4 (%s). The PNG frames are complete; the command is in manifest.json."),
                   stderr_text && *stderr_text ? g_strstrip (stderr_text) : _("no message"));
      return FALSE;
    }

  g_atomic_int_set (&self->frames_done, base + n_frames);
  return TRUE;
}

/* One sequence, complete in its hidden staging folder, on its way into
 * place. */
typedef struct
{
  GFile     *dir;
  char      *staging;
  GPtrArray *names;     /* what moves into @dir, in order: the manifest last */
  guint      n_moved;
  GPtrArray *previous;  /* the earlier export's files, set aside in staging */
  guint      n_frames;
  gboolean   keep;
} Staged;

#define PREVIOUS_FOLDER "previous"

static void
staged_free (Staged *staged)
{
  /* a staging folder still holding an earlier export that could not be
   * put back is kept: an export never deletes the user's earlier work */
  if (!staged->keep)
    {
      g_autoptr(GFile) staging = g_file_new_for_path (staged->staging);
      remove_tree (staging);
    }
  g_clear_object (&staged->dir);
  g_free (staged->staging);
  g_ptr_array_unref (staged->names);
  g_ptr_array_unref (staged->previous);
  g_free (staged);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Staged, staged_free)

/* Writes @contents into the staging folder as @name, to be moved into place. */
static gboolean
stage_file (Staged      *staged,
            const char  *name,
            char        *contents,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, strlen (contents));
  g_autofree char *path = g_build_filename (staged->staging, name, NULL);
  int errsv = 0;

  if (!write_file (path, bytes, &errsv))
    {
      set_write_error (error, staged->dir, errsv);
      return FALSE;
    }
  g_ptr_array_add (staged->names, g_strdup (name));
  return TRUE;
}

/* Renders one sequence with its captions, video and manifest into a
 * staging folder inside its destination. A video ffmpeg fails to make is
 * left out and its error put in @mp4_error; the sequence is complete
 * without it. Returns: (nullable): the staged sequence, or %NULL on error
 * or cancellation, with nothing left behind. */
static Staged *
stage_job (CwExporter    *self,
           const Job     *job,
           CwRenderer    *renderer,
           guint          threads,
           GCancellable  *cancellable,
           GError       **mp4_error,
           GError       **error)
{
  g_autofree char *dir_path = g_file_get_path (job->dir);
  g_autoptr(Staged) staged = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *video = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  RenderState state = { 0 };
  GThreadPool *pool;
  guint n_frames = cw_renderer_get_n_frames (renderer);
  guint frame = 0;

  /* Translators: progress of an export: a language code such as "az", then a format such as "TikTok" */
  set_status (self, g_strdup_printf (_("Rendering %s, %s"), job->language, job->format->label));

  if (g_mkdir_with_parents (dir_path, 0755) != 0)
    {
      set_write_error (error, job->dir, errno);
      return NULL;
    }

  staging = g_build_filename (dir_path, ".clearway-partial-XXXXXX", NULL);
  if (g_mkdtemp (staging) == NULL)
    {
      set_write_error (error, job->dir, errno);
      return NULL;
    }

  staged = g_new0 (Staged, 1);
  staged->dir = g_object_ref (job->dir);
  staged->staging = g_steal_pointer (&staging);
  staged->names = g_ptr_array_new_full (n_frames + 3, g_free);
  staged->previous = g_ptr_array_new_with_free_func (g_free);
  staged->n_frames = n_frames;

  state.self = self;
  state.renderer = renderer;
  state.staging = staged->staging;
  state.dir = job->dir;
  state.cancellable = cancellable;
  g_mutex_init (&state.lock);

  pool = g_thread_pool_new (render_run, &state, threads, TRUE, NULL);
  while (frame < n_frames && !render_failed (&state))
    {
      Run *run = g_new0 (Run, 1);

      run->first = frame;
      run->n = 1;
      while (frame + run->n < n_frames &&
             cw_renderer_frames_identical (renderer, frame, frame + run->n))
        run->n++;
      frame += run->n;
      g_thread_pool_push (pool, run, NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&state.lock);

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < n_frames; i++)
    g_ptr_array_add (staged->names, g_strdup_printf (FRAME_PATTERN, i));

  if (!stage_file (staged, "captions.txt", build_captions (renderer), error))
    return NULL;

  if (self->mp4)
    {
      g_autoptr(GError) local_error = NULL;

      video = video_name (self, job);
      /* Translators: progress of an export: a language code such as "az", then a format such as "TikTok" */
      set_status (self, g_strdup_printf (_("Encoding the %s, %s video"), job->language,
                                         job->format->label));
      if (run_ffmpeg (self, staged->staging, n_frames, video, cancellable, &local_error))
        g_ptr_array_add (staged->names, g_strdup (video));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      else
        {
          /* the frames are still a complete sequence; its manifest gives
           * the command to make the video later */
          g_propagate_error (mp4_error, g_steal_pointer (&local_error));
          g_clear_pointer (&video, g_free);
        }
    }

  manifest = build_manifest (self, job, renderer, video);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, manifest);
  if (!stage_file (staged, "manifest.json", json_generator_to_data (generator, NULL), error))
    return NULL;

  return g_steal_pointer (&staged);
}

/* With overwriting, an earlier export in the destination is moved into
 * the staging folder rather than deleted, so a failed move can put it back. */
static gboolean
set_aside_earlier (Staged  *staged,
                   GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir_path = g_file_get_path (staged->dir);
  g_autofree char *aside = g_build_filename (staged->staging, PREVIOUS_FOLDER, NULL);

  children = g_file_enumerate_children (staged->dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  while (children != NULL)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, &local_error) || info == NULL)
        break;
      /* a folder that happens to have such a name is not ours to move */
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY &&
          is_export_file (g_file_info_get_name (info)))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  if (local_error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (staged->dir);
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                   _("Could not write the frames to %s: %s"), name, local_error->message);
      return FALSE;
    }
  if (names->len == 0)
    return TRUE;

  if (g_mkdir (aside, 0700) != 0)
    {
      set_write_error (error, staged->dir, errno);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *from = g_build_filename (dir_path, name, NULL);
      g_autofree char *to = g_build_filename (aside, name, NULL);

      if (g_rename (from, to) != 0)
        {
          set_write_error (error, staged->dir, errno);
          return FALSE;
        }
      g_ptr_array_add (staged->previous, g_strdup (name));
    }
  return TRUE;
}

/* Moves a staged sequence into place: the step that makes it look finished. */
static gboolean
publish (Staged    *staged,
         gboolean   overwrite,
         GError   **error)
{
  g_autofree char *dir_path = g_file_get_path (staged->dir);

  if (overwrite && !set_aside_earlier (staged, error))
    return FALSE;

  for (; staged->n_moved < staged->names->len; staged->n_moved++)
    {
      const char *name = g_ptr_array_index (staged->names, staged->n_moved);
      g_autofree char *from = g_build_filename (staged->staging, name, NULL);
      g_autofree char *to = g_build_filename (dir_path, name, NULL);

      if (g_rename (from, to) != 0)
        {
          set_write_error (error, staged->dir, errno);
          return FALSE;
        }
    }
  return TRUE;
}

/* Undoes publish() after a failure: what was moved in goes, and the
 * earlier export comes back. */
static void
unpublish (Staged *staged)
{
  g_autofree char *dir_path = g_file_get_path (staged->dir);
  g_autofree char *aside = g_build_filename (staged->staging, PREVIOUS_FOLDER, NULL);

  for (guint i = 0; i < staged->n_moved; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (staged->names, i), NULL);
      g_unlink (path);
    }
  staged->n_moved = 0;

  for (guint i = 0; i < staged->previous->len; i++)
    {
      const char *name = g_ptr_array_index (staged->previous, i);
      g_autofree char *from = g_build_filename (aside, name, NULL);
      g_autofree char *to = g_build_filename (dir_path, name, NULL);

      if (g_rename (from, to) != 0)
        staged->keep = TRUE;
    }
}

/**
 * cw_exporter_run:
 *
 * Exports every language × format asked for, blocking until done. Each
 * sequence goes to the output folder (or a folder per language or format
 * inside it when there are several). A folder that already holds an export
 * is refused unless overwriting was asked for. Nothing is moved into place
 * until every sequence is complete; on any error or cancellation no
 * sequence is left, and an earlier one being replaced is kept. The one
 * exception is ffmpeg failing: the PNG sequences made so far (the one
 * without its video included) are complete, so they are kept, and the
 * error is %CW_ERROR_FFMPEG_FAILED.
 *
 * Returns: %TRUE on success; on cancellation %FALSE with
 *   %G_IO_ERROR_CANCELLED, which is not to be shown as an error
 */
gboolean
cw_exporter_run (CwExporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) renderers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) staged = g_ptr_array_new_with_free_func ((GDestroyNotify) staged_free);
  g_autoptr(GError) mp4_error = NULL;
  g_autofree char *local_path = NULL;
  guint threads;

  g_return_val_if_fail (CW_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (self->output_dir != NULL, FALSE);

  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->warnings, 0);
  g_atomic_int_set (&self->frames_done, 0);
  g_atomic_int_set (&self->frames_rendered, 0);
  self->frames_total = 0;
  self->frames_written = 0;

  local_path = g_file_get_path (self->output_dir);
  if (local_path == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                   _("Exports go to a folder on this computer; choose a local folder."));
      return FALSE;
    }

  jobs = plan_jobs (self, error);
  if (jobs == NULL)
    return FALSE;

  /* refuse before rendering anything, not after minutes of work */
  if (!self->overwrite)
    {
      for (guint i = 0; i < jobs->len; i++)
        {
          Job *job = g_ptr_array_index (jobs, i);

          if (holds_export (job->dir))
            {
              g_autofree char *name = g_file_get_parse_name (job->dir);
              g_set_error (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS,
                           _("%s already holds an export. Choose another folder, or allow overwriting it (--overwrite)."),
                           name);
              return FALSE;
            }
        }
    }

  if (self->mp4 && !cw_ffmpeg_is_available ())
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   _("MP4 export needs ffmpeg, which is not installed. Install it (apt install ffmpeg), or export the PNG frames only."));
      return FALSE;
    }

  set_status (self, g_strdup (_("Laying out the slides")));
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      CwRenderer *renderer = cw_renderer_new (self->deck, job->language, job->format, self->fps);
      GPtrArray *warnings = cw_renderer_get_warnings (renderer);
      GPtrArray *untranslated = cw_renderer_get_untranslated (renderer);

      g_ptr_array_add (renderers, renderer);
      self->frames_total += cw_renderer_get_n_frames (renderer) * (self->mp4 ? 2 : 1);

      for (guint j = 0; j < warnings->len; j++)
        g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (warnings, j)));
      if (untranslated->len > 0)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint j = 0; j < untranslated->len; j++)
            g_string_append_printf (list, "%s%s", j ? ", " : "",
                                    (const char *) g_ptr_array_index (untranslated, j));
          g_ptr_array_add (self->warnings,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%s: %u text is not translated and is shown in the source language: %s",
                                                         "%s: %u texts are not translated and are shown in the source language: %s",
                                                         untranslated->len),
                                            job->language, untranslated->len, list->str));
        }
    }

  threads = self->jobs > 0 ? self->jobs : g_get_num_processors ();

  for (guint i = 0; i < jobs->len; i++)
    {
      Staged *one = stage_job (self, g_ptr_array_index (jobs, i), g_ptr_array_index (renderers, i),
                               threads, cancellable, &mp4_error, error);

      if (one == NULL)
        return FALSE;
      g_ptr_array_add (staged, one);
      /* a video that failed stops here; the sequences made so far are complete */
      if (mp4_error != NULL)
        break;
    }

  /* the last step: every sequence moves into place, or none stays there */
  for (guint i = 0; i < staged->len; i++)
    {
      if (!publish (g_ptr_array_index (staged, i), self->overwrite, error))
        {
          for (guint j = i + 1; j-- > 0;)
            unpublish (g_ptr_array_index (staged, j));
          return FALSE;
        }
    }
  for (guint i = 0; i < staged->len; i++)
    {
      Staged *one = g_ptr_array_index (staged, i);

      g_ptr_array_add (self->results, g_object_ref (one->dir));
      self->frames_written += one->n_frames;
    }

  if (mp4_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&mp4_error));
      return FALSE;
    }

  set_status (self, g_strdup (_("Done")));
  return TRUE;
}

static void
set_busy (CwExporter *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CwExporter *self = source_object;
  GError *error = NULL;

  if (cw_exporter_run (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CwExporter *self = CW_EXPORTER (object);
  GError *error = NULL;

  set_busy (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * cw_exporter_run_async:
 *
 * Runs the export on worker threads; #CwExporter:fraction and
 * #CwExporter:status are notified on the calling thread's main context.
 */
void
cw_exporter_run_async (CwExporter          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;

  g_return_if_fail (CW_IS_EXPORTER (self));
  g_return_if_fail (!self->busy);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  set_busy (self, TRUE);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cw_exporter_run_async);

  inner = g_task_new (self, cancellable, run_done, outer);
  g_task_run_in_thread (inner, run_thread);
}

gboolean
cw_exporter_run_finish (CwExporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
