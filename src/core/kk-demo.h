// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kk-database.h"

G_BEGIN_DECLS

typedef struct {
  guint requirements;   /* catalogue size after generation (bundled ones included) */
  guint suppliers;
  guint procurements;
  guint requirements_per_procurement;  /* default 50 */
  guint suppliers_per_procurement;     /* default 10 */
  guint32 seed;
} KkDemoOptions;

typedef struct {
  guint requirements;
  guint suppliers;
  guint procurements;
  guint answers;
} KkDemoResult;

/* Fills @db with a realistic large data set in one transaction: catalogue
 * variations of the bundled requirements, suppliers with valid organisation
 * numbers, procurements in every status, and answers. */
gboolean kk_demo_generate (KkDatabase          *db,
                           const KkDemoOptions *options,
                           KkDemoResult        *result,
                           GError             **error);

G_END_DECLS
