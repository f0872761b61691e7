// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gi18n.h>

#include "kk-cli.h"

int
kk_cli_demo (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "demo: not available yet");
}

int
kk_cli_backup (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "backup: not available yet");
}
