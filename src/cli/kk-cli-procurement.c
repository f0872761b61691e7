// SPDX-License-Identifier: GPL-3.0-or-later
#include <glib/gi18n.h>

#include "kk-cli.h"

int
kk_cli_procurement (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "procurement: not available yet");
}

int
kk_cli_answer (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "answer: not available yet");
}

int
kk_cli_audit (KkCli *cli, int argc, char **argv)
{
  return kk_cli_fail (KK_EXIT_USAGE, "audit: not available yet");
}
