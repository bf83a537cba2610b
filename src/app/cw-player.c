/* cw-player.c
 *
 * The editor's preview draws with the exporter's code: a CwRenderer built
 * from a snapshot of the deck, at the size of the preview. Layout and
 * frames are made on worker threads and land on the main loop as textures,
 * so typing, scrubbing and playback never wait for a frame. When a frame
 * is still being drawn the newest request waits its turn; older ones are
 * dropped, so a slow machine skips frames instead of stalling.
 *
 * After an edit, a move, a new language or format, an undo or a redo, the
 * preview shows the slide it showed (followed by its id, wherever it went)
 * at its settled moment, unless it is playing: a count-up caught half-way
 * ("162,460") reads as a wrong figure in an editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-player.h"
#include "cw-soundtrack-preview.h"
#include "cw-texture.h"

#define THUMBNAIL_WIDTH 144

struct _CwPlayer
{
  GObject      parent_instance;

  CwDeck      *deck;
  char        *format;
  char        *language;
  int          preview_width;

  CwRenderer  *renderer;
  guint        generation;
  guint        layout_source;
  gboolean     layout_running;
  gboolean     layout_again;

  guint        frame;
  gboolean     frame_running;
  gint         frame_pending;
  /* what the last frame was drawn into, so the next redraws only what
   * moved; a frame's job holds it while it draws */
  CwFrameTarget *frame_target;
  /* a slide asked for before the layout that has it existed */
  gint         slide_pending;
  /* the next layout is for a changed deck, language or format */
  gboolean     settle;
  GdkTexture  *texture;

  gboolean     playing;
  gboolean     loop;
  /* the deck's music, heard while playing */
  CwSoundtrackPreview *soundtrack;
  gint64       play_start_time;
  guint        play_start_frame;

  GHashTable  *thumbnails;
  gboolean     thumbnails_running;
  gboolean     thumbnails_again;
};

G_DEFINE_FINAL_TYPE (CwPlayer, cw_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DECK,
  PROP_RENDERER,
  PROP_FORMAT,
  PROP_LANGUAGE,
  PROP_FRAME,
  PROP_N_FRAMES,
  PROP_SLIDE,
  PROP_PLAYING,
  PROP_LOOP,
  PROP_TEXTURE,
  PROP_BUSY,
  N_PROPS
};

enum {
  THUMBNAILS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_frame (CwPlayer *self,
                           guint     frame);
static void schedule_layout (CwPlayer *self);
static gboolean start_layout (gpointer data);
static guint slide_at_frame (CwPlayer *self);

static void
cw_player_dispose (GObject *object)
{
  CwPlayer *self = (CwPlayer *)object;

  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_object (&self->soundtrack);
  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_data (self->deck, self);
  g_clear_object (&self->deck);
  g_clear_object (&self->renderer);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->frame_target, cw_frame_target_free);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);

  G_OBJECT_CLASS (cw_player_parent_class)->dispose (object);
}

static void
cw_player_finalize (GObject *object)
{
  CwPlayer *self = (CwPlayer *)object;

  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (cw_player_parent_class)->finalize (object);
}

static void
cw_player_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CwPlayer *self = CW_PLAYER (object);

  switch (prop_id)
    {
    case PROP_DECK:
      g_value_set_object (value, self->deck);
      break;
    case PROP_RENDERER:
      g_value_set_object (value, self->renderer);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_FRAME:
      g_value_set_uint (value, self->frame);
      break;
    case PROP_N_FRAMES:
      g_value_set_uint (value, cw_player_get_n_frames (self));
      break;
    case PROP_SLIDE:
      g_value_set_uint (value, cw_player_get_slide (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cw_player_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_player_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CwPlayer *self = CW_PLAYER (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      cw_player_set_format (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      cw_player_set_language (self, g_value_get_string (value));
      break;
    case PROP_FRAME:
      cw_player_seek (self, g_value_get_uint (value));
      break;
    case PROP_PLAYING:
      cw_player_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_LOOP:
      cw_player_set_loop (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_player_class_init (CwPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_player_dispose;
  object_class->finalize = cw_player_finalize;
  object_class->get_property = cw_player_get_property;
  object_class->set_property = cw_player_set_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL, CW_TYPE_DECK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RENDERER] =
    g_param_spec_object ("renderer", NULL, NULL, CW_TYPE_RENDERER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FRAME] =
    g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SLIDE] =
    g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwPlayer::thumbnails-changed:
   *
   * Emitted when new thumbnails of the slides are ready.
   */
  signals[THUMBNAILS_CHANGED] =
    g_signal_new ("thumbnails-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cw_player_init (CwPlayer *self)
{
  self->preview_width = 360;
  self->frame_pending = -1;
  self->slide_pending = -1;
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
on_deck_changed (CwPlayer *self)
{
  self->settle = TRUE;
  schedule_layout (self);
}

CwPlayer *
cw_player_new (CwDeck *deck)
{
  CwPlayer *self;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  self = g_object_new (CW_TYPE_PLAYER, NULL);
  self->deck = g_object_ref (deck);
  self->format = g_strdup (cw_deck_get_format (deck));
  /* A deck translated into the interface's language opens in it. Chosen
   * here, before the first layout starts: set afterwards, it laid the deck
   * out twice and showed a frame in the other language first. */
  self->language = g_strdup (cw_deck_has_language (deck, cw_core_get_interface_language ())
                               ? cw_core_get_interface_language ()
                               : cw_deck_get_language (deck));
  g_signal_connect_object (deck, "changed", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
  self->soundtrack = cw_soundtrack_preview_new (self);
  /* A new player opens on its first slide as it looks settled (what the
   * window asks for anyway), and lays out at once: there is no burst of
   * changes to wait out, and the layout, font loading and first frame run
   * on a worker while the window is still being built. */
  self->slide_pending = 0;
  start_layout (self);
  return self;
}

CwDeck *
cw_player_get_deck (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return self->deck;
}

/**
 * cw_player_get_renderer:
 *
 * Returns: (transfer none) (nullable): the current layout of the deck, at
 *   the preview's size; %NULL until the first one is ready
 */
CwRenderer *
cw_player_get_renderer (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return self->renderer;
}

const char *
cw_player_get_format (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return self->format;
}

void
cw_player_set_format (CwPlayer   *self,
                      const char *format)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  if (format == NULL || g_strcmp0 (self->format, format) == 0)
    return;
  g_free (self->format);
  self->format = g_strdup (format);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  self->settle = TRUE;
  schedule_layout (self);
}

const char *
cw_player_get_language (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return self->language;
}

void
cw_player_set_language (CwPlayer   *self,
                        const char *language)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  if (language == NULL || g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  self->settle = TRUE;
  schedule_layout (self);
}

/* The preview's width in device pixels; the layout is redone for a new size. */
void
cw_player_set_preview_width (CwPlayer *self,
                             int       width)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  width = CLAMP (width, 64, 4096);
  /* small resizes keep the current frames; the picture only scales */
  if (ABS (width - self->preview_width) < 8)
    return;
  self->preview_width = width;
  schedule_layout (self);
}

gboolean
cw_player_get_busy (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), FALSE);
  return self->layout_running || self->layout_source != 0 || self->frame_running;
}

typedef struct
{
  CwDeck   *snapshot;
  char     *language;
  CwFormat *format;
  CwFormat *thumbnail_format;
  guint     fps;
  guint     generation;
  /* the frame the preview shows once laid out, or the slide it seeks to */
  guint     frame;
  gint      slide;
  gboolean  settle;
  /* the first layout of a player draws its frame too (see layout_thread()) */
  gboolean  first;
  cairo_surface_t *surface;
  guint     drawn_frame;
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  g_clear_object (&job->snapshot);
  g_free (job->language);
  g_clear_pointer (&job->format, cw_format_free);
  g_clear_pointer (&job->thumbnail_format, cw_format_free);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

static cairo_surface_t *
draw_preview_frame (CwRenderer *renderer,
                    guint       frame)
{
  const CwFormat *format = cw_renderer_get_format (renderer);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, format->width, format->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  /* the preview shows a transparent deck on a checkerboard-free dark ground */
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_paint (cr);
  cw_renderer_draw_frame (renderer, cr, frame);
  cairo_surface_flush (surface);
  return surface;
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  CwRenderer *renderer = cw_renderer_new (job->snapshot, job->language, job->format, job->fps);
  guint frame = job->frame;

  if (job->slide >= 0 && (guint) job->slide < cw_renderer_get_n_slides (renderer))
    frame = cw_renderer_get_settled_frame (renderer, job->slide);
  /* fonts, textures and the layers of the slide on show are loaded here,
   * off the main thread, rather than by the first frame the designer waits for */
  cw_renderer_warm (renderer, frame);
  /* Nothing is on show yet: the frame is drawn here too, so the editor's
   * first picture does not wait for the main loop to come round to ask
   * for it and for another worker to draw it. */
  if (job->first)
    {
      job->surface = draw_preview_frame (renderer, frame);
      job->drawn_frame = frame;
    }
  g_task_return_pointer (task, renderer, g_object_unref);
}

static void start_thumbnails (CwPlayer *self);

static void
on_layout_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CwPlayer *self = CW_PLAYER (object);
  LayoutJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(CwRenderer) renderer = g_task_propagate_pointer (G_TASK (result), NULL);
  guint old_n_frames = cw_player_get_n_frames (self);
  guint old_slide = cw_player_get_slide (self);

  self->layout_running = FALSE;

  if (job->generation == self->generation && renderer != NULL)
    {
      /* a newer change is waiting: this layout may not have the slide asked for */
      gboolean latest = !self->layout_again && self->layout_source == 0;
      g_autofree char *shown_id = NULL;

      if (self->renderer != NULL && cw_renderer_get_n_slides (self->renderer) > 0)
        shown_id = g_strdup (cw_renderer_get_slide_id (self->renderer, slide_at_frame (self)));
      g_set_object (&self->renderer, renderer);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERER]);
      if (latest && self->slide_pending >= 0 && (guint) self->slide_pending < cw_renderer_get_n_slides (renderer))
        {
          self->frame = cw_renderer_get_settled_frame (renderer, self->slide_pending);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
          self->slide_pending = -1;
        }
      else if (job->settle && !self->playing && self->slide_pending < 0 && cw_renderer_get_n_slides (renderer) > 0)
        {
          guint n_slides = cw_renderer_get_n_slides (renderer);
          guint slide = MIN (slide_at_frame (self), n_slides - 1);

          for (guint i = 0; shown_id != NULL && i < n_slides; i++)
            if (g_strcmp0 (cw_renderer_get_slide_id (renderer, i), shown_id) == 0)
              slide = i;
          self->frame = cw_renderer_get_settled_frame (renderer, slide);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
        }
      if (latest)
        self->slide_pending = -1;
      if (self->frame >= cw_renderer_get_n_frames (renderer) && cw_renderer_get_n_frames (renderer) > 0)
        {
          self->frame = cw_renderer_get_n_frames (renderer) - 1;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
        }
      if (old_n_frames != cw_player_get_n_frames (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
      if (old_slide != cw_player_get_slide (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
      if (job->surface != NULL && job->drawn_frame == self->frame && !self->frame_running)
        {
          g_autoptr(GdkTexture) texture = cw_texture_new_for_surface (job->surface);

          g_set_object (&self->texture, texture);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
        }
      else
        {
          request_frame (self, self->frame);
        }
      start_thumbnails (self);
    }

  if (self->layout_again)
    {
      self->layout_again = FALSE;
      schedule_layout (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
start_layout (gpointer data)
{
  CwPlayer *self = data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(CwFormat) format = NULL;
  LayoutJob *job;

  self->layout_source = 0;

  if (self->layout_running)
    {
      self->layout_again = TRUE;
      return G_SOURCE_REMOVE;
    }

  format = cw_format_lookup (self->format, NULL);
  if (format == NULL)
    format = cw_format_lookup ("tiktok", NULL);

  job = g_new0 (LayoutJob, 1);
  job->snapshot = cw_deck_copy (self->deck);
  job->language = g_strdup (cw_deck_has_language (self->deck, self->language)
                              ? self->language : cw_deck_get_language (self->deck));
  job->format = cw_format_scaled (format, self->preview_width);
  job->thumbnail_format = cw_format_scaled (format, THUMBNAIL_WIDTH);
  job->fps = cw_deck_get_fps (self->deck);
  job->generation = ++self->generation;
  job->frame = self->frame;
  job->slide = self->slide_pending;
  job->settle = self->settle;
  job->first = self->renderer == NULL;
  self->settle = FALSE;

  self->layout_running = TRUE;
  task = g_task_new (self, NULL, on_layout_done, NULL);
  g_task_set_source_tag (task, start_layout);
  g_task_set_task_data (task, job, (GDestroyNotify) layout_job_free);
  g_task_run_in_thread (task, layout_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (typing): lay out once they pause for a moment. */
static void
schedule_layout (CwPlayer *self)
{
  g_clear_handle_id (&self->layout_source, g_source_remove);
  self->layout_source = g_timeout_add (40, start_layout, self);
}

typedef struct
{
  CwRenderer    *renderer;
  guint          frame;
  CwFrameTarget *target;
} FrameJob;

static void
frame_job_free (FrameJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_pointer (&job->target, cw_frame_target_free);
  g_free (job);
}

/* The texture of @job's frame. A deck with a background draws every pixel
 * of its frames, so they are drawn one over the other into the job's
 * target, redrawing only what moved: playing, most of a frame is as it
 * was. A transparent deck is shown on a dark ground, under each frame. */
static GdkTexture *
draw_frame_texture (FrameJob *job)
{
  const CwFormat *format = cw_renderer_get_format (job->renderer);
  g_autoptr(cairo_surface_t) surface = NULL;

  if (cw_renderer_get_transparent (job->renderer))
    {
      surface = draw_preview_frame (job->renderer, job->frame);
      return cw_texture_new_for_surface (surface);
    }

  if (job->target != NULL)
    {
      cairo_surface_t *held = cw_frame_target_get_surface (job->target);

      if (cairo_image_surface_get_width (held) != format->width ||
          cairo_image_surface_get_height (held) != format->height)
        g_clear_pointer (&job->target, cw_frame_target_free);
    }
  if (job->target == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, format->width, format->height);
      job->target = cw_frame_target_new (surface);
    }
  cw_renderer_draw_frame_into (job->renderer, job->target, job->frame);
  /* a copy: the target is drawn over again by the next frame */
  return cw_texture_new_for_surface (cw_frame_target_get_surface (job->target));
}

static void
frame_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FrameJob *job = task_data;

  g_task_return_pointer (task, draw_frame_texture (job), g_object_unref);
  /* the frame is on its way to the screen; the next slide's layers are
   * drawn now rather than by its first frame */
  cw_renderer_prefetch (job->renderer, job->frame);
}

static void
on_frame_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CwPlayer *self = CW_PLAYER (object);
  FrameJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  self->frame_running = FALSE;
  /* back for the next frame, unless the player let it go meanwhile */
  if (self->frame_target == NULL)
    self->frame_target = g_steal_pointer (&job->target);

  if (texture != NULL)
    {
      g_set_object (&self->texture, texture);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
    }

  if (self->frame_pending >= 0)
    {
      guint next = self->frame_pending;
      self->frame_pending = -1;
      request_frame (self, next);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
request_frame (CwPlayer *self,
               guint     frame)
{
  g_autoptr(GTask) task = NULL;
  FrameJob *job;

  if (self->renderer == NULL)
    return;
  if (self->frame_running)
    {
      self->frame_pending = frame;
      return;
    }

  job = g_new0 (FrameJob, 1);
  job->renderer = g_object_ref (self->renderer);
  job->frame = frame;
  job->target = g_steal_pointer (&self->frame_target);

  self->frame_running = TRUE;
  task = g_task_new (self, NULL, on_frame_done, NULL);
  g_task_set_source_tag (task, request_frame);
  g_task_set_task_data (task, job, (GDestroyNotify) frame_job_free);
  g_task_run_in_thread (task, frame_thread);
}

guint
cw_player_get_frame (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), 0);
  return self->frame;
}

guint
cw_player_get_n_frames (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), 0);
  return self->renderer ? cw_renderer_get_n_frames (self->renderer) : 0;
}

guint
cw_player_get_fps (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), 30);
  return self->renderer ? cw_renderer_get_fps (self->renderer) : cw_deck_get_fps (self->deck);
}

static guint
slide_at_frame (CwPlayer *self)
{
  if (self->renderer == NULL || cw_renderer_get_n_frames (self->renderer) == 0)
    return 0;
  return cw_renderer_get_slide_at_frame (self->renderer, self->frame);
}

/* The slide shown at the current frame, or the one asked for that the
 * layout on its way will show. */
guint
cw_player_get_slide (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), 0);

  if (self->slide_pending >= 0)
    return self->slide_pending;
  return slide_at_frame (self);
}

void
cw_player_seek (CwPlayer *self,
                guint     frame)
{
  guint n = cw_player_get_n_frames (self);
  guint old_slide;

  g_return_if_fail (CW_IS_PLAYER (self));

  if (n > 0)
    frame = MIN (frame, n - 1);
  if (frame == self->frame && self->texture != NULL)
    return;

  old_slide = cw_player_get_slide (self);
  /* a frame asked for now wins over a slide asked for before */
  self->slide_pending = -1;
  self->frame = frame;
  if (self->playing)
    {
      self->play_start_time = 0;
      self->play_start_frame = frame;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  if (old_slide != cw_player_get_slide (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
  request_frame (self, frame);
}

/* Shows @slide as it looks once everything has come in. */
void
cw_player_seek_to_slide (CwPlayer *self,
                         guint     slide)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  /* @slide counts the deck's slides as they are now, which the layout on
   * its way has and the one on show may not (a slide just moved) */
  if (self->renderer == NULL || self->layout_source != 0 || self->layout_running)
    {
      guint old_slide = cw_player_get_slide (self);

      self->slide_pending = slide;
      if (old_slide != slide)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
      return;
    }
  if (slide >= cw_renderer_get_n_slides (self->renderer))
    return;
  cw_player_seek (self, cw_renderer_get_settled_frame (self->renderer, slide));
}

gboolean
cw_player_get_playing (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), FALSE);
  return self->playing;
}

void
cw_player_set_playing (CwPlayer *self,
                       gboolean  playing)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  if (playing)
    {
      /* playing from the end starts again from the beginning */
      if (self->frame + 1 >= cw_player_get_n_frames (self))
        cw_player_seek (self, 0);
      self->play_start_time = 0;
      self->play_start_frame = self->frame;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
cw_player_get_loop (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), FALSE);
  return self->loop;
}

void
cw_player_set_loop (CwPlayer *self,
                    gboolean  loop)
{
  g_return_if_fail (CW_IS_PLAYER (self));

  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

/**
 * cw_player_tick:
 * @frame_time: the frame clock's time, in microseconds
 *
 * Advances playback to the frame due at @frame_time: the clip keeps the
 * deck's frame rate, skipping frames rather than slowing down.
 */
void
cw_player_tick (CwPlayer *self,
                gint64    frame_time)
{
  guint n = cw_player_get_n_frames (self);
  guint fps = cw_player_get_fps (self);
  guint64 frame;

  g_return_if_fail (CW_IS_PLAYER (self));

  if (!self->playing || n == 0)
    return;

  if (self->play_start_time == 0)
    {
      self->play_start_time = frame_time;
      return;
    }

  frame = self->play_start_frame + (guint64) ((frame_time - self->play_start_time) * fps / G_USEC_PER_SEC);
  if (frame >= n)
    {
      if (self->loop)
        {
          frame %= n;
          self->play_start_time = frame_time;
          self->play_start_frame = frame;
        }
      else
        {
          frame = n - 1;
          cw_player_seek (self, frame);
          cw_player_set_playing (self, FALSE);
          return;
        }
    }
  if (frame != self->frame)
    cw_player_seek (self, frame);
}

GdkTexture *
cw_player_get_texture (CwPlayer *self)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return self->texture;
}

/* Thumbnails: each slide settled, small, for the slide list. */

typedef struct
{
  CwDeck    *snapshot;
  char      *language;
  CwFormat  *format;
  GPtrArray *ids;     /* each thumbnail's slide, filled by the worker */
} ThumbJob;

static void
thumb_job_free (ThumbJob *job)
{
  g_clear_object (&job->snapshot);
  g_free (job->language);
  g_clear_pointer (&job->format, cw_format_free);
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  g_free (job);
}

static void
thumbnails_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ThumbJob *job = task_data;
  g_autoptr(CwRenderer) renderer = cw_renderer_new (job->snapshot, job->language, job->format,
                                                    cw_deck_get_fps (job->snapshot));
  GPtrArray *surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->format->width,
                                                             job->format->height);
      g_autoptr(cairo_t) cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_paint (cr);
      cw_renderer_draw_frame (renderer, cr, cw_renderer_get_settled_frame (renderer, i));
      g_ptr_array_add (surfaces, surface);
      g_ptr_array_add (job->ids, g_strdup (cw_renderer_get_slide_id (renderer, i)));
    }
  g_task_return_pointer (task, surfaces, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_thumbnails_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CwPlayer *self = CW_PLAYER (object);
  g_autoptr(GPtrArray) surfaces = g_task_propagate_pointer (G_TASK (result), NULL);
  ThumbJob *job = g_task_get_task_data (G_TASK (result));

  self->thumbnails_running = FALSE;
  if (surfaces != NULL)
    {
      /* by slide, not by place: the slides may have moved since the snapshot */
      g_hash_table_remove_all (self->thumbnails);
      for (guint i = 0; i < surfaces->len; i++)
        g_hash_table_replace (self->thumbnails, g_strdup (g_ptr_array_index (job->ids, i)),
                              cw_texture_new_for_surface (g_ptr_array_index (surfaces, i)));
      g_signal_emit (self, signals[THUMBNAILS_CHANGED], 0);
    }
  if (self->thumbnails_again)
    {
      self->thumbnails_again = FALSE;
      start_thumbnails (self);
    }
}

static void
start_thumbnails (CwPlayer *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CwFormat) format = NULL;
  ThumbJob *job;

  if (self->thumbnails_running)
    {
      self->thumbnails_again = TRUE;
      return;
    }

  format = cw_format_lookup (self->format, NULL);
  if (format == NULL)
    format = cw_format_lookup ("tiktok", NULL);

  job = g_new0 (ThumbJob, 1);
  job->snapshot = cw_deck_copy (self->deck);
  job->language = g_strdup (cw_renderer_get_language (self->renderer));
  job->format = cw_format_scaled (format, THUMBNAIL_WIDTH);
  job->ids = g_ptr_array_new_with_free_func (g_free);

  self->thumbnails_running = TRUE;
  task = g_task_new (self, NULL, on_thumbnails_done, NULL);
  g_task_set_source_tag (task, start_thumbnails);
  g_task_set_task_data (task, job, (GDestroyNotify) thumb_job_free);
  g_task_run_in_thread (task, thumbnails_thread);
}

/**
 * cw_player_get_thumbnail:
 * @slide_id: the id of a slide
 *
 * Returns: (transfer none) (nullable): a small picture of the slide,
 *   settled, or %NULL until one has been drawn
 */
GdkTexture *
cw_player_get_thumbnail (CwPlayer   *self,
                         const char *slide_id)
{
  g_return_val_if_fail (CW_IS_PLAYER (self), NULL);
  return slide_id ? g_hash_table_lookup (self->thumbnails, slide_id) : NULL;
}
