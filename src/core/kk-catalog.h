// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kk-database.h"
#include "kk-types.h"

G_BEGIN_DECLS

#define KK_CATALOG_ERROR (kk_catalog_error_quark ())

typedef enum {
  KK_CATALOG_ERROR_READ,      /* cannot read the file */
  KK_CATALOG_ERROR_SYNTAX,    /* not JSON */
  KK_CATALOG_ERROR_INVALID,   /* JSON, but not a valid catalogue */
  KK_CATALOG_ERROR_TOO_LARGE,
  KK_CATALOG_ERROR_DUPLICATE, /* this catalogue version is already imported */
} KkCatalogError;

GQuark kk_catalog_error_quark (void);

typedef struct {
  char *code;
  char *perspective;
  char *name_sv;
  char *name_en;
} KkArea;

typedef struct {
  char *key;
  char *name_sv;
  char *name_en;
} KkCategory;

void kk_area_free (KkArea *area);
void kk_category_free (KkCategory *category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkArea, kk_area_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkCategory, kk_category_free)

/* NULL members do not filter. */
typedef struct {
  const char *search;       /* FTS5: words, prefix-matched, diacritics ignored */
  const char *perspective;
  const char *area;
  const char *kind;
  const char *level;
  const char *obligation;
  const char *category;     /* category key */
  gboolean    include_retired;
} KkCatalogQuery;

/* Current revisions, ordered by area position then code. Element type KkRequirement. */
GPtrArray  *kk_catalog_list            (KkDatabase           *db,
                                        const KkCatalogQuery *query,
                                        GError              **error);
KkRequirement *kk_catalog_get          (KkDatabase           *db,
                                        const char           *code,
                                        GError              **error);
GPtrArray  *kk_catalog_list_areas      (KkDatabase *db, GError **error);      /* KkArea */
GPtrArray  *kk_catalog_list_categories (KkDatabase *db, GError **error);      /* KkCategory */
/* "Kravkoll säkerhetskrav 2026.1", or NULL when no catalogue is loaded. */
char       *kk_catalog_describe_current_version (KkDatabase *db);

typedef struct _KkCatalogFile KkCatalogFile;

KkCatalogFile *kk_catalog_file_load        (const char  *path,
                                            GError     **error);
KkCatalogFile *kk_catalog_file_load_bytes  (GBytes      *bytes,
                                            const char  *display_name,
                                            GError     **error);
void           kk_catalog_file_free        (KkCatalogFile *file);
const char    *kk_catalog_file_get_name    (KkCatalogFile *file);
const char    *kk_catalog_file_get_version (KkCatalogFile *file);
guint          kk_catalog_file_get_n_requirements (KkCatalogFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkCatalogFile, kk_catalog_file_free)

typedef struct {
  GPtrArray *added;      /* codes (char *) */
  GPtrArray *changed;
  GPtrArray *retired;
  guint      unchanged;
  GPtrArray *affected;   /* "DNR “title”: CODE, CODE" for open procurements */
} KkCatalogImportReport;

void kk_catalog_import_report_free (KkCatalogImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkCatalogImportReport, kk_catalog_import_report_free)

/* Loads @file as a new catalogue version in one transaction (or, with
 * @dry_run, only computes the report). New codes are added, changed ones get
 * a new revision, codes missing from the file are retired, never deleted. */
gboolean kk_catalog_import        (KkDatabase             *db,
                                   KkCatalogFile          *file,
                                   gboolean                dry_run,
                                   KkCatalogImportReport **report,
                                   GError                **error);
gboolean kk_catalog_export_json   (KkDatabase  *db,
                                   const char  *path,
                                   GError     **error);
/* Loads the bundled catalogue when the database holds none. */
gboolean kk_catalog_ensure_bundled (KkDatabase  *db,
                                    GError     **error);
GBytes  *kk_catalog_bundled_bytes (void);

G_END_DECLS
