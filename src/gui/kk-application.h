// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_APPLICATION (kk_application_get_type ())
G_DECLARE_FINAL_TYPE (KkApplication, kk_application, KK, APPLICATION, AdwApplication)

KkApplication *kk_application_new               (void);
/* The database to open on activation; NULL uses kk_database_default_path ()
 * ($KRAVKOLL_DB or the user data folder). The --db option sets it too. */
void           kk_application_set_database_path (KkApplication *self,
                                                 const char    *path);
/* NULL until activated, or when opening failed. */
KkDatabase    *kk_application_get_database      (KkApplication *self);
/* TRUE when the database could not be opened (main () exits with 1). */
gboolean       kk_application_get_failed        (KkApplication *self);

G_END_DECLS
