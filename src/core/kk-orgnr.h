// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KK_ORGNR_ERROR (kk_orgnr_error_quark ())

typedef enum {
  KK_ORGNR_ERROR_EMPTY,
  KK_ORGNR_ERROR_CHARACTERS,
  KK_ORGNR_ERROR_LENGTH,
  KK_ORGNR_ERROR_CHECK_DIGIT,
  KK_ORGNR_ERROR_DATE,
} KkOrgnrError;

typedef enum {
  KK_ORGNR_KIND_LEGAL_PERSON,   /* aktiebolag, förening, myndighet … */
  KK_ORGNR_KIND_SOLE_TRADER,    /* enskild firma: a personal identity number */
} KkOrgnrKind;

GQuark    kk_orgnr_error_quark (void);

/* Parses "556677-8899", "5566778899", "165566778899", " 556677-8899 " and
 * personnummer "19811218-9876" / "811218-9876" / "811218+9876".
 * Returns the normalised form "NNNNNN-NNNN" or NULL with @error set. */
char     *kk_orgnr_normalize   (const char   *input,
                                KkOrgnrKind  *kind,
                                GError      **error);
gboolean  kk_orgnr_luhn_valid  (const char   *ten_digits);
const char *kk_orgnr_kind_to_string (KkOrgnrKind kind);

G_END_DECLS
