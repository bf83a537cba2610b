/* cw-sequence-writer.c
 *
 * Frames are rendered on every core: each worker renders a frame on its
 * own surface, encodes it and writes it straight to disk, so rendering and
 * encoding overlap across the workers and memory stays flat however long
 * the clip (a frame's surface and PNG buffers per worker). Each
 * worker takes a Worker from a pool and gives it back: a surface to draw
 * on, and a PNG encoder that has seen every frame drawn on it. A frame is
 * drawn over the one before it on that surface, a run or two earlier, and
 * the surface knows which rows that changed; the encoder reuses the
 * others' bytes from that frame, so it needs no copy of it to compare
 * with. Drawing on the same surface again, rather than on a new one each
 * frame, saves the kernel clearing 8 MB of pages a frame and the
 * allocator holding on to freed ones. Frames of a
 * static hold are rendered and encoded once and written once; the others
 * of the run are hard links to that file, or copies where the filesystem
 * refuses links.
 *
 * Frames, captions, videos and manifest are all written to a hidden
 * staging folder inside the destination first, every write checked.
 * Moving them into place is the last step, the manifest last of all. A
 * move that fails takes back what was moved and puts back the earlier
 * export it was replacing. So a cancelled or failed export (a full disk,
 * say) leaves nothing that looks finished, nothing that makes the next run
 * refuse, and an earlier export is replaced only by a complete new one.
 *
 * What may be replaced is decided by the earlier manifest, never by a
 * file's name: the manifest lists every file its export wrote, and only
 * those are Clearway's. A file no manifest lists is never moved or
 * deleted; where the new export would need its name, the export is
 * refused instead.
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
#include <unistd.h>

#include "cw-autocleanups.h"
#include "cw-captions.h"
#include "cw-diagnostic.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-pixels.h"
#include "cw-png.h"
#include "cw-sequence-writer.h"

#define PREVIOUS_FOLDER "previous"
#define STAGING_PREFIX ".clearway-partial-"
/* far more than the manifest of the longest clip at the highest rate */
#define MANIFEST_MAX_BYTES (32 * 1024 * 1024)

/* Frames with the same picture (a static hold) are rendered and encoded
 * once; the first is written, the others are hard links to it. */
typedef struct
{
  guint    first;
  guint    n;
  /* whether the filesystem took links for all of them, or had copies */
  gboolean linked;
} Run;

typedef struct
{
  const CwEncoder *encoder;
  char            *file;
  gboolean         made;
} Video;

struct _CwSequenceWriter
{
  GFile           *dir;
  char            *dir_path;
  CwDeck          *deck;
  char            *language;
  CwFormat        *format;
  GPtrArray       *videos;      /* Video, planned */

  CwEarlierExport *earlier;     /* (nullable) what an earlier manifest here lists */
  GHashTable      *earlier_set; /* (nullable) the same names, all of them */

  CwRenderer      *renderer;
  char            *staging;
  GPtrArray       *names;       /* what moves into @dir, in order: the manifest last */
  guint            n_frames;
  guint            n_moved;
  GPtrArray       *previous;    /* the earlier export's files, set aside in staging */
  gboolean         keep;
  GArray          *runs;        /* Run: the frames, each run of a picture once */
  GPtrArray       *warnings;    /* CwDiagnostic */
  gboolean         video_only;
  gboolean         frames_dropped;
};

static void
video_free (Video *video)
{
  g_free (video->file);
  g_free (video);
}

void
cw_earlier_export_free (CwEarlierExport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->dir);
  g_strfreev (self->replaced);
  g_strfreev (self->kept);
  g_free (self);
}

CwEarlierExport *
cw_earlier_export_copy (const CwEarlierExport *self)
{
  CwEarlierExport *copy = g_new0 (CwEarlierExport, 1);

  copy->dir = g_object_ref (self->dir);
  copy->replaced = g_strdupv (self->replaced);
  copy->kept = g_strdupv (self->kept);
  copy->n_frames = self->n_frames;
  return copy;
}

/* Whether @name is one of the names CW_FRAME_PATTERN makes. */
static gboolean
is_frame_name (const char *name)
{
  gsize len = strlen (name);

  if (len < strlen ("frame_00000.png") ||
      !g_str_has_prefix (name, "frame_") || !g_str_has_suffix (name, ".png"))
    return FALSE;
  for (gsize i = 0; i < len - strlen ("frame_") - strlen (".png"); i++)
    {
      if (!g_ascii_isdigit (name[strlen ("frame_") + i]))
        return FALSE;
    }
  return TRUE;
}

/* The files that make up the sequence itself: whatever an earlier one
 * holds of them goes, so no stale frame stays beyond the new end. */
static gboolean
is_sequence_name (const char *name)
{
  return is_frame_name (name) ||
         g_str_equal (name, CW_CAPTIONS_NAME) ||
         g_str_equal (name, CW_CAPTIONS_SRT_NAME) ||
         g_str_equal (name, CW_CAPTIONS_VTT_NAME) ||
         g_str_equal (name, CW_MANIFEST_NAME);
}

/**
 * cw_earlier_export_describe:
 *
 * Returns: (transfer full): what is replaced, for people: "180 frames,
 *   captions.txt and karabakh-en-tiktok.mp4"
 */
char *
cw_earlier_export_describe (const CwEarlierExport *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_frames > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame", "%u frames",
                                                          self->n_frames),
                                             self->n_frames));
  for (guint i = 0; self->replaced[i]; i++)
    {
      /* the manifest is bookkeeping; people know the rest */
      if (!is_frame_name (self->replaced[i]) && !g_str_equal (self->replaced[i], CW_MANIFEST_NAME))
        g_ptr_array_add (parts, g_strdup (self->replaced[i]));
    }
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (CW_MANIFEST_NAME));

  text = g_strdup (g_ptr_array_index (parts, 0));
  for (guint i = 1; i < parts->len; i++)
    {
      char *longer;

      if (i + 1 < parts->len)
        /* Translators: joins the items of a list but the last: "180 frames, captions.txt" */
        longer = g_strdup_printf (_("%s, %s"), text, (const char *) g_ptr_array_index (parts, i));
      else
        /* Translators: joins the last item of a list: "180 frames, captions.txt and clip.mp4" */
        longer = g_strdup_printf (_("%s and %s"), text, (const char *) g_ptr_array_index (parts, i));
      g_free (text);
      text = longer;
    }
  return text;
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

/**
 * cw_sequence_writer_new:
 * @dir: the folder the sequence goes into
 * @deck: the deck it is rendered from, not to be changed while writing
 *
 * Returns: (transfer full): a writer for one language in one format
 */
CwSequenceWriter *
cw_sequence_writer_new (GFile          *dir,
                        CwDeck         *deck,
                        const char     *language,
                        const CwFormat *format)
{
  CwSequenceWriter *self = g_new0 (CwSequenceWriter, 1);

  self->dir = g_object_ref (dir);
  self->dir_path = g_file_get_path (dir);
  self->deck = g_object_ref (deck);
  self->language = g_strdup (language);
  self->format = cw_format_copy (format);
  self->videos = g_ptr_array_new_with_free_func ((GDestroyNotify) video_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->previous = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  return self;
}

/**
 * cw_sequence_writer_set_video_only:
 *
 * Keeps only the videos, with the captions and manifest, of the sequence:
 * the frames are made in the staging folder for the encoders and deleted
 * there once every video is made. When a video could not be made the
 * frames are kept, so that the work is not lost and the manifest's
 * command can make it later.
 */
void
cw_sequence_writer_set_video_only (CwSequenceWriter *self,
                                   gboolean          video_only)
{
  self->video_only = video_only;
}

/* Tells of a file the export made that is left where it should not be. */
static void
add_warning (CwSequenceWriter *self,
             CwSeverity        severity,
             const char       *path,
             const char       *message,
             const char       *hint)
{
  CwDiagnostic *diagnostic = cw_diagnostic_new (severity, CW_ERROR_WRITE, path, 0, message);

  diagnostic->hint = g_strdup (hint);
  g_ptr_array_add (self->warnings, diagnostic);
}

/* Files that could not be removed: told as one warning, so that a folder
 * that refuses every removal is one line, not one a frame. */
typedef struct
{
  char  *first;
  char  *reason;
  guint  n;
} Leftovers;

static void
leftovers_add (Leftovers  *left,
               const char *path,
               const char *reason)
{
  if (left->n++ > 0)
    return;
  left->first = g_strdup (path);
  left->reason = g_strdup (reason);
}

/* @where: the folder they are in, named when there are several;
 * @hint_one and @hint_many: what to do about one file, or several */
static void
leftovers_tell (CwSequenceWriter *self,
                Leftovers        *left,
                const char       *where,
                const char       *hint_one,
                const char       *hint_many)
{
  g_autofree char *message = NULL;

  if (left->n == 0)
    return;
  if (left->n == 1)
    {
      message = g_strdup_printf (_("Left over from an export that did not finish; it could not be removed: %s"),
                                 left->reason);
      add_warning (self, CW_SEVERITY_WARNING, left->first, message, hint_one);
    }
  else
    {
      /* Translators: the first %s is a file, the second why it could not be removed */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u file left over from an export that did not finish could not be removed, %s the first: %s",
                                              "%u files left over from an export that did not finish could not be removed, %s the first: %s",
                                              left->n),
                                 left->n, left->first, left->reason);
      add_warning (self, CW_SEVERITY_WARNING, where, message, hint_many);
    }
  g_clear_pointer (&left->first, g_free);
  g_clear_pointer (&left->reason, g_free);
  left->n = 0;
}

static void
leftovers_add_file (Leftovers    *left,
                    GFile        *file,
                    const GError *error)
{
  g_autofree char *path = g_file_get_parse_name (file);

  leftovers_add (left, path, error->message);
}

/* Removes @dir and all it holds. Only for our own staging folders, so
 * nothing in it is the user's; links are removed, never followed. What
 * cannot be removed is told, not dropped. */
static void
remove_tree (Leftovers *left,
             GFile     *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (children == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        leftovers_add_file (left, dir, error);
      return;
    }
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, &error))
        {
          leftovers_add_file (left, dir, error);
          return;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (left, child);
      else if (!g_file_delete (child, NULL, &error) &&
               !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        leftovers_add_file (left, child, error);
      g_clear_error (&error);
    }
  /* a folder whose files stayed is not empty: the files were told */
  if (!g_file_delete (dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY))
    leftovers_add_file (left, dir, error);
}

/**
 * cw_sequence_writer_clean_up:
 *
 * Removes the staging folder and whatever is still in it, unless it holds
 * an earlier export that could not be put back. Anything that cannot be
 * removed is added to cw_sequence_writer_get_warnings(). Freeing the writer
 * does the same, but then nobody hears of what was left.
 */
void
cw_sequence_writer_clean_up (CwSequenceWriter *self)
{
  g_autoptr(GFile) staging = NULL;
  Leftovers left = { 0 };

  if (self->staging == NULL || self->keep)
    return;
  staging = g_file_new_for_path (self->staging);
  remove_tree (&left, staging);
  leftovers_tell (self, &left, self->staging, _("It is not part of any export; you may delete it."),
                  _("This folder is not part of any export; you may delete it."));
  g_clear_pointer (&self->staging, g_free);
}

/**
 * cw_sequence_writer_get_warnings:
 *
 * Returns: (transfer none) (element-type CwDiagnostic): files this writer
 *   made that are left where they should not be, and an earlier export it
 *   could not put back
 */
GPtrArray *
cw_sequence_writer_get_warnings (CwSequenceWriter *self)
{
  return self->warnings;
}

void
cw_sequence_writer_free (CwSequenceWriter *self)
{
  if (self == NULL)
    return;

  /* a staging folder still holding an earlier export that could not be
   * put back is kept: an export never deletes the user's earlier work */
  cw_sequence_writer_clean_up (self);
  g_clear_object (&self->dir);
  g_free (self->dir_path);
  g_clear_object (&self->deck);
  g_free (self->language);
  cw_format_free (self->format);
  g_ptr_array_unref (self->videos);
  g_clear_pointer (&self->earlier, cw_earlier_export_free);
  g_clear_pointer (&self->earlier_set, g_hash_table_unref);
  g_clear_object (&self->renderer);
  g_free (self->staging);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->previous);
  g_clear_pointer (&self->runs, g_array_unref);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

/* Plans a video of the sequence, made by cw_sequence_writer_encode(). */
void
cw_sequence_writer_add_video (CwSequenceWriter *self,
                              const CwEncoder  *encoder)
{
  g_autofree char *slug = slugify (cw_deck_get_title (self->deck));
  Video *video = g_new0 (Video, 1);

  video->encoder = encoder;
  video->file = g_strdup_printf ("%s-%s-%s.%s", slug, self->language, self->format->name,
                                 encoder->extension);
  g_ptr_array_add (self->videos, video);
}

GFile *
cw_sequence_writer_get_dir (CwSequenceWriter *self)
{
  return self->dir;
}

const char *
cw_sequence_writer_get_language (CwSequenceWriter *self)
{
  return self->language;
}

const CwFormat *
cw_sequence_writer_get_format (CwSequenceWriter *self)
{
  return self->format;
}

guint
cw_sequence_writer_get_n_frames (CwSequenceWriter *self)
{
  return self->n_frames;
}

/**
 * cw_sequence_writer_get_videos:
 *
 * Returns: (transfer container) (element-type utf8): the file names of the
 *   videos made so far
 */
GPtrArray *
cw_sequence_writer_get_videos (CwSequenceWriter *self)
{
  GPtrArray *files = g_ptr_array_new ();

  for (guint i = 0; i < self->videos->len; i++)
    {
      Video *video = g_ptr_array_index (self->videos, i);

      if (video->made)
        g_ptr_array_add (files, video->file);
    }
  return files;
}

/* Whether this export writes a file called @name, or would if every video
 * it plans is made. */
static gboolean
is_own_name (CwSequenceWriter *self,
             const char       *name)
{
  if (is_sequence_name (name))
    return TRUE;
  for (guint i = 0; i < self->videos->len; i++)
    {
      Video *video = g_ptr_array_index (self->videos, i);

      if (g_str_equal (video->file, name))
        return TRUE;
    }
  return FALSE;
}

/* A manifest names files in its own folder; anything else in it (a path,
 * "..") is not followed. */
static void
add_listed_name (GHashTable *set,
                 const char *name)
{
  if (name != NULL && *name != '\0' && strchr (name, G_DIR_SEPARATOR) == NULL &&
      !g_str_equal (name, ".") && !g_str_equal (name, ".."))
    g_hash_table_add (set, g_strdup (name));
}

static void
add_listed_array (GHashTable *set,
                  JsonObject *manifest,
                  const char *member)
{
  JsonNode *node = json_object_get_member (manifest, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        add_listed_name (set, json_node_get_string (element));
    }
}

/* Manifests written before they listed their files name the frames by
 * pattern and count, the captions implicitly, and the one video. */
static void
add_listed_by_count (GHashTable *set,
                     JsonObject *manifest)
{
  gint64 count = json_object_get_int_member_with_default (manifest, "frame_count", 0);
  gint64 start = json_object_get_int_member_with_default (manifest, "start_number", 0);
  const char *pattern = json_object_get_string_member_with_default (manifest, "file_pattern", "");

  if (g_str_equal (pattern, CW_FRAME_PATTERN) && count > 0 && start >= 0 && start + count <= 100000)
    {
      for (gint64 i = start; i < start + count; i++)
        g_hash_table_add (set, g_strdup_printf (CW_FRAME_PATTERN, (int) i));
    }
  g_hash_table_add (set, g_strdup (CW_CAPTIONS_NAME));
  add_listed_name (set, json_object_get_string_member_with_default (manifest, "video", NULL));
}

/* Returns: (transfer full) (nullable): the names the manifest in @dir
 * lists as its export's, itself included; %NULL where there is no
 * Clearway manifest (none, a link, or somebody else's manifest.json). */
static GHashTable *
read_earlier_manifest (GFile *dir)
{
  g_autoptr(GFile) file = g_file_get_child (dir, CW_MANIFEST_NAME);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) set = NULL;
  JsonNode *root;
  JsonObject *manifest;
  const char *generator;
  gsize len;
  const char *data;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return NULL;
  bytes = cw_file_load_bounded (file, MANIFEST_MAX_BYTES, NULL, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  manifest = json_node_get_object (root);
  generator = json_object_get_string_member_with_default (manifest, "generator", "");
  if (!g_str_has_prefix (generator, "Clearway "))
    return NULL;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (set, g_strdup (CW_MANIFEST_NAME));
  if (json_object_has_member (manifest, "files"))
    add_listed_array (set, manifest, "files");
  else
    add_listed_by_count (set, manifest);
  add_listed_array (set, manifest, "kept");
  return g_steal_pointer (&set);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
sorted_strv (GPtrArray *names)
{
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/**
 * cw_sequence_writer_inspect:
 *
 * Looks at what the destination holds before anything is written: an
 * earlier export (which cw_sequence_writer_get_earlier() then describes),
 * and files Clearway did not write where this export would put its own,
 * which refuse the export with %CW_ERROR_OUTPUT_FOREIGN.
 */
gboolean
cw_sequence_writer_inspect (CwSequenceWriter  *self,
                            GError           **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GHashTable) earlier = NULL;
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  guint n_frames = 0;

  g_clear_pointer (&self->earlier, cw_earlier_export_free);
  g_clear_pointer (&self->earlier_set, g_hash_table_unref);

  children = g_file_enumerate_children (self->dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (children == NULL)
    {
      /* nothing there yet; a folder that cannot be made is reported then */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        return TRUE;
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("Could not look into %s: %s"),
                   self->dir_path, local_error->message);
      return FALSE;
    }

  earlier = read_earlier_manifest (self->dir);

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      gboolean listed;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, &local_error))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("Could not look into %s: %s"),
                       self->dir_path, local_error->message);
          return FALSE;
        }
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      /* only a plain file is ever ours: a link or a folder with a listed
       * name is something the user put there since */
      listed = earlier != NULL && g_hash_table_contains (earlier, name) &&
               g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR;

      if (is_own_name (self, name))
        {
          if (!listed)
            {
              g_autofree char *folder = g_file_get_parse_name (self->dir);
              g_set_error (error, CW_ERROR, CW_ERROR_OUTPUT_FOREIGN,
                           _("%s holds %s, which no Clearway manifest there lists, where this export would put a file of that name. Clearway replaces only files it knows it wrote: move that file elsewhere, or choose another folder."),
                           folder, name);
              return FALSE;
            }
          g_ptr_array_add (replaced, g_strdup (name));
          if (is_frame_name (name))
            n_frames++;
        }
      else if (listed)
        g_ptr_array_add (kept, g_strdup (name));
    }

  if (earlier == NULL)
    return TRUE;

  self->earlier = g_new0 (CwEarlierExport, 1);
  self->earlier->dir = g_object_ref (self->dir);
  self->earlier->replaced = sorted_strv (g_steal_pointer (&replaced));
  self->earlier->kept = sorted_strv (g_steal_pointer (&kept));
  self->earlier->n_frames = n_frames;
  self->earlier_set = g_steal_pointer (&earlier);
  return TRUE;
}

/**
 * cw_sequence_writer_get_earlier:
 *
 * Returns: (transfer none) (nullable): the earlier export that
 *   cw_sequence_writer_inspect() found in the destination
 */
const CwEarlierExport *
cw_sequence_writer_get_earlier (CwSequenceWriter *self)
{
  return self->earlier;
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
  else if (errsv == ENOTDIR || errsv == EEXIST)
    g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                 _("%s is a file, not a folder. Choose a folder for the export, or a name that does not exist yet."),
                 name);
  else
    g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                 _("Could not write the frames to %s: %s"), name, g_strerror (errsv));
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

typedef struct
{
  CwSequenceWriter *self;
  CwFrameProgress   progress;
  gpointer          user_data;
  GCancellable     *cancellable;
  GMutex            lock;
  GError           *error;
  GAsyncQueue      *workers;    /* Worker, not in use */
} RenderState;

/* A surface and the encoder of every frame drawn on it: always used
 * together, so what the surface held before a frame is the frame the
 * encoder encoded last, and the rows the frame left alone need not be
 * encoded again. */
typedef struct
{
  CwPngEncoder    *encoder;
  CwFrameTarget   *target;
} Worker;

static void
worker_free (gpointer data)
{
  Worker *worker = data;

  cw_png_encoder_free (worker->encoder);
  g_clear_pointer (&worker->target, cw_frame_target_free);
  g_free (worker);
}

/* Draws @frame over the last frame @worker drew, redrawing only what moved
 * since, and encodes it, compressing only the rows that changed. */
static GBytes *
worker_render (Worker      *worker,
               CwRenderer  *renderer,
               guint        frame,
               GError     **error)
{
  cairo_rectangle_int_t changed;
  gboolean known;

  if (worker->target == NULL)
    {
      const CwFormat *format = cw_renderer_get_format (renderer);
      /* mapped: the next sequence's frames may be of another size */
      g_autoptr(cairo_surface_t) surface =
        cw_pixels_surface_new (cw_renderer_get_transparent (renderer) ? CAIRO_FORMAT_ARGB32
                                                                      : CAIRO_FORMAT_RGB24,
                               format->width, format->height);

      worker->target = cw_frame_target_new (surface);
    }
  cw_renderer_draw_frame_into (renderer, worker->target, frame);
  known = cw_frame_target_get_changed (worker->target, &changed);
  return cw_png_encoder_encode (worker->encoder, cw_frame_target_get_surface (worker->target),
                                known ? &changed : NULL, error);
}

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

/* Whether a failed link(2) means only that this filesystem will not have
 * hard links here (FAT, some network and FUSE filesystems, a file with as
 * many links as it may have), so a copy will do. */
static gboolean
link_refused (int errsv)
{
  switch (errsv)
    {
    case EPERM:
    case EMLINK:
    case EXDEV:
    case ENOSYS:
    case EOPNOTSUPP:
#if defined(ENOTSUP) && ENOTSUP != EOPNOTSUPP
    case ENOTSUP:
#endif
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * cw_sequence_writer_write_hold: (skip)
 * @first: the file of the run's first frame, already written
 * @bytes: what @first holds
 * @path: another frame of the run
 * @linked: (out): whether @path is a hard link to @first; %FALSE when the
 *   filesystem refused the link and @path is a copy
 * @errsv: (out): errno when it fails
 *
 * Writes a repeated frame of a hold: one file on disk for the whole run,
 * or identical copies where links are refused. Internal; the tests call it
 * to check the copy.
 */
gboolean
cw_sequence_writer_write_hold (const char *first,
                               GBytes     *bytes,
                               const char *path,
                               gboolean   *linked,
                               int        *errsv)
{
  *linked = FALSE;
  if (link (first, path) == 0)
    {
      *linked = TRUE;
      return TRUE;
    }
  *errsv = errno;
  if (!link_refused (*errsv))
    return FALSE;
  return write_file (path, bytes, errsv);
}

static void
render_run (gpointer data,
            gpointer user_data)
{
  Run *run = data;
  RenderState *state = user_data;
  CwSequenceWriter *self = state->self;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *first = NULL;
  Worker *worker;
  GError *error = NULL;

  if (render_failed (state))
    return;

  worker = g_async_queue_try_pop (state->workers);
  if (worker == NULL)
    {
      worker = g_new0 (Worker, 1);
      worker->encoder = cw_png_encoder_new ();
    }
  png = worker_render (worker, self->renderer, run->first, &error);
  g_async_queue_push (state->workers, worker);
  state->progress (0, 1, state->user_data);

  if (png == NULL)
    {
      fail (state, error);
      return;
    }

  run->linked = run->n > 1;
  for (guint i = 0; i < run->n; i++)
    {
      g_autofree char *name = g_strdup_printf (CW_FRAME_PATTERN, run->first + i);
      g_autofree char *path = g_build_filename (self->staging, name, NULL);
      gboolean ok, linked = FALSE;
      int errsv = 0;

      if (i == 0)
        ok = write_file (path, png, &errsv);
      else
        ok = cw_sequence_writer_write_hold (first, png, path, &linked, &errsv);
      if (!ok)
        {
          GError *write_error = NULL;
          set_write_error (&write_error, self->dir, errsv);
          fail (state, write_error);
          break;
        }
      if (i == 0)
        first = g_steal_pointer (&path);
      else if (!linked)
        run->linked = FALSE;
      state->progress (1, 0, state->user_data);
    }
}

/* Writes @contents into the staging folder as @name, to be moved into place. */
static gboolean
stage_file (CwSequenceWriter  *self,
            const char        *name,
            char              *contents,
            GError           **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, strlen (contents));
  g_autofree char *path = g_build_filename (self->staging, name, NULL);
  int errsv = 0;

  if (!write_file (path, bytes, &errsv))
    {
      set_write_error (error, self->dir, errsv);
      return FALSE;
    }
  g_ptr_array_add (self->names, g_strdup (name));
  return TRUE;
}

/**
 * cw_sequence_writer_write_frames:
 * @renderer: renders the sequence; kept for the manifest
 * @progress: told of each frame, from the rendering threads
 *
 * Renders every frame, and the captions, into a hidden staging folder
 * inside the destination. On error or cancellation nothing is left.
 */
gboolean
cw_sequence_writer_write_frames (CwSequenceWriter  *self,
                                 CwRenderer        *renderer,
                                 guint              threads,
                                 CwFrameProgress    progress,
                                 gpointer           user_data,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autofree char *staging = NULL;
  RenderState state = { 0 };
  GThreadPool *pool;
  guint frame = 0;

  g_return_val_if_fail (self->staging == NULL && self->runs == NULL, FALSE);

  g_set_object (&self->renderer, renderer);
  self->n_frames = cw_renderer_get_n_frames (renderer);

  if (g_mkdir_with_parents (self->dir_path, 0755) != 0)
    {
      set_write_error (error, self->dir, errno);
      return FALSE;
    }

  staging = g_build_filename (self->dir_path, STAGING_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp (staging) == NULL)
    {
      set_write_error (error, self->dir, errno);
      return FALSE;
    }
  self->staging = g_steal_pointer (&staging);

  state.self = self;
  state.progress = progress;
  state.user_data = user_data;
  state.cancellable = cancellable;
  g_mutex_init (&state.lock);
  state.workers = g_async_queue_new_full (worker_free);

  /* the runs first, so each worker can note on its own run how it went */
  self->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  while (frame < self->n_frames)
    {
      Run run = { frame, 1, FALSE };

      while (frame + run.n < self->n_frames &&
             cw_renderer_frames_identical (renderer, frame, frame + run.n))
        run.n++;
      frame += run.n;
      g_array_append_val (self->runs, run);
    }

  pool = g_thread_pool_new (render_run, &state, threads, TRUE, NULL);
  for (guint i = 0; i < self->runs->len && !render_failed (&state); i++)
    g_thread_pool_push (pool, &g_array_index (self->runs, Run, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&state.lock);
  g_async_queue_unref (state.workers);

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint i = 0; i < self->n_frames; i++)
    g_ptr_array_add (self->names, g_strdup_printf (CW_FRAME_PATTERN, i));

  /* the post's description, and the captions for viewers watching muted */
  return stage_file (self, CW_CAPTIONS_NAME, cw_captions_build_description (renderer), error) &&
         stage_file (self, CW_CAPTIONS_SRT_NAME, cw_captions_build (renderer, CW_CAPTIONS_SRT), error) &&
         stage_file (self, CW_CAPTIONS_VTT_NAME, cw_captions_build (renderer, CW_CAPTIONS_VTT), error);
}

static Video *
find_video (CwSequenceWriter *self,
            const CwEncoder  *encoder)
{
  for (guint i = 0; i < self->videos->len; i++)
    {
      Video *video = g_ptr_array_index (self->videos, i);

      if (video->encoder == encoder)
        return video;
    }
  return NULL;
}

/**
 * cw_sequence_writer_encode:
 * @encoder: one of the videos planned with cw_sequence_writer_add_video()
 *
 * Makes the video from the frames written, beside them in the staging
 * folder. On failure the sequence is still complete without it.
 */
gboolean
cw_sequence_writer_encode (CwSequenceWriter   *self,
                           const CwEncoder    *encoder,
                           CwEncoderProgress   progress,
                           gpointer            user_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  Video *video = find_video (self, encoder);

  g_return_val_if_fail (video != NULL, FALSE);
  g_return_val_if_fail (self->staging != NULL, FALSE);

  if (!cw_encoder_run (encoder, self->staging, cw_renderer_get_fps (self->renderer), self->n_frames,
                       video->file, cw_deck_get_soundtrack (self->deck), progress, user_data,
                       cancellable, error))
    return FALSE;

  video->made = TRUE;
  g_ptr_array_add (self->names, g_strdup (video->file));
  return TRUE;
}

/* Whether the earlier export's file @name goes: the sequence's own files
 * always do, a video only when this export made it again. */
static gboolean
replaces (CwSequenceWriter *self,
          const char       *name)
{
  return is_sequence_name (name) || g_ptr_array_find_with_equal_func (self->names, name, g_str_equal, NULL);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *member,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_command (JsonBuilder     *builder,
             const CwEncoder *encoder,
             guint            fps,
             const char      *output)
{
  g_auto(GStrv) argv = cw_encoder_build_argv (encoder, fps, output);
  g_autofree char *shell = cw_encoder_dup_shell (encoder, fps, output);

  json_builder_set_member_name (builder, "ffmpeg_command");
  json_builder_begin_array (builder);
  for (guint i = 0; argv[i]; i++)
    json_builder_add_string_value (builder, argv[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "ffmpeg_shell");
  json_builder_add_string_value (builder, shell);
}

static JsonNode *
build_manifest (CwSequenceWriter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  CwRenderer *renderer = self->renderer;
  const CwFormat *format = self->format;
  const CwEncoder *first = cw_encoder_list ()[0];
  Video *first_video = find_video (self, first);
  g_autofree char *first_output = g_strdup_printf ("video.%s", first->extension);
  GPtrArray *untranslated = cw_renderer_get_untranslated (renderer);
  guint n_slides = cw_renderer_get_n_slides (renderer);
  guint fps = cw_renderer_get_fps (renderer);
  Video *made = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Clearway " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "deck_title");
  json_builder_add_string_value (builder, cw_deck_get_title (self->deck));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, self->language);
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
  json_builder_add_int_value (builder, self->n_frames);
  json_builder_set_member_name (builder, "start_number");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "file_pattern");
  json_builder_add_string_value (builder, CW_FRAME_PATTERN);
  /* false for a video-only export: the frames were made for the video, then deleted */
  json_builder_set_member_name (builder, "frames_kept");
  json_builder_add_boolean_value (builder, !self->frames_dropped);
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
      guint first_frame, n;

      cw_renderer_get_slide_frames (renderer, i, &first_frame, &n);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cw_slide_get_id (slide));
      json_builder_set_member_name (builder, "template");
      json_builder_add_string_value (builder, cw_slide_get_template_id (slide));
      json_builder_set_member_name (builder, "first_frame");
      json_builder_add_int_value (builder, first_frame);
      json_builder_set_member_name (builder, "last_frame");
      json_builder_add_int_value (builder, first_frame + n - 1);
      json_builder_set_member_name (builder, "frame_count");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, (double) first_frame / fps);
      json_builder_set_member_name (builder, "duration");
      json_builder_add_double_value (builder, (double) n / fps);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* the command that makes the first video of the table from the frames,
   * for whoever makes it by hand */
  add_command (builder, first, fps,
               first_video != NULL && first_video->made ? first_video->file : first_output);

  json_builder_set_member_name (builder, "videos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->videos->len; i++)
    {
      Video *video = g_ptr_array_index (self->videos, i);

      if (!video->made)
        continue;
      if (made == NULL)
        made = video;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, video->file);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, video->encoder->name);
      json_builder_set_member_name (builder, "codec");
      json_builder_add_string_value (builder, video->encoder->codec);
      add_command (builder, video->encoder, fps, video->file);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "captions");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, CW_CAPTIONS_NAME);
  json_builder_set_member_name (builder, "srt");
  json_builder_add_string_value (builder, CW_CAPTIONS_SRT_NAME);
  json_builder_set_member_name (builder, "vtt");
  json_builder_add_string_value (builder, CW_CAPTIONS_VTT_NAME);
  json_builder_end_object (builder);

  /* for readers of manifests from before there could be several */
  if (made != NULL)
    {
      json_builder_set_member_name (builder, "video");
      json_builder_add_string_value (builder, made->file);
    }

  /* every file this export wrote, but this manifest */
  add_string_array (builder, "files", self->names);

  /* the frames of a still moment are one file, hard links to its first
   * frame: changing one changes them all */
  json_builder_set_member_name (builder, "holds");
  json_builder_begin_array (builder);
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const Run *run = &g_array_index (self->runs, Run, i);
      g_autofree char *file = NULL;

      if (run->n < 2)
        continue;
      file = g_strdup_printf (CW_FRAME_PATTERN, run->first);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "first_frame");
      json_builder_add_int_value (builder, run->first);
      json_builder_set_member_name (builder, "last_frame");
      json_builder_add_int_value (builder, run->first + run->n - 1);
      json_builder_set_member_name (builder, "frame_count");
      json_builder_add_int_value (builder, run->n);
      /* false where the filesystem refused links: then they are copies */
      json_builder_set_member_name (builder, "linked");
      json_builder_add_boolean_value (builder, run->linked);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* what an earlier export here wrote and this one left: still Clearway's
   * to replace next time */
  if (self->earlier_set != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, self->earlier_set);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        {
          g_autofree char *path = g_build_filename (self->dir_path, name, NULL);

          if (!replaces (self, name) && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
              !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            g_ptr_array_add (kept, name);
        }
      g_ptr_array_sort (kept, compare_names);
    }
  add_string_array (builder, "kept", kept);

  json_builder_set_member_name (builder, "untranslated");
  json_builder_begin_array (builder);
  for (guint i = 0; i < untranslated->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (untranslated, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * cw_sequence_writer_finish:
 *
 * Writes the manifest, the last file of the staged sequence.
 */
/* The frames go once every video is made from them (video only). */
static gboolean
drop_frames (CwSequenceWriter  *self,
             GError           **error)
{
  gboolean made = self->videos->len > 0;

  for (guint i = 0; i < self->videos->len; i++)
    made = made && ((Video *) g_ptr_array_index (self->videos, i))->made;
  if (!self->video_only || !made)
    return TRUE;

  for (guint i = 0; i < self->names->len;)
    {
      const char *name = g_ptr_array_index (self->names, i);
      g_autofree char *path = NULL;

      if (!is_frame_name (name))
        {
          i++;
          continue;
        }
      path = g_build_filename (self->staging, name, NULL);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          set_write_error (error, self->dir, errno);
          return FALSE;
        }
      g_ptr_array_remove_index (self->names, i);
    }
  g_clear_pointer (&self->runs, g_array_unref);
  self->frames_dropped = TRUE;
  return TRUE;
}

gboolean
cw_sequence_writer_finish (CwSequenceWriter  *self,
                           GError           **error)
{
  g_autoptr(JsonNode) manifest = NULL;

  if (!drop_frames (self, error))
    return FALSE;
  manifest = build_manifest (self);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  /* The writer waits for the other sequences of the export before it
   * publishes; the renderer's layouts, textures and layers would wait
   * with it, and a format × language matrix would hold them all. */
  g_clear_object (&self->renderer);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, manifest);
  return stage_file (self, CW_MANIFEST_NAME, json_generator_to_data (generator, NULL), error);
}

/* The earlier export's files that go are moved into the staging folder
 * rather than deleted, so a failed move can put them back. */
static gboolean
set_aside_earlier (CwSequenceWriter  *self,
                   GError           **error)
{
  g_autofree char *aside = g_build_filename (self->staging, PREVIOUS_FOLDER, NULL);

  if (self->earlier == NULL)
    return TRUE;

  if (g_mkdir (aside, 0700) != 0)
    {
      set_write_error (error, self->dir, errno);
      return FALSE;
    }
  for (guint i = 0; self->earlier->replaced[i]; i++)
    {
      const char *name = self->earlier->replaced[i];
      g_autofree char *from = g_build_filename (self->dir_path, name, NULL);
      g_autofree char *to = g_build_filename (aside, name, NULL);

      if (!replaces (self, name))
        continue;
      if (g_rename (from, to) != 0)
        {
          /* already gone is as good as set aside */
          if (errno == ENOENT)
            continue;
          set_write_error (error, self->dir, errno);
          return FALSE;
        }
      g_ptr_array_add (self->previous, g_strdup (name));
    }
  return TRUE;
}

/**
 * cw_sequence_writer_publish:
 *
 * Moves the staged sequence into place: the step that makes it look
 * finished. The earlier export's files it replaces are set aside first,
 * and go with the staging folder when the writer is freed.
 */
gboolean
cw_sequence_writer_publish (CwSequenceWriter  *self,
                            GError           **error)
{
  g_return_val_if_fail (self->staging != NULL, FALSE);

  if (!set_aside_earlier (self, error))
    return FALSE;

  for (; self->n_moved < self->names->len; self->n_moved++)
    {
      const char *name = g_ptr_array_index (self->names, self->n_moved);
      g_autofree char *from = g_build_filename (self->staging, name, NULL);
      g_autofree char *to = g_build_filename (self->dir_path, name, NULL);

      if (g_rename (from, to) != 0)
        {
          set_write_error (error, self->dir, errno);
          return FALSE;
        }
    }
  return TRUE;
}

/* Undoes cw_sequence_writer_publish() after a failure: what was moved in
 * goes, and the earlier export comes back. What cannot be undone is told:
 * a file left in the folder would look like part of an export and refuse
 * the next one, and an earlier file not put back stays in the staging
 * folder, which is then kept, for the user to move back. */
void
cw_sequence_writer_unpublish (CwSequenceWriter *self)
{
  g_autofree char *aside = NULL;
  Leftovers left = { 0 };

  if (self->staging == NULL)
    return;
  aside = g_build_filename (self->staging, PREVIOUS_FOLDER, NULL);

  for (guint i = 0; i < self->n_moved; i++)
    {
      g_autofree char *path = g_build_filename (self->dir_path, g_ptr_array_index (self->names, i), NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        leftovers_add (&left, path, g_strerror (errno));
    }
  self->n_moved = 0;
  /* no manifest lists them, so the next export here would refuse them */
  leftovers_tell (self, &left, self->dir_path,
                  _("It is not part of a finished export; delete it before exporting to this folder again."),
                  _("They are not part of a finished export; delete them before exporting to this folder again."));

  for (guint i = 0; i < self->previous->len; i++)
    {
      const char *name = g_ptr_array_index (self->previous, i);
      g_autofree char *from = g_build_filename (aside, name, NULL);
      g_autofree char *to = g_build_filename (self->dir_path, name, NULL);

      if (g_rename (from, to) != 0)
        {
          int errsv = errno;
          g_autofree char *message = NULL;
          g_autofree char *hint = NULL;

          self->keep = TRUE;
          message = g_strdup_printf (_("The export failed, and this file of the earlier export could not be put back: %s"),
                                     g_strerror (errsv));
          /* Translators: %s is where the earlier file is now */
          hint = g_strdup_printf (_("It is kept as %s; move it back by hand."), from);
          add_warning (self, CW_SEVERITY_ERROR, to, message, hint);
        }
    }
  g_ptr_array_set_size (self->previous, 0);
}
