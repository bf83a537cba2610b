/* cw-exporter.c
 *
 * An export is a plan (each language × format asked for, and the folder
 * each goes to), one sequence writer per entry, and the videos of the
 * encoder table asked for. The exporter checks every destination before
 * anything is rendered, runs the writers and encoders one after another,
 * and moves the sequences into place only once every one is complete.
 *
 * Progress is one number from 0 to 1 for the whole export: a frame
 * written counts one, a frame encoded counts its encoder's weight. It
 * reaches 1 only when everything is in place. The time left is estimated
 * per phase: rendering at the pace frames were rendered, encoding at the
 * pace ffmpeg encodes, measured once it has said how far it is, since the
 * encoders' weights are only a guess for another machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cw-error.h"
#include "cw-exporter.h"
#include "cw-fonts.h"
#include "cw-pixels.h"
#include "cw-renderer.h"

/* the most progress shows before the sequences are in place */
#define FRACTION_BEFORE_DONE 0.999

struct _CwExporter
{
  GObject       parent_instance;

  CwDeck       *deck;
  GFile        *output_dir;
  GPtrArray    *languages;
  GPtrArray    *formats;
  GPtrArray    *encoders;
  guint         fps;
  guint         jobs;
  gboolean      overwrite;
  gboolean      folder_per_sequence;
  gboolean      video_only;
  /* cw_exporter_add_variant(): each a deck with a folder of its own; the
   * decks of the writers run_sequences() plans, in the writers' order */
  GPtrArray    *variants;
  GPtrArray    *writer_decks;
  GPtrArray    *writer_variants;

  /* progress, written by workers, read by anyone */
  gint          frames_done;
  gint          frames_rendered;
  guint         frames_written;
  GMutex        lock;
  double        units_done;
  double        units_total;
  /* each phase's share of the units, and the time spent in it */
  CwExportPhase phase;
  gint64        phase_started;
  double        phase_units[CW_EXPORT_N_PHASES];
  double        phase_total[CW_EXPORT_N_PHASES];
  double        phase_seconds[CW_EXPORT_N_PHASES];
  gboolean      finished;
  char         *status;
  gboolean      busy;

  /* coalesces progress notifications onto the caller's main context, and
   * what they last told, so each change is told once */
  GMainContext *context;
  gint          notify_pending;
  double        notified_fraction;
  char         *notified_status;

  GPtrArray    *results;
  GPtrArray    *videos;
  GPtrArray    *earlier;
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
cw_exporter_finalize (GObject *object)
{
  CwExporter *self = (CwExporter *)object;

  g_clear_object (&self->deck);
  g_clear_object (&self->output_dir);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->writer_decks, g_ptr_array_unref);
  g_clear_pointer (&self->writer_variants, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_clear_pointer (&self->encoders, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->notified_status, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->videos, g_ptr_array_unref);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

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

typedef struct
{
  char   *folder;
  CwDeck *deck;
} Variant;

static void
variant_free (gpointer data)
{
  Variant *variant = data;

  g_free (variant->folder);
  g_object_unref (variant->deck);
  g_free (variant);
}

static void
cw_exporter_init (CwExporter *self)
{
  self->languages = g_ptr_array_new_with_free_func (g_free);
  self->formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  self->encoders = g_ptr_array_new ();
  self->variants = g_ptr_array_new_with_free_func (variant_free);
  self->writer_decks = g_ptr_array_new_with_free_func (g_object_unref);
  self->writer_variants = g_ptr_array_new_with_free_func (g_free);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->videos = g_ptr_array_new_with_free_func (g_object_unref);
  self->earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_earlier_export_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_mutex_init (&self->lock);
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

/* Adds a video to make of every sequence; each encoder is made once. */
void
cw_exporter_add_encoder (CwExporter      *self,
                         const CwEncoder *encoder)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  g_return_if_fail (encoder != NULL);

  if (!g_ptr_array_find (self->encoders, encoder, NULL))
    g_ptr_array_add (self->encoders, (gpointer) encoder);
}

/**
 * cw_exporter_set_overwrite:
 *
 * Whether an earlier export in a destination may be replaced. Only files
 * an earlier Clearway manifest there lists are ever replaced, with or
 * without this.
 */
void
cw_exporter_set_overwrite (CwExporter *self,
                           gboolean    overwrite)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->overwrite = overwrite;
}

gboolean
cw_exporter_get_overwrite (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), FALSE);
  return self->overwrite;
}

/**
 * cw_exporter_set_folder_per_sequence:
 *
 * Whether every sequence goes to a folder of its own, "<lang>-<format>",
 * even when there is only one: the same layout whatever was asked, as one
 * clip per row of a table (cw-variants.h) wants for every row.
 */
void
cw_exporter_set_folder_per_sequence (CwExporter *self,
                                     gboolean    folder_per_sequence)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->folder_per_sequence = folder_per_sequence;
}

/**
 * cw_exporter_add_variant:
 * @folder: a folder name inside the output folder
 * @deck: the deck to export there (copied now)
 *
 * Exports @deck into @folder, "<folder>/<lang>-<format>/", in the same
 * run as every other variant added: their sequences are checked before
 * any is rendered, rendered one after another with every core, and
 * published all together or not at all. Once a variant is added, the
 * deck the exporter was made with is no longer exported itself.
 */
void
cw_exporter_add_variant (CwExporter *self,
                         const char *folder,
                         CwDeck     *deck)
{
  Variant *variant;

  g_return_if_fail (CW_IS_EXPORTER (self));
  g_return_if_fail (folder != NULL && *folder != '\0');
  g_return_if_fail (CW_IS_DECK (deck));

  variant = g_new0 (Variant, 1);
  variant->folder = g_strdup (folder);
  variant->deck = cw_deck_copy (deck);
  g_ptr_array_add (self->variants, variant);
}

/* How much of the export is done now, as the workers go. */
static double
current_fraction (CwExporter *self)
{
  double fraction = 0;

  g_mutex_lock (&self->lock);
  if (self->finished)
    fraction = 1.0;
  else if (self->units_total > 0)
    fraction = MIN (FRACTION_BEFORE_DONE, self->units_done / self->units_total);
  g_mutex_unlock (&self->lock);
  return fraction;
}

/* On the caller's main context: tells what changed since it last told. */
static void
notify_changes (CwExporter *self)
{
  double fraction = current_fraction (self);
  g_autofree char *status = cw_exporter_dup_status (self);

  if (fraction != self->notified_fraction)
    {
      self->notified_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (status, self->notified_status) != 0)
    {
      g_free (self->notified_status);
      self->notified_status = g_steal_pointer (&status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

static gboolean
notify_progress_idle (gpointer data)
{
  CwExporter *self = data;

  g_atomic_int_set (&self->notify_pending, 0);
  notify_changes (self);
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
  g_mutex_lock (&self->lock);
  g_free (self->status);
  self->status = status;
  g_mutex_unlock (&self->lock);
  queue_notify (self);
}

static void
add_units (CwExporter *self,
           double      units)
{
  g_mutex_lock (&self->lock);
  self->units_done += units;
  self->phase_units[self->phase] += units;
  g_mutex_unlock (&self->lock);
  queue_notify (self);
}

static void
set_phase (CwExporter    *self,
           CwExportPhase  phase)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  if (self->phase_started != 0)
    self->phase_seconds[self->phase] += (now - self->phase_started) / (double) G_USEC_PER_SEC;
  self->phase = phase;
  self->phase_started = now;
  g_mutex_unlock (&self->lock);
  queue_notify (self);
}

/**
 * cw_exporter_get_phase:
 *
 * Returns: what the export is doing now: laying out, rendering frames,
 *   encoding a video, or moving the files into place
 */
CwExportPhase
cw_exporter_get_phase (CwExporter *self)
{
  CwExportPhase phase;

  g_return_val_if_fail (CW_IS_EXPORTER (self), CW_EXPORT_PHASE_LAYOUT);

  g_mutex_lock (&self->lock);
  phase = self->phase;
  g_mutex_unlock (&self->lock);
  return phase;
}

/**
 * cw_exporter_get_seconds_left:
 *
 * An estimate of the time the export still takes: the rendering left at
 * the pace of the frames rendered so far, and the encoding left at the
 * pace ffmpeg has encoded (at the rendering pace, by the encoders'
 * weights, before any video was begun).
 *
 * Returns: the seconds left, or a negative number while there is nothing
 *   to go by (the first frames, a video ffmpeg has not yet said anything
 *   about, or has encoded every frame of and is still writing)
 */
double
cw_exporter_get_seconds_left (CwExporter *self)
{
  double seconds[CW_EXPORT_N_PHASES], units[CW_EXPORT_N_PHASES], total[CW_EXPORT_N_PHASES];
  double render_pace, encode_pace, left;
  CwExportPhase phase;
  gboolean finished;

  g_return_val_if_fail (CW_IS_EXPORTER (self), -1);

  g_mutex_lock (&self->lock);
  memcpy (seconds, self->phase_seconds, sizeof seconds);
  memcpy (units, self->phase_units, sizeof units);
  memcpy (total, self->phase_total, sizeof total);
  phase = self->phase;
  finished = self->finished;
  if (self->phase_started != 0)
    seconds[phase] += (g_get_monotonic_time () - self->phase_started) / (double) G_USEC_PER_SEC;
  g_mutex_unlock (&self->lock);

  if (finished)
    return 0;
  /* a pace needs a few frames to go by */
  if (units[CW_EXPORT_PHASE_RENDERING] < MAX (3, total[CW_EXPORT_PHASE_RENDERING] * 0.03))
    return -1;
  render_pace = seconds[CW_EXPORT_PHASE_RENDERING] / units[CW_EXPORT_PHASE_RENDERING];
  if (units[CW_EXPORT_PHASE_ENCODING] > 0)
    encode_pace = seconds[CW_EXPORT_PHASE_ENCODING] / units[CW_EXPORT_PHASE_ENCODING];
  else if (phase == CW_EXPORT_PHASE_ENCODING)
    return -1;
  else
    encode_pace = render_pace;

  left = (total[CW_EXPORT_PHASE_RENDERING] - units[CW_EXPORT_PHASE_RENDERING]) * render_pace +
         (total[CW_EXPORT_PHASE_ENCODING] - units[CW_EXPORT_PHASE_ENCODING]) * encode_pace;
  /* every frame encoded, and ffmpeg still writing the file: no pace tells how long */
  if (left < 0.5 && phase != CW_EXPORT_PHASE_RENDERING)
    return -1;
  return MAX (left, 0);
}

/**
 * cw_exporter_set_video_only:
 *
 * Keeps only the videos (with each sequence's captions and manifest): the
 * frames are rendered into the staging folder for ffmpeg and deleted once
 * the videos are made. Needs a video type (cw_exporter_add_encoder()).
 */
void
cw_exporter_set_video_only (CwExporter *self,
                            gboolean    video_only)
{
  g_return_if_fail (CW_IS_EXPORTER (self));
  self->video_only = video_only;
}

/**
 * cw_exporter_get_fraction:
 *
 * How much of the whole export is done, rendering and encoding weighed
 * together. After cw_exporter_run_async() it is the value last notified on
 * the caller's main context, so whoever reads it there when told sees each
 * value once, never less than before, and 1 once.
 *
 * Returns: from 0 to 1, and 1 only once everything is in place
 */
double
cw_exporter_get_fraction (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), 0);

  if (self->context != NULL)
    return self->notified_fraction;
  return current_fraction (self);
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

  g_mutex_lock (&self->lock);
  ret = g_strdup (self->status);
  g_mutex_unlock (&self->lock);
  return ret;
}

gboolean
cw_exporter_get_busy (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), FALSE);
  return self->busy;
}

/* Frames written so far by this run, complete sequences or not. */
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
 * cw_exporter_get_videos:
 *
 * Returns: (transfer none) (element-type GFile): each video the last run
 *   made, in place beside its frames
 */
GPtrArray *
cw_exporter_get_videos (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->videos;
}

/**
 * cw_exporter_get_earlier:
 *
 * What the last run found of earlier exports in its destinations: what it
 * replaced, or, when it was refused with %CW_ERROR_OUTPUT_EXISTS, what it
 * would replace if allowed to overwrite. For a prompt that names them.
 *
 * Returns: (transfer none) (element-type CwEarlierExport): one for each
 *   destination holding an earlier export
 */
GPtrArray *
cw_exporter_get_earlier (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->earlier;
}

/**
 * cw_exporter_get_warnings:
 *
 * Returns: (transfer none) (element-type CwDiagnostic): what the last run found
 *   worth telling (untranslated texts, text that does not fit…), and, after
 *   a failure, files it could not remove or put back, each naming the path
 */
GPtrArray *
cw_exporter_get_warnings (CwExporter *self)
{
  g_return_val_if_fail (CW_IS_EXPORTER (self), NULL);
  return self->warnings;
}

/* Returns: (transfer full) (element-type CwSequenceWriter): a writer for
 * each language × format, with the videos asked for planned */
static gboolean
plan_deck (CwExporter  *self,
           CwDeck      *deck,
           const char  *variant,
           GFile       *output_dir,
           GPtrArray   *writers,
           GError     **error)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);

  for (guint i = 0; i < self->languages->len; i++)
    g_ptr_array_add (languages, g_strdup (g_ptr_array_index (self->languages, i)));
  if (languages->len == 0)
    g_ptr_array_add (languages, g_strdup (cw_deck_get_language (deck)));

  for (guint i = 0; i < self->formats->len; i++)
    g_ptr_array_add (formats, cw_format_copy (g_ptr_array_index (self->formats, i)));
  if (formats->len == 0)
    {
      CwFormat *format = cw_format_lookup (cw_deck_get_format (deck), error);
      if (format == NULL)
        return FALSE;
      g_ptr_array_add (formats, format);
    }

  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);

      if (!cw_deck_has_language (deck, language))
        {
          g_auto(GStrv) known = cw_deck_list_languages (deck);
          g_autofree char *list = g_strjoinv (", ", known);
          g_set_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE,
                       _("The deck has no “%s” translation; its languages are %s. Import a catalog for it first."),
                       language, list);
          return FALSE;
        }

      for (guint j = 0; j < formats->len; j++)
        {
          const CwFormat *format = g_ptr_array_index (formats, j);
          g_autoptr(GFile) dir = NULL;
          CwSequenceWriter *writer;

          /* one sequence goes where it was asked; several get a folder each */
          if (self->folder_per_sequence || self->variants->len > 0)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s", language, format->name);
              dir = g_file_get_child (output_dir, name);
            }
          else if (languages->len > 1 && formats->len > 1)
            {
              g_autoptr(GFile) by_language = g_file_get_child (output_dir, language);
              dir = g_file_get_child (by_language, format->name);
            }
          else if (languages->len > 1)
            dir = g_file_get_child (output_dir, language);
          else if (formats->len > 1)
            dir = g_file_get_child (output_dir, format->name);
          else
            dir = g_object_ref (output_dir);

          writer = cw_sequence_writer_new (dir, deck, language, format);
          for (guint k = 0; k < self->encoders->len; k++)
            cw_sequence_writer_add_video (writer, g_ptr_array_index (self->encoders, k));
          cw_sequence_writer_set_video_only (writer, self->video_only);
          g_ptr_array_add (writers, writer);
          g_ptr_array_add (self->writer_decks, g_object_ref (deck));
          g_ptr_array_add (self->writer_variants, g_strdup (variant));
        }
    }

  return TRUE;
}

/* Returns: (transfer full) (element-type CwSequenceWriter): a writer for
 * each language × format (of each variant), with the videos asked for
 * planned; self->writer_decks gets each writer's deck */
static GPtrArray *
plan_sequences (CwExporter  *self,
                GError     **error)
{
  g_autoptr(GPtrArray) writers = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sequence_writer_free);

  g_ptr_array_set_size (self->writer_decks, 0);
  g_ptr_array_set_size (self->writer_variants, 0);
  if (self->variants->len == 0)
    return plan_deck (self, self->deck, NULL, self->output_dir, writers, error) ? g_steal_pointer (&writers) : NULL;

  for (guint i = 0; i < self->variants->len; i++)
    {
      Variant *variant = g_ptr_array_index (self->variants, i);
      g_autoptr(GFile) dir = g_file_get_child (self->output_dir, variant->folder);

      if (!plan_deck (self, variant->deck, variant->folder, dir, writers, error))
        return NULL;
    }
  return g_steal_pointer (&writers);
}



/* Looks into every destination before anything is rendered, not after
 * minutes of work: files Clearway did not write refuse the export, and an
 * earlier export refuses it unless overwriting was asked for. */
static gboolean
check_destinations (CwExporter  *self,
                    GPtrArray   *writers,
                    GError     **error)
{
  g_autoptr(GString) message = NULL;

  for (guint i = 0; i < writers->len; i++)
    {
      CwSequenceWriter *writer = g_ptr_array_index (writers, i);
      const CwEarlierExport *earlier;

      if (!cw_sequence_writer_inspect (writer, error))
        return FALSE;
      earlier = cw_sequence_writer_get_earlier (writer);
      if (earlier != NULL)
        g_ptr_array_add (self->earlier, cw_earlier_export_copy (earlier));
    }

  if (self->overwrite || self->earlier->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->earlier->len; i++)
    {
      CwEarlierExport *earlier = g_ptr_array_index (self->earlier, i);
      g_autofree char *name = g_file_get_parse_name (earlier->dir);
      g_autofree char *what = cw_earlier_export_describe (earlier);

      /* Translators: a folder, then what the export in it holds: "180 frames and captions.txt" */
      g_string_append_printf (message, _("%s already holds an export: %s."), name, what);
      g_string_append_c (message, ' ');
    }
  g_string_append (message, g_dngettext (GETTEXT_PACKAGE,
                                         "Choose another folder, or allow overwriting it (--overwrite).",
                                         "Choose another folder, or allow overwriting them (--overwrite).",
                                         self->earlier->len));
  g_set_error_literal (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS, message->str);
  return FALSE;
}

static void
on_frame_progress (guint    written,
                   guint    rendered,
                   gpointer user_data)
{
  CwExporter *self = user_data;

  if (rendered > 0)
    g_atomic_int_add (&self->frames_rendered, rendered);
  if (written > 0)
    {
      g_atomic_int_add (&self->frames_done, written);
      add_units (self, written);
    }
}

typedef struct
{
  CwExporter *self;
  double      weight;
  guint       frames;
} EncodeProgress;

static void
on_encode_progress (guint    frames,
                    gpointer user_data)
{
  EncodeProgress *progress = user_data;

  /* ffmpeg's count only grows; a repeated line adds nothing */
  if (frames <= progress->frames)
    return;
  add_units (progress->self, (frames - progress->frames) * progress->weight);
  progress->frames = frames;
}

/* A sequence's renderer goes as soon as the sequence is written. */
static void
unref_renderer (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

/* Lays out every sequence; the renderers' warnings become the export's.
 * Only the first sequence's renderer is kept: a layout takes milliseconds,
 * and a format × language matrix holding every renderer's layouts and
 * textures at once grew to hundreds of MB. run_sequences() lays out each
 * of the others again when its turn comes. */
static GPtrArray *
lay_out (CwExporter *self,
         GPtrArray  *writers)
{
  GPtrArray *renderers = g_ptr_array_new_with_free_func (unref_renderer);
  double encoding = 0;

  for (guint i = 0; i < self->encoders->len; i++)
    encoding += ((const CwEncoder *) g_ptr_array_index (self->encoders, i))->weight;

  set_status (self, g_strdup (_("Laying out the slides")));
  for (guint i = 0; i < writers->len; i++)
    {
      CwSequenceWriter *writer = g_ptr_array_index (writers, i);
      const char *language = cw_sequence_writer_get_language (writer);
      CwRenderer *renderer = cw_renderer_new (g_ptr_array_index (self->writer_decks, i), language,
                                              cw_sequence_writer_get_format (writer), self->fps);
      GPtrArray *warnings = cw_renderer_get_warnings (renderer);
      GPtrArray *untranslated = cw_renderer_get_untranslated (renderer);

      g_ptr_array_add (renderers, i == 0 ? renderer : NULL);
      g_mutex_lock (&self->lock);
      self->units_total += cw_renderer_get_n_frames (renderer) * (1 + encoding);
      self->phase_total[CW_EXPORT_PHASE_RENDERING] += cw_renderer_get_n_frames (renderer);
      self->phase_total[CW_EXPORT_PHASE_ENCODING] += cw_renderer_get_n_frames (renderer) * encoding;
      g_mutex_unlock (&self->lock);

      for (guint j = 0; j < warnings->len; j++)
        g_ptr_array_add (self->warnings, cw_diagnostic_copy (g_ptr_array_index (warnings, j)));
      if (untranslated->len > 0)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint j = 0; j < untranslated->len; j++)
            g_string_append_printf (list, "%s%s", j ? ", " : "",
                                    (const char *) g_ptr_array_index (untranslated, j));
          g_autofree char *message = NULL;

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%s: %u text is not translated and is shown in the source language: %s",
                                                  "%s: %u texts are not translated and are shown in the source language: %s",
                                                  untranslated->len),
                                     language, untranslated->len, list->str);
          g_ptr_array_add (self->warnings,
                           cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, NULL, NULL, message, NULL));
        }
      if (i > 0)
        g_object_unref (renderer);
    }
  return renderers;
}

/* Renders one sequence and makes its videos and manifest, all in its
 * staging folder. A video ffmpeg fails to make is left out and its error
 * put in @video_error; the sequence is complete without it. */
static gboolean
stage_sequence (CwExporter        *self,
                CwSequenceWriter  *writer,
                const char        *variant,
                CwRenderer        *renderer,
                guint              threads,
                GCancellable      *cancellable,
                GError           **video_error,
                GError           **error)
{
  const char *language = cw_sequence_writer_get_language (writer);
  const CwFormat *format = cw_sequence_writer_get_format (writer);

  if (variant != NULL)
    /* Translators: progress of an export: a table row's name, a language code such as "az", then a format such as "TikTok" */
    set_status (self, g_strdup_printf (_("Rendering %s: %s, %s"), variant, language, format->label));
  else
    /* Translators: progress of an export: a language code such as "az", then a format such as "TikTok" */
    set_status (self, g_strdup_printf (_("Rendering %s, %s"), language, format->label));
  set_phase (self, CW_EXPORT_PHASE_RENDERING);
  if (!cw_sequence_writer_write_frames (writer, renderer, threads, on_frame_progress, self,
                                        cancellable, error))
    return FALSE;

  for (guint i = 0; i < self->encoders->len; i++)
    {
      const CwEncoder *encoder = g_ptr_array_index (self->encoders, i);
      EncodeProgress progress = { self, encoder->weight, 0 };
      g_autoptr(GError) local_error = NULL;

      /* Translators: progress of an export: a video type such as "MP4 video", a language code such as "az", then a format such as "TikTok" */
      set_status (self, g_strdup_printf (_("Making the %s of %s, %s"), _(encoder->label), language,
                                         format->label));
      set_phase (self, CW_EXPORT_PHASE_ENCODING);
      if (cw_sequence_writer_encode (writer, encoder, on_encode_progress, &progress, cancellable,
                                     &local_error))
        continue;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* the frames are still a complete sequence; its manifest gives the
       * command to make the video later */
      g_propagate_error (video_error, g_steal_pointer (&local_error));
      break;
    }

  return cw_sequence_writer_finish (writer, error);
}

/* Everything cw_exporter_run() does but reset and clean up: @writers
 * gets the sequence writers it made, whatever happens. */
static gboolean
run_sequences (CwExporter    *self,
               GPtrArray    **writers_out,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) renderers = NULL;
  g_autoptr(GError) video_error = NULL;
  GPtrArray *writers;
  guint threads;
  guint n_staged = 0;

  writers = *writers_out = plan_sequences (self, error);
  if (writers == NULL)
    return FALSE;
  if (!check_destinations (self, writers, error))
    return FALSE;

  for (guint i = 0; i < self->encoders->len; i++)
    {
      if (!cw_encoder_check (g_ptr_array_index (self->encoders, i), error))
        return FALSE;
    }
  if (self->video_only && self->encoders->len == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("A video-only export needs a video type to make; choose one, such as MP4 (--video mp4)."));
      return FALSE;
    }
  if (self->encoders->len > 0 && !cw_encoder_check_soundtrack (self->deck, error))
    return FALSE;

  /* frames, layers and textures of each sequence's size, mapped apart */
  cw_pixels_map_large_blocks ();
  renderers = lay_out (self, writers);
  threads = self->jobs > 0 ? self->jobs : g_get_num_processors ();
  /* the layouts of all but the first sequence are gone, and so are the
   * fonts at every size they measured text at */
  cw_fonts_release_fonts ();
  cw_pixels_release_free ();

  for (; n_staged < writers->len; n_staged++)
    {
      CwSequenceWriter *writer = g_ptr_array_index (writers, n_staged);
      /* one sequence's layouts, textures and layers at a time */
      g_autoptr(CwRenderer) renderer = g_steal_pointer (&renderers->pdata[n_staged]);

      if (renderer == NULL)
        renderer = cw_renderer_new (g_ptr_array_index (self->writer_decks, n_staged),
                                    cw_sequence_writer_get_language (writer),
                                    cw_sequence_writer_get_format (writer), self->fps);
      if (!stage_sequence (self, writer, g_ptr_array_index (self->writer_variants, n_staged), renderer, threads, cancellable, &video_error, error))
        return FALSE;
      /* its layouts, textures, layers, frames and fonts go, and so does
       * the heap they leave free: the next sequence, of another size,
       * would not fit in it but add to it */
      g_clear_object (&renderer);
      cw_fonts_release_fonts ();
      cw_pixels_release_free ();
      /* a video that failed stops here; the sequences made so far are complete */
      if (video_error != NULL)
        {
          n_staged++;
          break;
        }
    }

  /* the last step: every sequence moves into place, or none stays there */
  set_phase (self, CW_EXPORT_PHASE_FINISHING);
  for (guint i = 0; i < n_staged; i++)
    {
      if (!cw_sequence_writer_publish (g_ptr_array_index (writers, i), error))
        {
          for (guint j = i + 1; j-- > 0;)
            cw_sequence_writer_unpublish (g_ptr_array_index (writers, j));
          return FALSE;
        }
    }
  for (guint i = 0; i < n_staged; i++)
    {
      CwSequenceWriter *writer = g_ptr_array_index (writers, i);
      GFile *dir = cw_sequence_writer_get_dir (writer);
      g_autoptr(GPtrArray) videos = cw_sequence_writer_get_videos (writer);

      g_ptr_array_add (self->results, g_object_ref (dir));
      for (guint j = 0; j < videos->len; j++)
        g_ptr_array_add (self->videos, g_file_get_child (dir, g_ptr_array_index (videos, j)));
      self->frames_written += cw_sequence_writer_get_n_frames (writer);
    }

  if (video_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&video_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * cw_exporter_run:
 *
 * Exports every language × format asked for, blocking until done. Each
 * sequence goes to the output folder (or a folder per language or format
 * inside it when there are several). A folder that already holds an export
 * is refused unless overwriting was asked for; one holding a file Clearway
 * did not write where the export would put its own is always refused.
 * Nothing is moved into place until every sequence is complete; on any
 * error or cancellation no sequence is left, and an earlier one being
 * replaced is kept. The one exception is ffmpeg failing: the PNG sequences
 * made so far (the one without its video included) are complete, so they
 * are kept, and the error is %CW_ERROR_FFMPEG_FAILED.
 *
 * Returns: %TRUE on success; on cancellation %FALSE with
 *   %G_IO_ERROR_CANCELLED, which is not to be shown as an error
 */
gboolean
cw_exporter_run (CwExporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) writers = NULL;
  g_autofree char *local_path = NULL;
  gboolean ok;

  g_return_val_if_fail (CW_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (self->output_dir != NULL, FALSE);

  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->videos, 0);
  g_ptr_array_set_size (self->earlier, 0);
  g_ptr_array_set_size (self->warnings, 0);
  g_atomic_int_set (&self->frames_done, 0);
  g_atomic_int_set (&self->frames_rendered, 0);
  self->frames_written = 0;
  g_mutex_lock (&self->lock);
  self->units_done = 0;
  self->units_total = 0;
  self->finished = FALSE;
  self->phase = CW_EXPORT_PHASE_LAYOUT;
  self->phase_started = g_get_monotonic_time ();
  memset (self->phase_units, 0, sizeof self->phase_units);
  memset (self->phase_total, 0, sizeof self->phase_total);
  memset (self->phase_seconds, 0, sizeof self->phase_seconds);
  g_mutex_unlock (&self->lock);

  local_path = g_file_get_path (self->output_dir);
  if (local_path == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                   _("Exports go to a folder on this computer; choose a local folder."));
      return FALSE;
    }

  ok = run_sequences (self, &writers, cancellable, error);

  /* the staging folders go now rather than when the writers are freed, so
   * that whatever could not be removed, or put back, is told */
  for (guint i = 0; writers != NULL && i < writers->len; i++)
    {
      CwSequenceWriter *writer = g_ptr_array_index (writers, i);
      GPtrArray *left;

      cw_sequence_writer_clean_up (writer);
      left = cw_sequence_writer_get_warnings (writer);
      for (guint j = 0; j < left->len; j++)
        g_ptr_array_add (self->warnings, cw_diagnostic_copy (g_ptr_array_index (left, j)));
    }
  if (!ok)
    return FALSE;

  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  g_mutex_unlock (&self->lock);
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
  notify_changes (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * cw_exporter_run_async:
 *
 * Runs the export on worker threads; #CwExporter:fraction and
 * #CwExporter:status are notified on the calling thread's main context,
 * each time they change.
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
  /* a new run starts from nothing, whatever the last one reached */
  if (self->notified_fraction != 0)
    {
      self->notified_fraction = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

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
