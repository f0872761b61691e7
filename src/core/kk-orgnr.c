// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-orgnr"

#include <glib/gi18n-lib.h>

#include "kk-orgnr.h"

G_DEFINE_QUARK (kk-orgnr-error-quark, kk_orgnr_error)

gboolean
kk_orgnr_luhn_valid (const char *digits)
{
  int sum = 0;

  for (int i = 0; i < 10; i++)
    {
      int d;

      if (!g_ascii_isdigit (digits[i]))
        return FALSE;
      d = (digits[i] - '0') * ((i % 2 == 0) ? 2 : 1);
      sum += d > 9 ? d - 9 : d;
    }
  return digits[10] == '\0' && sum % 10 == 0;
}

const char *
kk_orgnr_kind_to_string (KkOrgnrKind kind)
{
  return kind == KK_ORGNR_KIND_SOLE_TRADER ? "sole_trader" : "legal_person";
}

static gboolean
valid_birth_date (const char *ten)
{
  int month = (ten[2] - '0') * 10 + (ten[3] - '0');
  int day = (ten[4] - '0') * 10 + (ten[5] - '0');

  if (day > 60)
    day -= 60; /* samordningsnummer */
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

char *
kk_orgnr_normalize (const char   *input,
                    KkOrgnrKind  *kind,
                    GError      **error)
{
  g_autofree char *trimmed = NULL;
  char digits[13];
  const char *ten;
  gsize n = 0;
  int separators = 0;
  KkOrgnrKind found;

  if (input == NULL || *(trimmed = g_strstrip (g_strdup (input))) == '\0')
    {
      g_set_error_literal (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_EMPTY,
                           _("The organisation number is empty"));
      return NULL;
    }

  for (const char *p = trimmed; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 12)
            {
              n++;
              break;
            }
          digits[n++] = *p;
        }
      else if ((*p == '-' || *p == '+') && separators == 0)
        separators++;
      else
        {
          g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_CHARACTERS,
                       _("The organisation number “%s” contains “%c”: only digits and one hyphen are allowed"),
                       trimmed, g_ascii_isprint (*p) ? *p : '?');
          return NULL;
        }
    }

  if (n != 10 && n != 12)
    {
      g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_LENGTH,
                   _("The organisation number “%s” has %u digits; it must have 10 (NNNNNN-NNNN)"),
                   trimmed, (guint) n);
      return NULL;
    }
  digits[n] = '\0';

  ten = digits;
  if (n == 12)
    {
      /* "16" marks a legal person's number in 12-digit form; "18", "19",
       * "20" the century of a personal identity number. */
      if (digits[0] == '1' && digits[1] == '6')
        ten = digits + 2;
      else if ((digits[0] == '1' && (digits[1] == '8' || digits[1] == '9')) ||
               (digits[0] == '2' && digits[1] == '0'))
        ten = digits + 2;
      else
        {
          g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_LENGTH,
                       _("The organisation number “%s” has 12 digits but does not start with 16, 18, 19 or 20"),
                       trimmed);
          return NULL;
        }
    }

  if (!kk_orgnr_luhn_valid (ten))
    {
      g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_CHECK_DIGIT,
                   _("The organisation number “%s” is not valid: the check digit is wrong (mistyped digit?)"),
                   trimmed);
      return NULL;
    }

  /* Legal persons have 20 or more in the third and fourth digits; below
   * that the number is a month, so it is a sole trader's personnummer. */
  if ((ten[2] - '0') * 10 + (ten[3] - '0') >= 20)
    found = KK_ORGNR_KIND_LEGAL_PERSON;
  else
    {
      if (n == 12 && digits[0] == '1' && digits[1] == '6')
        {
          g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_DATE,
                       _("The organisation number “%s” has the prefix 16 but is a personal identity number"),
                       trimmed);
          return NULL;
        }
      if (!valid_birth_date (ten))
        {
          g_set_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_DATE,
                       _("The number “%s” is neither an organisation number (third and fourth digits 20 or more) nor a personal identity number (no such date)"),
                       trimmed);
          return NULL;
        }
      found = KK_ORGNR_KIND_SOLE_TRADER;
    }

  if (kind != NULL)
    *kind = found;
  return g_strdup_printf ("%.6s-%.4s", ten, ten + 6);
}
