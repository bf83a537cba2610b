/* test-po.c: a deck's texts out to translators as .pot/.po, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gettext-po.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cw-test-utils.h"

#define NBSP "\xc2\xa0"

#define RU_PLURAL_FORMS \
  "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"

/* A one-slide deck: a kicker, a plural label, a text with a figure, and the source line. */
static const char *small_deck =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta>\n"
  "    <title>Small</title>\n"
  "    <language>en</language>\n"
  "  </meta>\n"
  "  <statistics>\n"
  "    <statistic id=\"mines\" value=\"161000\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"/>\n"
  "  </statistics>\n"
  "  <slides>\n"
  "    <slide id=\"count\" template=\"big-number\">\n"
  "      <field name=\"statistic\" value=\"mines\"/>\n"
  "      <text name=\"kicker\">Since 2020</text>\n"
  "      <text name=\"label\" plural=\"mines neutralised\">mine neutralised</text>\n"
  "      <text name=\"detail\">{mines} in all</text>\n"
  "    </slide>\n"
  "  </slides>\n"
  "</deck>\n";

/* A good Russian catalog of the small deck; tests break it one way at a time. */
static const char *ru_po =
  "# Russian translation of the small deck\n"                              /*  1 */
  "msgid \"\"\n"                                                            /*  2 */
  "msgstr \"\"\n"                                                           /*  3 */
  "\"Language: ru\\n\"\n"                                                   /*  4 */
  "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                        /*  5 */
  "\"Plural-Forms: " RU_PLURAL_FORMS "\\n\"\n"                              /*  6 */
  "\n"                                                                      /*  7 */
  "msgctxt \"count/kicker\"\n"                                              /*  8 */
  "msgid \"Since 2020\"\n"                                                  /*  9 */
  "msgstr \"С 2020 года\"\n"                                                /* 10 */
  "\n"                                                                      /* 11 */
  "msgctxt \"count/label\"\n"                                               /* 12 */
  "msgid \"mine neutralised\"\n"                                            /* 13 */
  "msgid_plural \"mines neutralised\"\n"                                    /* 14 */
  "msgstr[0] \"мина обезврежена\"\n"                                        /* 15 */
  "msgstr[1] \"мины обезврежены\"\n"                                        /* 16 */
  "msgstr[2] \"мин обезврежено\"\n"                                         /* 17 */
  "\n"                                                                      /* 18 */
  "#, fuzzy\n"                                                              /* 19 */
  "msgctxt \"count/detail\"\n"                                              /* 20 */
  "msgid \"{mines} in all\"\n"                                              /* 21 */
  "msgstr \"всего {mines}\"\n"                                              /* 22 */
  "\n"                                                                      /* 23 */
  "msgctxt \"deck/source-line\"\n"                                          /* 24 */
  "msgid \"Source: {source}, {date}\"\n"                                    /* 25 */
  "msgstr \"Источник: {source}, {date}\"\n"                                 /* 26 */
  "\n"                                                                      /* 27 */
  "msgctxt \"gone/kicker\"\n"                                               /* 28 */
  "msgid \"Old\"\n"                                                         /* 29 */
  "msgstr \"Старое\"\n"                                                     /* 30 */
  "\n"                                                                      /* 31 */
  "#~ msgctxt \"older/kicker\"\n"                                           /* 32 */
  "#~ msgid \"Older\"\n"                                                    /* 33 */
  "#~ msgstr \"Старее\"\n";                                                 /* 34 */

static const char *az_po =
  "msgid \"\"\n"
  "msgstr \"\"\n"
  "\"Language: az\\n\"\n"
  "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
  "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
  "\n"
  "msgctxt \"count/kicker\"\n"
  "msgid \"Since 2020\"\n"
  "msgstr \"2020-dən bəri\"\n"
  "\n"
  "msgctxt \"count/label\"\n"
  "msgid \"mine neutralised\"\n"
  "msgid_plural \"mines neutralised\"\n"
  "msgstr[0] \"mina zərərsizləşdirilib\"\n"
  "msgstr[1] \"mina zərərsizləşdirilib\"\n";

typedef struct
{
  char   *dir;
  char   *deck_path;
  CwDeck *deck;
} Fixture;

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* @ru_po with @from replaced by @to, which must be there. */
static char *
edit (const char *text,
      const char *from,
      const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = cw_test_make_tmpdir ();
  f->deck_path = write_file (f->dir, "small.clearway", small_deck, -1);
  file = g_file_new_for_path (f->deck_path);
  f->deck = cw_deck_load_file (file, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->deck);
  cw_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->deck_path);
}

/* Reading what Clearway wrote with the same library translation tools use */

typedef struct
{
  char      *path;
  po_file_t  file;
} PoDoc;

static void
po_doc_free (PoDoc *doc)
{
  if (doc->file != NULL)
    po_file_free (doc->file);
  g_unlink (doc->path);
  g_free (doc->path);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoDoc, po_doc_free)

static void
po_error (int          severity,
          po_message_t message,
          const char  *filename,
          size_t       lineno,
          size_t       column,
          int          multiline,
          const char  *text)
{
  /* a catalog Clearway wrote must read without errors */
  if (severity >= PO_SEVERITY_ERROR)
    g_error ("%s:%zd: %s", filename ? filename : "?", (gssize) lineno, text);
}

static void
po_error2 (int          severity,
           po_message_t message1,
           const char  *filename1,
           size_t       lineno1,
           size_t       column1,
           int          multiline1,
           const char  *text1,
           po_message_t message2,
           const char  *filename2,
           size_t       lineno2,
           size_t       column2,
           int          multiline2,
           const char  *text2)
{
  if (severity >= PO_SEVERITY_ERROR)
    g_error ("%s %s", text1, text2);
}

static const struct po_xerror_handler po_handler = { po_error, po_error2 };

static PoDoc *
po_doc_new (GBytes *bytes)
{
  PoDoc *doc = g_new0 (PoDoc, 1);
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("test-po-XXXXXX.po", &doc->path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (doc->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  doc->file = po_file_read (doc->path, &po_handler);
  g_assert_nonnull (doc->file);
  return doc;
}

static po_message_t
po_doc_find (PoDoc      *doc,
             const char *context,
             gboolean    obsolete)
{
  po_message_iterator_t iterator = po_message_iterator (doc->file, NULL);
  po_message_t message;

  while ((message = po_next_message (iterator)) != NULL)
    {
      if (g_strcmp0 (po_message_msgctxt (message), context) == 0 &&
          !!po_message_is_obsolete (message) == !!obsolete)
        break;
    }
  po_message_iterator_free (iterator);
  return message;
}

static GPtrArray *
po_doc_contexts (PoDoc *doc)
{
  GPtrArray *contexts = g_ptr_array_new_with_free_func (g_free);
  po_message_iterator_t iterator = po_message_iterator (doc->file, NULL);
  po_message_t message;

  while ((message = po_next_message (iterator)) != NULL)
    {
      if (po_message_msgctxt (message) != NULL && !po_message_is_obsolete (message))
        g_ptr_array_add (contexts, g_strdup (po_message_msgctxt (message)));
    }
  po_message_iterator_free (iterator);
  return contexts;
}

static char *
header_field (PoDoc      *doc,
              const char *name)
{
  /* declared const, but the caller's copy to free */
  char *header = (char *) po_file_domain_header (doc->file, NULL);
  char *value = po_header_field (header, name);
  char *copy = g_strdup (value);

  free (value);
  free (header);
  return copy;
}

/* Whether the translator's note of @message says @needle. libgettextpo
 * hands back a new string (or a static "" when there is no note). */
static gboolean
note_says (po_message_t  message,
           const char   *needle)
{
  char *note = (char *) po_message_extracted_comments (message);
  gboolean found = strstr (note, needle) != NULL;

  if (*note != '\0')
    free (note);
  return found;
}

static guint
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

/* The template */

static void
test_template_contents (void)
{
  g_autoptr(CwDeck) deck = cw_test_load_deck_file ("translations.clearway");
  g_autofree char *deck_path = g_test_build_filename (G_TEST_DIST, "decks", "translations.clearway", NULL);
  g_autofree char *deck_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pot = cw_deck_export_po (deck, NULL, &error);
  g_autoptr(PoDoc) doc = NULL;
  g_autoptr(GPtrArray) contexts = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *reference = NULL;
  po_message_t m;
  po_filepos_t pos;
  static const char *expected[] = {
    "intro/kicker", "intro/headline", "intro/subline",
    "count/label", "count/detail",
    "trend/title", "years/This year",
    "share/prefix", "share/label",
    "people/label", "people/legend",
    "change/title", "change/before_label", "change/after_label", "change/change",
    "safe/title", "safe/step1", "safe/step2", "safe/step3", "safe/hotline_label", "safe/call",
    "deck/source-line",
  };

  g_assert_no_error (error);
  g_file_get_contents (deck_path, &deck_text, NULL, &error);
  g_assert_no_error (error);
  doc = po_doc_new (pot);

  /* a template: fuzzy header, UTF-8, no translations */
  content_type = header_field (doc, "Content-Type");
  g_assert_cmpstr (content_type, ==, "text/plain; charset=UTF-8");
  m = po_doc_find (doc, NULL, FALSE);
  g_assert_true (po_message_is_fuzzy (m));

  /* every text a viewer sees, in the order they see them, under the renderer's contexts */
  contexts = po_doc_contexts (doc);
  g_assert_cmpuint (contexts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (contexts, i), ==, expected[i]);

  /* written as in the deck, markup characters and line breaks included */
  g_assert_cmpstr (po_message_msgid (po_doc_find (doc, "intro/kicker", FALSE)), ==, "Karabakh & Nakhchivan");
  g_assert_cmpstr (po_message_msgid (po_doc_find (doc, "intro/subline", FALSE)), ==,
                   "Mine by mine,\nfield by field");
  g_assert_cmpstr (po_message_msgid (po_doc_find (doc, "count/detail", FALSE)), ==,
                   "{mines:compact} <and counting>");

  /* texts the slide leaves to its template are shown, so they are translated too */
  m = po_doc_find (doc, "intro/headline", FALSE);
  g_assert_cmpstr (po_message_msgid (m), ==, "Your headline here");
  g_assert_true (note_says (m, "template’s own text"));
  /* …including the simpler words a children's deck gets */
  g_assert_cmpstr (po_message_msgid (po_doc_find (doc, "safe/title", FALSE)), ==, "Found something strange?");
  g_assert_cmpstr (po_message_msgid (po_doc_find (doc, "safe/step3", FALSE)), ==, "Tell a grown-up right away.");

  /* a text that follows a number has a plural; without one in the deck, the singular twice */
  m = po_doc_find (doc, "count/label", FALSE);
  g_assert_cmpstr (po_message_msgid_plural (m), ==, "mines neutralised");
  g_assert_true (note_says (m, "161,000"));
  m = po_doc_find (doc, "share/label", FALSE);
  g_assert_cmpstr (po_message_msgid_plural (m), ==, po_message_msgid (m));
  g_assert_null (po_message_msgid_plural (po_doc_find (doc, "trend/title", FALSE)));

  /* series labels with a letter; years read the same everywhere */
  g_assert_nonnull (po_doc_find (doc, "years/This year", FALSE));
  g_assert_null (po_doc_find (doc, "years/2021", FALSE));
  g_assert_null (po_doc_find (doc, "years/2022–2023", FALSE));

  /* the notes say where the text is, how much room it has and what each placeholder is */
  m = po_doc_find (doc, "count/detail", FALSE);
  g_assert_true (note_says (m, "Slide 2 “count”"));
  g_assert_true (note_says (m, "about 70 characters"));
  g_assert_true (note_says (m, "{mines} shows a figure, “Mines neutralised”: now 161,000 mines"));
  m = po_doc_find (doc, "people/legend", FALSE);
  g_assert_true (note_says (m, "{per_icon} is how much one symbol stands for: 10"));
  m = po_doc_find (doc, "change/change", FALSE);
  g_assert_true (note_says (m, "{change} is the change"));
  m = po_doc_find (doc, "deck/source-line", FALSE);
  g_assert_true (note_says (m, "{source}"));
  g_assert_true (note_says (m, "{date}"));

  /* and the file and line it was written on */
  m = po_doc_find (doc, "count/label", FALSE);
  pos = po_message_filepos (m, 0);
  g_assert_nonnull (pos);
  g_assert_cmpstr (po_filepos_file (pos), ==, "translations.clearway");
  g_assert_cmpuint (po_filepos_start_line (pos), ==, line_of (deck_text, "<text name=\"label\""));
}

static void
test_template_language_errors (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* the deck's own language has no catalog; the template is what to ask for */
  bytes = cw_deck_export_po (f->deck, "en", &error);
  g_assert_null (bytes);
  g_assert_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE);
  g_assert_nonnull (strstr (error->message, "template"));
  g_clear_error (&error);

  bytes = cw_deck_export_po (f->deck, "not a code", &error);
  g_assert_null (bytes);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
}

static gboolean
tool_accepts (const char * const *argv,
              char              **output)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, output, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

/* What translators' tools make of the files: msgfmt checks, msgmerge merges. */
static void
test_template_tools (void)
{
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *msgmerge = g_find_program_in_path ("msgmerge");
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pot = NULL;
  g_autoptr(GBytes) ru = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pot_path = NULL;
  g_autofree char *ru_path = NULL;
  g_autofree char *merged_path = NULL;
  g_autofree char *output = NULL;

  if (msgfmt == NULL || msgmerge == NULL)
    {
      g_test_skip ("msgfmt and msgmerge are not installed (Debian package gettext); install them to check the catalogs");
      return;
    }

  dir = cw_test_make_tmpdir ();
  pot = cw_deck_export_po (deck, NULL, &error);
  g_assert_no_error (error);
  ru = cw_deck_export_po (deck, "ru", &error);
  g_assert_no_error (error);
  pot_path = write_file (dir, "karabakh.pot", g_bytes_get_data (pot, NULL), g_bytes_get_size (pot));
  ru_path = write_file (dir, "ru.po", g_bytes_get_data (ru, NULL), g_bytes_get_size (ru));
  merged_path = g_build_filename (dir, "merged.po", NULL);

  if (!tool_accepts ((const char * const[]) { msgfmt, "--check", "-o", "/dev/null", pot_path, NULL }, &output))
    g_error ("msgfmt --check refuses the template:\n%s", output);
  g_clear_pointer (&output, g_free);
  if (!tool_accepts ((const char * const[]) { msgfmt, "--check", "-o", "/dev/null", ru_path, NULL }, &output))
    g_error ("msgfmt --check refuses the Russian catalog:\n%s", output);
  g_clear_pointer (&output, g_free);
  if (!tool_accepts ((const char * const[]) { msgmerge, "--quiet", "-o", merged_path, ru_path, pot_path, NULL },
                     &output))
    g_error ("msgmerge cannot merge the template into the Russian catalog:\n%s", output);
  g_clear_pointer (&output, g_free);
  if (!tool_accepts ((const char * const[]) { msgfmt, "--check", "-o", "/dev/null", merged_path, NULL }, &output))
    g_error ("msgfmt --check refuses what msgmerge made:\n%s", output);

  /* the merged catalog still reads back into the deck, translations intact */
  {
    const char *files[] = { merged_path, NULL };
    g_autoptr(GPtrArray) reports = NULL;

    g_assert_true (cw_deck_import_po (deck, files, &reports, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (reports->len, ==, 1);
    g_assert_cmpstr (((CwDiagnostic *) g_ptr_array_index (reports, 0))->language, ==, "ru");
  }

  cw_test_remove_tree (dir);
}

/* A language's catalog, merged against the current texts */
static void
test_export_merges (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CwCatalog) ru = cw_catalog_new ("ru");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PoDoc) doc = NULL;
  g_autofree char *language = NULL;
  g_autofree char *plural_forms = NULL;
  po_message_t m;

  cw_catalog_set_plural_forms (ru, RU_PLURAL_FORMS, &error);
  g_assert_no_error (error);
  /* unchanged since it was translated */
  cw_catalog_add (ru, "count/kicker", "Since 2020", NULL, (const char *[]) { "С 2020 года", NULL }, FALSE, 0);
  /* the English changed since */
  cw_catalog_add (ru, "count/detail", "{mines} so far", NULL, (const char *[]) { "{mines} на сегодня", NULL },
                  FALSE, 0);
  /* a translator asked for review */
  cw_catalog_add (ru, "deck/source-line", "Source: {source}, {date}", NULL,
                  (const char *[]) { "Источник: {source}, {date}", NULL }, TRUE, 0);
  /* a text the deck no longer has */
  cw_catalog_add (ru, "gone/title", "Gone", NULL, (const char *[]) { "Нет", NULL }, FALSE, 0);
  cw_deck_add_catalog (f->deck, ru);

  bytes = cw_deck_export_po (f->deck, "ru", &error);
  g_assert_no_error (error);
  doc = po_doc_new (bytes);

  language = header_field (doc, "Language");
  plural_forms = header_field (doc, "Plural-Forms");
  g_assert_cmpstr (language, ==, "ru");
  g_assert_cmpstr (plural_forms, ==, RU_PLURAL_FORMS);
  g_assert_false (po_message_is_fuzzy (po_doc_find (doc, NULL, FALSE)));

  /* kept */
  m = po_doc_find (doc, "count/kicker", FALSE);
  g_assert_cmpstr (po_message_msgstr (m), ==, "С 2020 года");
  g_assert_false (po_message_is_fuzzy (m));
  g_assert_null (po_message_prev_msgid (m));

  /* kept, for review, with what it was translated from */
  m = po_doc_find (doc, "count/detail", FALSE);
  g_assert_cmpstr (po_message_msgid (m), ==, "{mines} in all");
  g_assert_cmpstr (po_message_msgstr (m), ==, "{mines} на сегодня");
  g_assert_true (po_message_is_fuzzy (m));
  g_assert_cmpstr (po_message_prev_msgid (m), ==, "{mines} so far");

  /* still fuzzy */
  m = po_doc_find (doc, "deck/source-line", FALSE);
  g_assert_true (po_message_is_fuzzy (m));
  g_assert_null (po_message_prev_msgid (m));

  /* new: empty, with a form for each of the language's three */
  m = po_doc_find (doc, "count/label", FALSE);
  g_assert_cmpstr (po_message_msgid_plural (m), ==, "mines neutralised");
  g_assert_cmpstr (po_message_msgstr_plural (m, 0), ==, "");
  g_assert_cmpstr (po_message_msgstr_plural (m, 2), ==, "");
  g_assert_null (po_message_msgstr_plural (m, 3));

  /* gone from the deck: obsolete, not lost */
  g_assert_null (po_doc_find (doc, "gone/title", FALSE));
  m = po_doc_find (doc, "gone/title", TRUE);
  g_assert_nonnull (m);
  g_assert_cmpstr (po_message_msgstr (m), ==, "Нет");
}

/* A language without a catalog yet starts from the usual Plural-Forms of the language. */
static void
test_export_new_language (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cw_deck_export_po (f->deck, "ar", &error);
  g_autoptr(PoDoc) doc = NULL;
  g_autofree char *plural_forms = NULL;
  po_message_t m;

  g_assert_no_error (error);
  doc = po_doc_new (bytes);
  plural_forms = header_field (doc, "Plural-Forms");
  g_assert_cmpstr (plural_forms, ==, cw_plural_forms_for_language ("ar"));
  m = po_doc_find (doc, "count/label", FALSE);
  g_assert_nonnull (po_message_msgstr_plural (m, 5));
  g_assert_null (po_message_msgstr_plural (m, 6));
}

/* Importing */

static GPtrArray *
import_files (Fixture     *f,
              const char **files,
              GError     **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (!cw_deck_import_po (f->deck, files, &diagnostics, error))
    {
      /* every problem is an error naming its file, and the first are those
       * the message lists */
      g_assert_nonnull (diagnostics);
      g_assert_cmpuint (diagnostics->len, >, 0);
      for (guint i = 0; i < diagnostics->len; i++)
        {
          const CwDiagnostic *d = g_ptr_array_index (diagnostics, i);
          g_autofree char *line = cw_diagnostic_to_string (d);

          g_assert_cmpint (d->severity, ==, CW_SEVERITY_ERROR);
          g_assert_true (g_strv_contains (files, d->file));
          if (i < 30)
            g_assert_nonnull (strstr ((*error)->message, line));
        }
      return NULL;
    }
  /* a note for each catalog, in order */
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpint (d->severity, ==, CW_SEVERITY_NOTE);
      g_assert_cmpstr (d->file, ==, files[i]);
    }
  return g_steal_pointer (&diagnostics);
}

/* A catalog's note says what it translates, in what it names @language. */
static void
assert_report (const CwDiagnostic *report,
               const char         *language,
               guint               line,
               const char         *counts,
               gboolean            has_hint)
{
  g_autofree char *name = cw_language_get_name (language, NULL);
  g_autofree char *expected = g_strdup_printf ("%s (%s): %s", name, language, counts);

  g_test_message ("%s %s", report->message, report->hint ? report->hint : "");
  g_assert_cmpstr (report->language, ==, language);
  g_assert_cmpuint (report->line, ==, line);
  g_assert_cmpstr (report->message, ==, expected);
  g_assert_true ((report->hint != NULL) == has_hint);
}

static const char *
scene_text (CwRenderer *renderer,
            guint       slide,
            guint       index)
{
  CwScene *scene = cw_renderer_get_scene (renderer, slide);

  g_assert_cmpuint (index, <, scene->texts->len);
  return g_ptr_array_index (scene->texts, index);
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *ru = write_file (f->dir, "ru.po", ru_po, -1);
  g_autofree char *az = write_file (f->dir, "az.po", az_po, -1);
  const char *files[] = { ru, az, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = import_files (f, files, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  CwCatalog *catalog;

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 2);

  /* on the Language line, with what is left to do when there is some */
  assert_report (g_ptr_array_index (reports, 0), "ru", 4,
                 "3 translated, 1 to review, 0 untranslated, 2 no longer in the deck.", TRUE);
  assert_report (g_ptr_array_index (reports, 1), "az", 3,
                 "2 translated, 0 to review, 2 untranslated, 0 no longer in the deck.", TRUE);

  /* the fuzzy translation is kept, marked, and not used */
  catalog = cw_deck_get_catalog (f->deck, "ru");
  g_assert_nonnull (catalog);
  g_assert_cmpstr (cw_catalog_get_plural_forms (catalog), ==, RU_PLURAL_FORMS);
  g_assert_true (cw_catalog_find (catalog, "count/detail")->fuzzy);
  g_assert_false (cw_catalog_find (catalog, "count/kicker")->fuzzy);
  /* in the deck's order, whatever the catalog's */
  g_assert_cmpstr (cw_catalog_get_message (catalog, 0)->context, ==, "count/kicker");

  /* Russian on the slide, in the form the number asks for */
  for (guint i = 0; i < 4; i++)
    {
      static const double values[] = { 161000, 1, 3, 21 };
      static const char *labels[] = { "мин обезврежено", "мина обезврежена", "мины обезврежены",
                                      "мина обезврежена" };
      g_autoptr(CwRenderer) renderer = NULL;

      cw_statistic_set_value (cw_deck_find_statistic (f->deck, "mines"), values[i]);
      renderer = cw_renderer_new (f->deck, "ru", format, 30);
      g_assert_cmpstr (scene_text (renderer, 0, 0), ==, "С 2020 года");
      g_assert_cmpstr (scene_text (renderer, 0, 2), ==, labels[i]);
      if (i == 0)
        {
          g_assert_cmpstr (scene_text (renderer, 0, 1), ==, "161" NBSP "000");
          /* fuzzy: shown in English, with the number in Russian, and reported */
          g_assert_cmpstr (scene_text (renderer, 0, 3), ==, "161" NBSP "000 in all");
          g_assert_cmpstr (scene_text (renderer, 0, 4), ==, "Источник: ANAMA, окт. 2024\xe2\x80\xafг.");
          g_assert_cmpuint (cw_renderer_get_untranslated (renderer)->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (cw_renderer_get_untranslated (renderer), 0), ==, "count/detail");
          /* and listed with the other problems, at its slide and field, with what to do */
          {
            g_autoptr(GPtrArray) diagnostics = cw_renderer_list_diagnostics (renderer);
            const CwDiagnostic *d;

            g_assert_cmpuint (diagnostics->len, ==, cw_renderer_get_warnings (renderer)->len + 1);
            d = g_ptr_array_index (diagnostics, diagnostics->len - 1);
            g_assert_cmpint (d->severity, ==, CW_SEVERITY_WARNING);
            g_assert_cmpstr (d->slide, ==, "count");
            g_assert_cmpstr (d->element, ==, "detail");
            g_assert_cmpstr (d->language, ==, "ru");
            g_assert_nonnull (strstr (d->message, "“detail”"));
            g_assert_nonnull (d->hint);
          }
        }
    }
}

/* @po must be refused, naming each of @problems ("file:line: …" fragments), and change nothing. */
static void
assert_refused (Fixture            *f,
                const char         *name,
                const char         *po,
                gssize              len,
                const char * const *problems)
{
  g_autofree char *path = write_file (f->dir, name, po, len);
  g_autofree char *good = write_file (f->dir, "az.po", az_po, -1);
  const char *files[] = { good, path, NULL };
  g_autoptr(GBytes) before = cw_deck_save_to_bytes (f->deck);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = import_files (f, files, &error);

  g_assert_null (reports);
  g_assert_error (error, CW_ERROR, CW_ERROR_CATALOG);
  g_test_message ("%s", error->message);
  for (guint i = 0; problems[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (problems[i], "%s", -1);
      g_autofree char *expected = g_strjoinv (path, parts);
      if (strstr (error->message, expected) == NULL)
        g_error ("“%s” is not in the message:\n%s", expected, error->message);
    }
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));

  /* nothing changed, not even the good catalog's language */
  g_assert_null (cw_deck_get_catalog (f->deck, "az"));
  after = cw_deck_save_to_bytes (f->deck);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_import_syntax_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *po = edit (ru_po, "msgstr \"С 2020 года\"", "msgstr \"С 2020 года");

  assert_refused (f, "ru.po", po, -1, (const char *[]) { "%s:10:", NULL });
}

static void
test_import_placeholder_dropped (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *po = edit (ru_po, "msgstr \"Источник: {source}, {date}\"", "msgstr \"Источник: {source}\"");

  assert_refused (f, "ru.po", po, -1, (const char *[]) { "%s:24: the msgstr of “deck/source-line” leaves out {date}", NULL });
}

static void
test_import_placeholder_invented (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *po = edit (ru_po, "msgstr[1] \"мины обезврежены\"", "msgstr[1] \"{mines} мины обезврежены\"");
  g_autofree char *po2 = edit (ru_po, "msgstr \"С 2020 года\"", "msgstr \"С {year} года\"");
  g_autofree char *po3 = edit (ru_po, "msgstr \"С 2020 года\"", "msgstr \"С {2020 года\"");

  assert_refused (f, "ru.po", po, -1,
                  (const char *[]) { "%s:12: the msgstr[1] of “count/label” has {mines}", NULL });
  assert_refused (f, "ru.po", po2, -1,
                  (const char *[]) { "%s:8: the msgstr of “count/kicker” has {year}", NULL });
  assert_refused (f, "ru.po", po3, -1,
                  (const char *[]) { "%s:8: the msgstr of “count/kicker” has a “{” without its closing “}”", NULL });
}

static void
test_import_plural_forms (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *too_few = edit (ru_po, "msgstr[2] \"мин обезврежено\"\n", "");
  g_autofree char *bad_header = edit (ru_po, "nplurals=3; plural=(n%10==1 &&", "nplurals=3; plural=(n%10==1 && &&");
  g_autofree char *no_header = edit (ru_po, "\"Plural-Forms: " RU_PLURAL_FORMS "\\n\"\n", "");
  g_autofree char *too_small = edit (ru_po, "nplurals=3", "nplurals=2");
  g_autofree char *by_zero = edit (ru_po, RU_PLURAL_FORMS, "nplurals=3; plural=(n/0);");

  assert_refused (f, "ru.po", too_few, -1,
                  (const char *[]) { "%s:12: “count/label” has 2 plural forms, but the header’s Plural-Forms says nplurals=3", NULL });
  assert_refused (f, "ru.po", bad_header, -1, (const char *[]) { "%s:6: The Plural-Forms header", NULL });
  assert_refused (f, "ru.po", no_header, -1, (const char *[]) { "%s:2: the catalog has texts with plural forms but no Plural-Forms header", RU_PLURAL_FORMS, NULL });
  /* what msgfmt finds too: the rule picks form 2, which nplurals=2 does not have */
  assert_refused (f, "ru.po", too_small, -1,
                  (const char *[]) { "%s:6: The Plural-Forms header", "says nplurals=2, so its plural expression may pick forms 0 to 1, but for n = 0 it picks another", NULL });
  assert_refused (f, "ru.po", by_zero, -1,
                  (const char *[]) { "%s:6: The Plural-Forms header “nplurals=3; plural=(n/0);” divides by zero when n is 0", NULL });
}

static void
test_import_language (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *none = edit (ru_po, "\"Language: ru\\n\"\n", "");
  g_autofree char *source = edit (ru_po, "\"Language: ru\\n\"", "\"Language: en\\n\"");
  g_autofree char *bad = edit (ru_po, "\"Language: ru\\n\"", "\"Language: Russian!\\n\"");
  g_autofree char *twice = write_file (f->dir, "ru2.po", ru_po, -1);
  g_autofree char *ru = write_file (f->dir, "ru.po", ru_po, -1);
  const char *files[] = { ru, twice, NULL };
  g_autoptr(GError) error = NULL;

  assert_refused (f, "none.po", none, -1, (const char *[]) { "%s:2: the header does not say which language", "Language: az", NULL });
  assert_refused (f, "en.po", source, -1, (const char *[]) { "%s:4: the catalog is in “en”, the language the deck is written in", NULL });
  assert_refused (f, "bad.po", bad, -1, (const char *[]) { "%s:4: “Russian!” is not a language code", NULL });

  /* one catalog a language */
  g_assert_null (import_files (f, files, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_CATALOG);
  g_assert_nonnull (strstr (error->message, "ru2.po:4: this catalog is in “ru”, like"));
  g_assert_null (cw_deck_get_catalog (f->deck, "ru"));
}

/* Hostile or broken files are refused with a message, never a crash. */
static void
test_import_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) many = g_string_new (ru_po);
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autofree char *huge = g_malloc (CW_PO_MAX_BYTES + 1);
  g_autofree char *garbage = g_malloc (65536);
  g_autofree char *control = edit (ru_po, "msgstr \"С 2020 года\"", "msgstr \"С 2020\\001 года\"");
  g_autofree char *latin1 = edit (ru_po, "charset=UTF-8", "charset=ISO-8859-1");
  g_autofree char *invalid_utf8 = edit (ru_po, "С 2020 года", "\xff\xfe 2020");
  g_autofree char *nested_po = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.po", NULL);
  const char *files[] = { missing, NULL };
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (1234);

  memset (huge, '#', CW_PO_MAX_BYTES + 1);
  assert_refused (f, "huge.po", huge, CW_PO_MAX_BYTES + 1, (const char *[]) { "%s: the file is larger than a catalog may be (16.0", NULL });

  for (guint i = 0; i < 65536; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  assert_refused (f, "garbage.po", garbage, 65536, (const char *[]) { "%s:", NULL });

  assert_refused (f, "control.po", control, -1, (const char *[]) { "%s:8: the translation of “count/kicker” is not UTF-8 or has control characters", NULL });
  assert_refused (f, "latin1.po", latin1, -1, (const char *[]) { "%s:2: the catalog is not in UTF-8", NULL });
  assert_refused (f, "invalid.po", invalid_utf8, -1, (const char *[]) { "%s:8:", NULL });

  /* thousands of errors: the first few, and how many more */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (many, "\nmsgctxt \"x/%u\"\nmsgid \"broken\nmsgstr \"\"\n", i);
  assert_refused (f, "many.po", many->str, -1, (const char *[]) { "%s:37:", "more problems.", NULL });

  /* a plural expression nested deeper than any parser should follow */
  g_string_append (nested, "nplurals=3; plural=");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (nested, '(');
  g_string_append_c (nested, 'n');
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (nested, ')');
  g_string_append_c (nested, ';');
  nested_po = edit (ru_po, RU_PLURAL_FORMS, nested->str);
  assert_refused (f, "nested.po", nested_po, -1, (const char *[]) { "%s:6: The Plural-Forms header", NULL });

  /* a file that is not there */
  g_assert_null (import_files (f, files, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_CATALOG);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  files[0] = f->dir;
  g_assert_null (import_files (f, files, &error));
  g_assert_nonnull (strstr (error->message, "this is not a file"));
}

/* A translation is held to the length its text's role allows: a
 * translator's catalog with a 1.2 MB msgstr made the deck hang. */
static void
test_import_too_long (Fixture       *f,
                      gconstpointer  data)
{
  guint label = cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL);
  g_autofree char *at_limit = g_strnfill (label, 'x');
  g_autofree char *over = g_strnfill (label + 1, 'x');
  g_autofree char *huge = g_strnfill (1200000, 'x');
  g_autofree char *expected = g_strdup_printf ("%%s:8: The label “count/kicker” has %u characters; a label may have at most %u.",
                                               label + 1, label);
  g_autofree char *po_at_limit = g_strdup_printf ("msgstr \"%s\"", at_limit);
  g_autofree char *po_over = g_strdup_printf ("msgstr \"%s\"", over);
  g_autofree char *po_huge = g_strdup_printf ("msgstr \"%s\"", huge);
  g_autofree char *fits = edit (ru_po, "msgstr \"С 2020 года\"", po_at_limit);
  g_autofree char *too_long = edit (ru_po, "msgstr \"С 2020 года\"", po_over);
  g_autofree char *much_too_long = edit (ru_po, "msgstr \"С 2020 года\"", po_huge);
  g_autofree char *path = write_file (f->dir, "ru.po", fits, -1);
  const char *files[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = import_files (f, files, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cw_catalog_lookup (cw_deck_get_catalog (f->deck, "ru"), "count/kicker", "Since 2020", FALSE, 0),
                   ==, at_limit);

  assert_refused (f, "ru.po", too_long, -1, (const char *[]) { expected, NULL });
  assert_refused (f, "ru.po", much_too_long, -1,
                  (const char *[]) { "%s:8: The label “count/kicker” has 1200000 characters", NULL });
}

/* A NUL in a string would cut the translation short without a word. */
static void
test_import_nul (Fixture       *f,
                 gconstpointer  data)
{
  static const char *escapes[] = { "\\0", "\\000", "\\x00", "\\x0" };
  g_autoptr(GString) raw = g_string_new (ru_po);
  const char *at = strstr (raw->str, "С 2020");

  /* a NUL byte in the file */
  g_string_insert_c (raw, at - raw->str + strlen ("С 2020"), '\0');
  assert_refused (f, "raw.po", raw->str, raw->len,
                  (const char *[]) { "%s:10: this line has a NUL character", NULL });

  /* a NUL written as an escape */
  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *to = g_strdup_printf ("msgstr \"С 2020%s года\"", escapes[i]);
      g_autofree char *po = edit (ru_po, "msgstr \"С 2020 года\"", to);

      g_test_message ("%s", to);
      assert_refused (f, "escape.po", po, -1,
                      (const char *[]) { "%s:10: this string writes a NUL character", NULL });
    }
}

/* Out and back in: nothing is lost, and a second round changes nothing. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *ru = write_file (f->dir, "ru.po", ru_po, -1);
  const char *files[] = { ru, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = import_files (f, files, &error);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GBytes) deck_once = NULL;
  g_autoptr(GBytes) deck_twice = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  deck_once = cw_deck_save_to_bytes (f->deck);

  exported = cw_deck_export_po (f->deck, "ru", &error);
  g_assert_no_error (error);
  again = write_file (f->dir, "again.po", g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
  files[0] = again;
  second = import_files (f, files, &error);
  g_assert_no_error (error);
  deck_twice = cw_deck_save_to_bytes (f->deck);

  /* the same translations, the same fuzzy mark; translations of texts the deck
   * does not have are counted, not imported */
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (second, 0))->message, ": 3 translated, 1 to review,"));
  g_assert_true (cw_catalog_find (cw_deck_get_catalog (f->deck, "ru"), "count/detail")->fuzzy);
  g_assert_null (cw_catalog_find (cw_deck_get_catalog (f->deck, "ru"), "gone/kicker"));

  /* and the deck saves to the very same bytes */
  g_assert_true (g_bytes_equal (deck_once, deck_twice));
  {
    g_autoptr(CwDeck) reloaded = cw_deck_load_bytes (deck_twice, "again.clearway", NULL, &error);
    g_autoptr(GBytes) resaved = NULL;

    g_assert_no_error (error);
    resaved = cw_deck_save_to_bytes (reloaded);
    g_assert_true (g_bytes_equal (deck_twice, resaved));
  }
}

/* xgettext with Clearway's ITS rules extracts what "clearway-cli strings" writes */

static GHashTable *
pairs_of (PoDoc *doc)
{
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  po_message_iterator_t iterator = po_message_iterator (doc->file, NULL);
  po_message_t message;

  while ((message = po_next_message (iterator)) != NULL)
    {
      if (po_message_msgctxt (message) != NULL && !po_message_is_obsolete (message))
        g_hash_table_add (pairs, g_strdup_printf ("%s\004%s", po_message_msgctxt (message),
                                                  po_message_msgid (message)));
    }
  po_message_iterator_free (iterator);
  return pairs;
}

static void
compare_extractions (const char *xgettext,
                     CwDeck     *deck,
                     const char *dir,
                     const char *name)
{
  g_autoptr(GBytes) canonical = cw_deck_save_to_bytes (deck);
  g_autofree char *deck_path = write_file (dir, name, g_bytes_get_data (canonical, NULL),
                                           g_bytes_get_size (canonical));
  g_autofree char *pot_path = g_build_filename (dir, "its.pot", NULL);
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_autofree char *its_pot = NULL;
  g_autofree char *output = NULL;
  gsize its_len;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(PoDoc) ours_doc = NULL;
  g_autoptr(PoDoc) its_doc = NULL;
  g_autoptr(GHashTable) ours_pairs = NULL;
  g_autoptr(GHashTable) its_pairs = NULL;
  g_autoptr(GPtrArray) texts = cw_deck_list_translatables (deck);
  GHashTableIter iter;
  gpointer key;
  guint written = 0;

  /* the rules as installed: data/its/clearway.{its,loc}, found through GETTEXTDATADIRS */
  g_subprocess_launcher_setenv (launcher, "GETTEXTDATADIRS", data_dir, TRUE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const[]) {
                                            xgettext, "--from-code=UTF-8", "-o", pot_path, name, NULL },
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0 || (output && *output))
    g_error ("xgettext on %s: %s", name, output);

  g_file_get_contents (pot_path, &its_pot, &its_len, &error);
  g_assert_no_error (error);
  theirs = g_bytes_new_take (g_steal_pointer (&its_pot), its_len);
  ours = cw_deck_export_po (deck, NULL, &error);
  g_assert_no_error (error);
  ours_doc = po_doc_new (ours);
  its_doc = po_doc_new (theirs);
  ours_pairs = pairs_of (ours_doc);
  its_pairs = pairs_of (its_doc);

  /* everything xgettext finds, Clearway writes under the same context */
  g_hash_table_iter_init (&iter, its_pairs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (ours_pairs, key))
        g_error ("%s: xgettext extracts “%s”, clearway-cli strings does not", name,
                 g_strdelimit (g_strdup (key), "\004", '|'));
    }

  /* and every text written in the file, xgettext finds: only template
   * defaults (not in the file) are Clearway's alone */
  for (guint i = 0; i < texts->len; i++)
    {
      const CwTranslatable *t = g_ptr_array_index (texts, i);
      g_autofree char *pair = g_strdup_printf ("%s\004%s", t->context, t->source);
      gboolean in_file = !t->is_default &&
                         !(t->kind == CW_TRANSLATABLE_SOURCE_LINE && cw_deck_get_source_line (deck) == NULL);

      if (in_file)
        {
          written++;
          if (!g_hash_table_contains (its_pairs, pair))
            g_error ("%s: “%s” (%s) is in the file, but xgettext does not extract it", name, t->source,
                     t->context);
        }
      else
        g_assert_false (g_hash_table_contains (its_pairs, pair));
    }
  g_assert_cmpuint (g_hash_table_size (its_pairs), ==, written);
  g_assert_cmpuint (written, >, 0);
}

static void
test_its_rules (void)
{
  g_autofree char *xgettext = g_find_program_in_path ("xgettext");
  g_autoptr(CwDeck) translations = cw_test_load_deck_file ("translations.clearway");
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  g_autoptr(CwDeck) source_line = NULL;
  g_autofree char *dir = NULL;

  if (xgettext == NULL)
    {
      g_test_skip ("xgettext is not installed (Debian package gettext, see build-aux/install-deps.sh); the ITS rules are not checked");
      return;
    }

  dir = cw_test_make_tmpdir ();
  compare_extractions (xgettext, translations, dir, "translations.clearway");
  compare_extractions (xgettext, sample, dir, "karabakh.clearway");

  /* a deck with its own source line, and translations that must not be extracted */
  source_line = cw_deck_copy (translations);
  cw_deck_set_source_line (source_line, "Data: {source} & partners, {date}");
  compare_extractions (xgettext, source_line, dir, "source-line.clearway");

  cw_test_remove_tree (dir);
}

/* Coverage as `info` and the editor show it: a changed source text needs
 * its translation reviewed; a new text is untranslated. */
static void
test_coverage (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  guint translated = 0, review = 0, total;
  CwSlide *slide = cw_deck_get_slide (deck, 0);

  total = cw_deck_count_translations (deck, "ru", &translated, &review);
  g_assert_cmpuint (total, >, 10);
  g_assert_cmpuint (translated, ==, total);
  g_assert_cmpuint (review, ==, 0);

  cw_slide_set_text (slide, "headline", "The land comes back");
  total = cw_deck_count_translations (deck, "ru", &translated, &review);
  g_assert_cmpuint (review, ==, 1);
  g_assert_cmpuint (translated, ==, total - 1);

  /* a language without a catalog has nothing translated */
  g_assert_cmpuint (cw_deck_count_translations (deck, "ar", &translated, &review), ==, total);
  g_assert_cmpuint (translated, ==, 0);
  g_assert_cmpuint (review, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/po/template/contents", test_template_contents);
  g_test_add ("/cw/po/template/language-errors", Fixture, NULL, fixture_set_up, test_template_language_errors,
              fixture_tear_down);
  g_test_add_func ("/cw/po/template/tools", test_template_tools);
  g_test_add ("/cw/po/export/merges", Fixture, NULL, fixture_set_up, test_export_merges, fixture_tear_down);
  g_test_add ("/cw/po/export/new-language", Fixture, NULL, fixture_set_up, test_export_new_language,
              fixture_tear_down);
  g_test_add ("/cw/po/import/good", Fixture, NULL, fixture_set_up, test_import_good, fixture_tear_down);
  g_test_add ("/cw/po/import/syntax-error", Fixture, NULL, fixture_set_up, test_import_syntax_error,
              fixture_tear_down);
  g_test_add ("/cw/po/import/placeholder-dropped", Fixture, NULL, fixture_set_up,
              test_import_placeholder_dropped, fixture_tear_down);
  g_test_add ("/cw/po/import/placeholder-invented", Fixture, NULL, fixture_set_up,
              test_import_placeholder_invented, fixture_tear_down);
  g_test_add ("/cw/po/import/plural-forms", Fixture, NULL, fixture_set_up, test_import_plural_forms,
              fixture_tear_down);
  g_test_add ("/cw/po/import/language", Fixture, NULL, fixture_set_up, test_import_language, fixture_tear_down);
  g_test_add ("/cw/po/import/hostile", Fixture, NULL, fixture_set_up, test_import_hostile, fixture_tear_down);
  g_test_add ("/cw/po/import/too-long", Fixture, NULL, fixture_set_up, test_import_too_long, fixture_tear_down);
  g_test_add ("/cw/po/import/nul", Fixture, NULL, fixture_set_up, test_import_nul, fixture_tear_down);
  g_test_add ("/cw/po/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add_func ("/cw/po/its-rules", test_its_rules);
  g_test_add_func ("/cw/po/coverage", test_coverage);

  return g_test_run ();
}
