// SPDX-License-Identifier: GPL-3.0-or-later
#include "kk-orgnr.h"

static const char *valid_legal[] = {
  "556012-5790",   /* AB Volvo */
  "556703-7485",   /* Spotify AB */
  "556016-0680",   /* Telefonaktiebolaget LM Ericsson */
  "212000-0142",   /* Stockholms kommun */
  "202100-5489",   /* Kammarkollegiet */
};

static void
test_valid_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_legal); i++)
    {
      const char *n = valid_legal[i];
      g_autofree char *plain = g_strdup_printf ("%.6s%s", n, n + 7);
      g_autofree char *prefixed = g_strdup_printf ("16%s", plain);
      g_autofree char *spaced = g_strdup_printf ("  %s \t", n);
      const char *forms[] = { n, plain, prefixed, spaced };

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          g_autoptr(GError) error = NULL;
          KkOrgnrKind kind = KK_ORGNR_KIND_SOLE_TRADER;
          g_autofree char *norm = kk_orgnr_normalize (forms[f], &kind, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (norm, ==, n);
          g_assert_cmpint (kind, ==, KK_ORGNR_KIND_LEGAL_PERSON);
        }
    }
}

static void
test_sole_trader (void)
{
  const char *forms[] = { "811218-9876", "8112189876", "19811218-9876", "198112189876" };

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_autoptr(GError) error = NULL;
      KkOrgnrKind kind = KK_ORGNR_KIND_LEGAL_PERSON;
      g_autofree char *norm = kk_orgnr_normalize (forms[f], &kind, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (norm, ==, "811218-9876");
      g_assert_cmpint (kind, ==, KK_ORGNR_KIND_SOLE_TRADER);
    }
}

/* Luhn catches every single-digit error: change each digit of a valid number
 * to each other digit and expect a refusal. */
static void
test_every_single_digit_corruption (void)
{
  guint refused = 0;

  for (guint i = 0; i < G_N_ELEMENTS (valid_legal); i++)
    {
      g_autofree char *digits = g_strdup_printf ("%.6s%s", valid_legal[i], valid_legal[i] + 7);

      for (guint pos = 0; pos < 10; pos++)
        for (char d = '0'; d <= '9'; d++)
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *bad = g_strdup (digits);
            g_autofree char *norm = NULL;

            if (bad[pos] == d)
              continue;
            bad[pos] = d;
            norm = kk_orgnr_normalize (bad, NULL, &error);
            g_assert_null (norm);
            g_assert_nonnull (error);
            g_assert_true (error->domain == KK_ORGNR_ERROR);
            refused++;
          }
    }
  g_assert_cmpuint (refused, ==, G_N_ELEMENTS (valid_legal) * 10 * 9);
}

static void
test_check_digit_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = kk_orgnr_normalize ("556012-5791", NULL, &error);

  g_assert_null (norm);
  g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_CHECK_DIGIT);
  g_assert_nonnull (strstr (error->message, "556012-5791"));
}

static void
test_wrong_length (void)
{
  const char *inputs[] = { "556012-579", "55601257900", "5", "556012-57901", "16556012579", "1655601257900", "99556012579" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = kk_orgnr_normalize (inputs[i], NULL, &error);

      g_assert_null (norm);
      g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_LENGTH);
    }
}

static void
test_letters (void)
{
  const char *inputs[] = { "55601A-5790", "SE556012579001", "556012_5790", "556012--5790", "556012 5790", "５５６０１２-５７９０" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = kk_orgnr_normalize (inputs[i], NULL, &error);

      g_assert_null (norm);
      g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_CHARACTERS);
    }
}

static void
test_empty (void)
{
  const char *inputs[] = { "", "   ", "\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = kk_orgnr_normalize (inputs[i], NULL, &error);

      g_assert_null (norm);
      g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_EMPTY);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (kk_orgnr_normalize (NULL, NULL, &error));
    g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_EMPTY);
  }
}

static void
test_impossible_date (void)
{
  /* Third and fourth digits below 20 but not a month: neither kind. 
   * 001300-0000 style numbers with a valid check digit. */
  g_autoptr(GError) error = NULL;
  char digits[11] = "001300000";
  g_autofree char *norm = NULL;

  /* Find the check digit that makes it Luhn-valid. */
  for (char d = '0'; d <= '9'; d++)
    {
      digits[9] = d;
      digits[10] = '\0';
      if (kk_orgnr_luhn_valid (digits))
        break;
    }
  norm = kk_orgnr_normalize (digits, NULL, &error);
  g_assert_null (norm);
  g_assert_error (error, KK_ORGNR_ERROR, KK_ORGNR_ERROR_DATE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/orgnr/valid-forms", test_valid_forms);
  g_test_add_func ("/orgnr/sole-trader", test_sole_trader);
  g_test_add_func ("/orgnr/every-single-digit-corruption", test_every_single_digit_corruption);
  g_test_add_func ("/orgnr/check-digit-message", test_check_digit_message);
  g_test_add_func ("/orgnr/wrong-length", test_wrong_length);
  g_test_add_func ("/orgnr/letters", test_letters);
  g_test_add_func ("/orgnr/empty", test_empty);
  g_test_add_func ("/orgnr/impossible-date", test_impossible_date);
  return g_test_run ();
}
