/* main.c: clearway-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-cli-private.h"

int
main (int    argc,
      char **argv)
{
  return cw_cli_run (argc, argv);
}
