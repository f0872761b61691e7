// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gi18n.h>

#include "kk-cli.h"

int
kk_cli_catalog (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "catalog: not available yet");
}
