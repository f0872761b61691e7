// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-export"

#include <glib/gi18n-lib.h>

#include "kk-export.h"

G_DEFINE_QUARK (kk-export-error-quark, kk_export_error)

gboolean
kk_export_text_is_dangerous (const char *text)
{
  return text != NULL && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                          text[0] == '@' || text[0] == '\t' || text[0] == '\r');
}
