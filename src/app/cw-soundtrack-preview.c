/* cw-soundtrack-preview.c
 *
 * The preview plays the soundtrack as it is, through GTK's media support:
 * the videos' fade and loudness come from ffmpeg at export, and are not
 * imitated here. The sound follows the player rather than leading it: it
 * starts, stops and seeks when the player does, and is put back on the
 * player's time when the two drift apart (scrubbing, looping, a frame
 * skipped). GTK 4.8 loads media backends as modules; without one (Debian's
 * libgtk-4-media-gstreamer) the preview is silent, and the Deck page says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-soundtrack-preview.h"

/* how far the sound may stray from the picture before it is put back */
#define MAX_DRIFT (G_USEC_PER_SEC / 4)

struct _CwSoundtrackPreview
{
  GObject         parent_instance;

  CwPlayer       *player;   /* weak: the player owns this */
  CwDeck         *deck;
  CwAudio        *audio;    /* what @stream plays */
  GtkMediaStream *stream;
};

G_DEFINE_FINAL_TYPE (CwSoundtrackPreview, cw_soundtrack_preview, G_TYPE_OBJECT)

/**
 * cw_soundtrack_preview_is_available:
 *
 * Whether GTK found a media backend to play sound with. Without one,
 * gtk_media_file_new() makes GTK's stand-in, GtkNoMediaFile, which plays
 * nothing and only reports that it cannot.
 */
gboolean
cw_soundtrack_preview_is_available (void)
{
  static gsize available = 0;

  if (g_once_init_enter (&available))
    {
      g_autoptr(GtkMediaStream) probe = gtk_media_file_new ();

      g_once_init_leave (&available, g_strcmp0 (G_OBJECT_TYPE_NAME (probe), "GtkNoMediaFile") != 0 ? 2 : 1);
    }
  return available == 2;
}

static gint64
player_time (CwSoundtrackPreview *self)
{
  guint fps = cw_player_get_fps (self->player);

  return fps > 0 ? (gint64) cw_player_get_frame (self->player) * G_USEC_PER_SEC / fps : 0;
}

static void
follow_player (CwSoundtrackPreview *self)
{
  CwAudio *audio = self->deck ? cw_deck_get_soundtrack (self->deck) : NULL;
  gboolean playing = cw_player_get_playing (self->player);

  if (audio != self->audio)
    {
      if (self->stream != NULL)
        gtk_media_stream_pause (self->stream);
      g_clear_object (&self->stream);
      g_set_object (&self->audio, audio);
    }

  if (self->audio == NULL || !cw_soundtrack_preview_is_available ())
    return;

  if (self->stream == NULL)
    {
      if (!playing)
        return;
      {
        g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (cw_audio_get_bytes (self->audio));
        self->stream = gtk_media_file_new_for_input_stream (input);
      }
    }

  if (gtk_media_stream_get_error (self->stream) != NULL)
    return;

  if (!playing)
    {
      gtk_media_stream_pause (self->stream);
      return;
    }

  if (ABS (gtk_media_stream_get_timestamp (self->stream) - player_time (self)) > MAX_DRIFT &&
      gtk_media_stream_is_seekable (self->stream))
    gtk_media_stream_seek (self->stream, player_time (self));
  if (!gtk_media_stream_get_playing (self->stream))
    gtk_media_stream_play (self->stream);
}

static void
cw_soundtrack_preview_dispose (GObject *object)
{
  CwSoundtrackPreview *self = (CwSoundtrackPreview *)object;

  if (self->stream != NULL)
    gtk_media_stream_pause (self->stream);
  g_clear_object (&self->stream);
  g_clear_object (&self->audio);
  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_data (self->deck, self);
  g_clear_object (&self->deck);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_weak_pointer (&self->player);

  G_OBJECT_CLASS (cw_soundtrack_preview_parent_class)->dispose (object);
}

static void
cw_soundtrack_preview_class_init (CwSoundtrackPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_soundtrack_preview_dispose;
}

static void
cw_soundtrack_preview_init (CwSoundtrackPreview *self)
{
}

/* Returns: (transfer full): the sound of @player's deck, kept in step with it */
CwSoundtrackPreview *
cw_soundtrack_preview_new (CwPlayer *player)
{
  CwSoundtrackPreview *self;

  g_return_val_if_fail (CW_IS_PLAYER (player), NULL);

  self = g_object_new (CW_TYPE_SOUNDTRACK_PREVIEW, NULL);
  g_set_weak_pointer (&self->player, player);
  self->deck = g_object_ref (cw_player_get_deck (player));
  g_signal_connect_swapped (player, "notify::playing", G_CALLBACK (follow_player), self);
  g_signal_connect_swapped (player, "notify::frame", G_CALLBACK (follow_player), self);
  g_signal_connect_swapped (self->deck, "notify::soundtrack", G_CALLBACK (follow_player), self);
  return self;
}
