/* cw-cli-private.h: what the commands of clearway-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clearway-core.h"

G_BEGIN_DECLS

enum {
  CW_EXIT_OK = 0,
  CW_EXIT_FAILURE = 1,
  CW_EXIT_USAGE = 2,
  CW_EXIT_CANCELLED = 130,
};

typedef int (*CwCommandFunc) (int    argc,
                              char **argv);

typedef struct
{
  const char    *name;
  const char    *summary;
  CwCommandFunc  run;
} CwCommand;

int          cw_cli_run               (int                argc,
                                       char             **argv);
CwDeck      *cw_cli_load_deck         (const char        *path);
int          cw_cli_usage_error       (GOptionContext    *context,
                                       const char        *command,
                                       const char        *message);
gboolean     cw_cli_parse             (GOptionContext    *context,
                                       const char        *command,
                                       int               *argc,
                                       char            ***argv,
                                       int               *exit_status);
void         cw_cli_print_warnings    (CwDeck            *deck);
void         cw_cli_print_statistic_warnings (CwDeck     *deck,
                                              const char *path);
gboolean     cw_cli_write_file        (const char        *path,
                                       GBytes            *bytes);
gboolean     cw_cli_save_deck         (CwDeck            *deck,
                                       const char        *output);
gboolean     cw_cli_check_language    (CwDeck            *deck,
                                       const char        *language,
                                       GError           **error);
GStrv        cw_cli_expand_languages  (CwDeck            *deck,
                                       const char        *spec,
                                       GError           **error);
GPtrArray   *cw_cli_expand_formats    (CwDeck            *deck,
                                       const char        *spec,
                                       GError           **error);
char        *cw_cli_describe_formats  (void);

int          cw_cli_render            (int                argc,
                                       char             **argv);
int          cw_cli_text              (int                argc,
                                       char             **argv);
int          cw_cli_validate          (int                argc,
                                       char             **argv);
int          cw_cli_info              (int                argc,
                                       char             **argv);
int          cw_cli_templates         (int                argc,
                                       char             **argv);
int          cw_cli_lint              (int                argc,
                                       char             **argv);
int          cw_cli_sheet             (int                argc,
                                       char             **argv);
int          cw_cli_import            (int                argc,
                                       char             **argv);
int          cw_cli_strings           (int                argc,
                                       char             **argv);
int          cw_cli_translate         (int                argc,
                                       char             **argv);

G_END_DECLS
