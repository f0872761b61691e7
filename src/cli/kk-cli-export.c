// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gi18n.h>

#include "kk-cli.h"

int
kk_cli_appendix (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "appendix: not available yet");
}

int
kk_cli_checklist (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "checklist: not available yet");
}

int
kk_cli_matrix (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "matrix: not available yet");
}
