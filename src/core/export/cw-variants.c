/* cw-variants.c
 *
 * One clip per district: a table whose columns are statistic ids (and an
 * optional "name" column) makes, for each row, a copy of the deck with that
 * row's figures. Every cell is checked before any clip is rendered, so a
 * bad row stops the whole run with its row and column named, rather than
 * after half the districts are done. The table is read by the same reader
 * as statistics imports (CSV, .ods, .xlsx: cw_table_read()).
 *
 * cw_variants_export_async() is the one way every variant is exported, by
 * clearway-cli render --data and by the editor's Export dialog alike: all
 * the rows' sequences in one exporter run (cw_exporter_add_variant()), so
 * each destination is checked before anything renders, every core works
 * on one sequence at a time, and the clips are published together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cw-csv.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-sheet.h"
#include "cw-variants.h"

/* problems shown at once: enough to see a pattern, not a wall */
#define MAX_PROBLEMS_SHOWN 20

void
cw_variant_free (CwVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->name);
  g_clear_object (&variant->deck);
  g_strfreev (variant->ids);
  g_free (variant->values);
  g_free (variant);
}

typedef struct
{
  const char *display_name;
  const char *sheet;
  GPtrArray  *problems;
} Checker;

/* "regions.csv:4: column “hectares”: …" or
 * "regions.xlsx: sheet “Districts”, cell C4 (column “hectares”): …" */
static void
problem (Checker    *checker,
         guint       row,
         int         column,
         const char *header,
         const char *message)
{
  if (checker->sheet != NULL && column >= 0)
    {
      g_autofree char *cell = cw_sheet_cell_name ((guint) column, row);

      g_ptr_array_add (checker->problems,
                       /* Translators: file, sheet, cell ("C4"), column header, what is wrong */
                       g_strdup_printf (_("%s: sheet “%s”, cell %s (column “%s”): %s"),
                                        checker->display_name, checker->sheet, cell, header, message));
    }
  else if (checker->sheet != NULL)
    g_ptr_array_add (checker->problems,
                     /* Translators: file, sheet, row number, what is wrong */
                     g_strdup_printf (_("%s: sheet “%s”, row %u: %s"),
                                      checker->display_name, checker->sheet, row, message));
  else if (column >= 0)
    g_ptr_array_add (checker->problems,
                     /* Translators: file, line, column header, what is wrong */
                     g_strdup_printf (_("%s:%u: column “%s”: %s"), checker->display_name, row, header, message));
  else
    g_ptr_array_add (checker->problems,
                     g_strdup_printf ("%s:%u: %s", checker->display_name, row, message));
}

static gboolean
name_is_usable (const char *name)
{
  if (name[0] == '\0' || name[0] == '.' || g_utf8_strlen (name, -1) > 64)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

static char *
list_ids (CwDeck *deck)
{
  GListModel *statistics = cw_deck_get_statistics (deck);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CwStatistic) s = g_list_model_get_item (statistics, i);

      if (cw_statistic_get_n_points (s) > 0)
        continue;
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", cw_statistic_get_id (s));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/**
 * cw_variants_from_table:
 * @deck: the deck each row varies
 * @sheet: (nullable): a workbook's sheet; %NULL for the first
 *
 * Reads a table (CSV, .ods or .xlsx) whose first row names the columns:
 * statistic ids of @deck, and optionally "name", the folder each row's
 * clips go to ("row-N" without it). Every cell is checked first; any
 * missing or bad value, unknown column or unusable name is an error that
 * names each one with its row and column, and no variant is made.
 *
 * Returns: (transfer full) (element-type CwVariant): one variant per row,
 *   or %NULL with @error set
 */
GPtrArray *
cw_variants_from_table (CwDeck      *deck,
                        GBytes      *bytes,
                        const char  *display_name,
                        const char  *sheet,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_variant_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sheet_read = NULL;
  Checker checker = { display_name, NULL, problems };
  CwCsvRow *header;
  int name_column = -1;
  guint header_problems;
  char delimiter = ',';

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  rows = cw_table_read (bytes, display_name, sheet, &sheet_read, &delimiter, error);
  if (rows == NULL)
    return NULL;
  checker.sheet = sheet_read;
  if (rows->len < 2)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: the table needs a header row naming statistics of the deck (and optionally “name”), then one row per clip."),
                   display_name);
      return NULL;
    }
  if (rows->len - 1 > CW_VARIANTS_MAX)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the table has %u rows, and one clip per row is limited to %d. Split the table, or check that it is the right one."),
                   display_name, rows->len - 1, CW_VARIANTS_MAX);
      return NULL;
    }

  /* the header: which column sets which statistic */
  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; header->fields[c]; c++)
    {
      const char *id = g_strstrip (header->fields[c]);
      CwStatistic *statistic;
      g_autofree char *message = NULL;

      if (*id == '\0')
        continue;
      if (g_ascii_strcasecmp (id, "name") == 0)
        {
          name_column = c;
          continue;
        }
      statistic = cw_deck_find_statistic (deck, id);
      if (statistic == NULL)
        {
          g_autofree char *known = list_ids (deck);

          message = g_strdup_printf (_("the deck has no statistic “%s”; name a column after one of: %s."),
                                     id, known);
        }
      else if (cw_statistic_get_n_points (statistic) > 0)
        message = g_strdup_printf (_("“%s” is a series; a row can only give a single figure. Remove the column."), id);
      else if (g_hash_table_contains (seen_ids, id))
        message = g_strdup_printf (_("“%s” has two columns; keep one."), id);
      if (message != NULL)
        {
          problem (&checker, header->line, c, id, message);
          continue;
        }
      g_hash_table_add (seen_ids, (gpointer) id);
      g_array_append_val (columns, c);
    }
  header_problems = problems->len;
  if (columns->len == 0 && header_problems == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: no column names a statistic of the deck, so no row would change a clip. Name the columns after statistic ids."),
                   display_name);
      return NULL;
    }

  /* every row is checked, so one run names every cell to fix; a column
   * named wrong is told once, not once a row */
  for (guint r = 1; r < rows->len && header_problems == 0; r++)
    {
      CwCsvRow *row = g_ptr_array_index (rows, r);
      guint n_fields = g_strv_length (row->fields);
      g_autoptr(CwVariant) variant = g_new0 (CwVariant, 1);
      GStrvBuilder *ids = g_strv_builder_new ();
      const char *name = name_column >= 0 && (guint) name_column < n_fields ? g_strstrip (row->fields[name_column]) : "";
      guint before = problems->len;

      variant->row = row->line;
      variant->name = *name ? g_strdup (name) : g_strdup_printf ("row-%u", row->line);
      variant->values = g_new0 (double, columns->len);
      if (!name_is_usable (variant->name))
        problem (&checker, row->line, name_column, "name",
                 _("the name cannot be a folder's: use letters, digits, spaces, “-” or “_”, at most 64 characters, not starting with “.”."));
      else if (g_hash_table_contains (names, variant->name))
        problem (&checker, row->line, name_column, "name",
                 _("another row has this name; give each row its own, as each gets its own folder."));

      for (guint i = 0; i < columns->len; i++)
        {
          int c = g_array_index (columns, int, i);
          const char *id = header->fields[c];
          const char *cell = (guint) c < n_fields ? g_strstrip (row->fields[c]) : "";
          double value;

          if (*cell == '\0')
            problem (&checker, row->line, c, id, _("no value; fill in the figure for this row."));
          else if (!cw_csv_parse_number (cell, delimiter, &value))
            {
              g_autofree char *message = g_strdup_printf (_("“%s” is not a number; write the figure as digits, such as 162500."), cell);
              problem (&checker, row->line, c, id, message);
            }
          else if (!cw_statistic_value_is_valid (value))
            {
              g_autofree char *message = g_strdup_printf (_("“%s” is larger than a deck holds, or has more decimals than it keeps; give it in a larger unit, or round it."), cell);
              problem (&checker, row->line, c, id, message);
            }
          else
            {
              g_strv_builder_add (ids, id);
              variant->values[i] = value;
            }
        }
      variant->ids = g_strv_builder_end (ids);
      g_strv_builder_unref (ids);
      if (problems->len > before)
        continue;

      g_hash_table_add (names, g_strdup (variant->name));
      variant->deck = cw_deck_copy (deck);
      for (guint i = 0; variant->ids[i]; i++)
        cw_statistic_set_value (cw_deck_find_statistic (variant->deck, variant->ids[i]), variant->values[i]);
      g_ptr_array_add (variants, g_steal_pointer (&variant));
    }

  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len && i < MAX_PROBLEMS_SHOWN; i++)
        g_string_append_printf (text, "\n%s", (char *) g_ptr_array_index (problems, i));
      if (problems->len > MAX_PROBLEMS_SHOWN)
        g_string_append_printf (text, "\n%s", g_dngettext (GETTEXT_PACKAGE, "…and %u more.", "…and %u more.",
                                                              problems->len - MAX_PROBLEMS_SHOWN));
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: no clip was rendered; fix the table first:%s"), display_name, text->str);
      return NULL;
    }
  return g_steal_pointer (&variants);
}

/**
 * cw_variants_from_file:
 *
 * cw_variants_from_table() for a file, read within the table readers' caps.
 */
GPtrArray *
cw_variants_from_file (CwDeck        *deck,
                       GFile         *file,
                       const char    *sheet,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  lower = g_utf8_strdown (name, -1);
  bytes = cw_file_load_bounded (file,
                                g_str_has_suffix (lower, ".ods") || g_str_has_suffix (lower, ".xlsx")
                                ? CW_SHEET_MAX_BYTES : CW_CSV_MAX_BYTES,
                                cancellable, error);
  if (bytes == NULL)
    return NULL;
  return cw_variants_from_table (deck, bytes, name, sheet, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * cw_variants_write_index:
 * @output_dir: the folder holding one folder per variant
 *
 * Writes index.json into @output_dir: each variant's name, row, figures
 * and the manifests found in its folder ("north/en-tiktok/manifest.json"),
 * so whatever posts the clips finds every one.
 *
 * Returns: whether the index was written
 */
gboolean
cw_variants_write_index (GPtrArray  *variants,
                         GFile      *output_dir,
                         GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) index = g_file_get_child (output_dir, "index.json");
  g_autofree char *json = NULL;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Clearway " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < variants->len; i++)
    {
      CwVariant *variant = g_ptr_array_index (variants, i);
      g_autoptr(GFile) folder = g_file_get_child (output_dir, variant->name);
      g_autoptr(GFileEnumerator) children = NULL;
      g_autoptr(GPtrArray) manifests = g_ptr_array_new_with_free_func (g_free);
      GFileInfo *info;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, variant->name);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, variant->row);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_object (builder);
      for (guint j = 0; variant->ids[j]; j++)
        {
          json_builder_set_member_name (builder, variant->ids[j]);
          json_builder_add_double_value (builder, variant->values[j]);
        }
      json_builder_end_object (builder);

      children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          const char *child = g_file_info_get_name (info);
          g_autofree char *manifest = g_build_filename (variant->name, child, "manifest.json", NULL);
          g_autoptr(GFile) file = g_file_resolve_relative_path (output_dir, manifest);

          if (g_file_query_exists (file, NULL))
            g_ptr_array_add (manifests, g_steal_pointer (&manifest));
          g_object_unref (info);
        }
      g_ptr_array_sort (manifests, compare_strings);
      json_builder_set_member_name (builder, "manifests");
      json_builder_begin_array (builder);
      for (guint j = 0; j < manifests->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (manifests, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, &length);
  if (!g_file_replace_contents (index, json, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;
  return TRUE;
}

/**
 * cw_variants_check_index:
 * @output_dir: where the variants and their index.json would go
 * @overwrite: whether an earlier run's index may be replaced
 *
 * Treats index.json as an export treats its files: one an earlier run of
 * Clearway wrote is replaced only when overwriting is allowed
 * (%CW_ERROR_OUTPUT_EXISTS), and one Clearway did not write is never
 * replaced (%CW_ERROR_OUTPUT_FOREIGN). Anything else in @output_dir,
 * such as the folders of rows this run does not have, is left alone.
 *
 * Returns: whether index.json may be written
 */
gboolean
cw_variants_check_index (GFile     *output_dir,
                         gboolean   overwrite,
                         GError   **error)
{
  g_autoptr(GFile) index = g_file_get_child (output_dir, "index.json");
  g_autofree char *name = g_file_get_parse_name (index);
  g_autofree char *folder = g_file_get_parse_name (output_dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *generator = NULL;

  bytes = cw_file_load_bounded (index, 16 * 1024 * 1024, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    generator = json_object_get_string_member_with_default (json_node_get_object (root), "generator", NULL);
  if (generator == NULL || !g_str_has_prefix (generator, "Clearway"))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_OUTPUT_FOREIGN,
                   _("%s holds index.json, which Clearway did not write, where this export would put its index of the rows. Clearway replaces only files it knows it wrote: move that file elsewhere, or choose another folder."),
                   folder);
      return FALSE;
    }
  if (!overwrite)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS,
                   _("%s already holds clips of a table’s rows (%s lists them). Choose another folder, or allow overwriting them (--overwrite)."),
                   folder, name);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray *variants;
  GFile     *output_dir;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_ptr_array_unref (export->variants);
  g_object_unref (export->output_dir);
  g_free (export);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cw_exporter_run_finish (CW_EXPORTER (object), result, &error) ||
      !cw_variants_write_index (export->variants, export->output_dir, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cw_variants_export_async:
 * @exporter: an exporter set up as for the deck alone (output folder,
 *   languages, formats, videos…); it is given every variant
 * @variants: (element-type CwVariant): from cw_variants_from_table()
 *
 * Exports every variant into "<output>/<name>/<lang>-<format>/" in one
 * run of @exporter, whose progress and cancellation are the run's, then
 * writes index.json. An index.json already there is checked first, as
 * the exporter checks its destinations (cw_variants_check_index()); on
 * any error or cancellation no variant is published and no index written.
 */
void
cw_variants_export_async (CwExporter          *exporter,
                          GPtrArray           *variants,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;
  GFile *output_dir;
  GError *error = NULL;

  g_return_if_fail (CW_IS_EXPORTER (exporter));
  g_return_if_fail (variants != NULL && variants->len > 0);

  output_dir = cw_exporter_get_output_dir (exporter);
  g_return_if_fail (output_dir != NULL);

  task = g_task_new (exporter, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_variants_export_async);
  export = g_new0 (ExportData, 1);
  export->variants = g_ptr_array_ref (variants);
  export->output_dir = g_object_ref (output_dir);
  g_task_set_task_data (task, export, export_data_free);

  if (!cw_variants_check_index (output_dir, cw_exporter_get_overwrite (exporter), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < variants->len; i++)
    {
      CwVariant *variant = g_ptr_array_index (variants, i);

      cw_exporter_add_variant (exporter, variant->name, variant->deck);
    }
  cw_exporter_run_async (exporter, cancellable, on_exported, g_steal_pointer (&task));
}

gboolean
cw_variants_export_finish (CwExporter    *exporter,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, exporter), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
