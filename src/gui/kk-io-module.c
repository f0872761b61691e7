// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-io-module"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kk-io-module.h"

#define IO_MODULE_FILE "kravkoll-io." G_MODULE_SUFFIX

G_DEFINE_QUARK (kk-io-module-error-quark, kk_io_module_error)

/* The entry points, typed from their declarations: a prototype that changes
 * in kk-export.h or kk-checklist-import.h changes the call here with it. */
typedef struct {
  __typeof__ (&kk_export_appendix_pdf)          export_appendix_pdf;
  __typeof__ (&kk_export_checklist_xlsx)        export_checklist_xlsx;
  __typeof__ (&kk_export_matrix_xlsx_for_lang)  export_matrix_xlsx_for_lang;
  __typeof__ (&kk_export_requirement_list_xlsx) export_requirement_list_xlsx;
  __typeof__ (&kk_checklist_import_read)        checklist_import_read;
  __typeof__ (&kk_checklist_import_apply)       checklist_import_apply;
  __typeof__ (&kk_checklist_import_free)        checklist_import_free;
} IoFuncs;

static const struct {
  const char *name;
  gsize       offset;
} io_symbols[] = {
  { "kk_export_appendix_pdf", G_STRUCT_OFFSET (IoFuncs, export_appendix_pdf) },
  { "kk_export_checklist_xlsx", G_STRUCT_OFFSET (IoFuncs, export_checklist_xlsx) },
  { "kk_export_matrix_xlsx_for_lang", G_STRUCT_OFFSET (IoFuncs, export_matrix_xlsx_for_lang) },
  { "kk_export_requirement_list_xlsx", G_STRUCT_OFFSET (IoFuncs, export_requirement_list_xlsx) },
  { "kk_checklist_import_read", G_STRUCT_OFFSET (IoFuncs, checklist_import_read) },
  { "kk_checklist_import_apply", G_STRUCT_OFFSET (IoFuncs, checklist_import_apply) },
  { "kk_checklist_import_free", G_STRUCT_OFFSET (IoFuncs, checklist_import_free) },
};

/* Exports run in GTask threads: the first ones may race to open the module. */
static GMutex   io_lock;
/* Set, under io_lock, once the module is open; never unset. */
static IoFuncs *io_funcs;

static IoFuncs *
open_module (GError **error)
{
  static IoFuncs funcs;
  const char *dir = g_getenv ("KRAVKOLL_MODULEDIR");
  g_autofree char *path = NULL;
  GModule *module;

  if (dir == NULL || *dir == '\0')
    dir = MODULEDIR;
  path = g_build_filename (dir, IO_MODULE_FILE, NULL);

  /* Local: its symbols are reached through the table only. Not lazy: a
   * symbol it needs from the executable is missing here, with a message,
   * not at the first call. */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, KK_IO_MODULE_ERROR, KK_IO_MODULE_ERROR_FAILED,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Kravkoll cannot write or read workbooks and PDF files: its module %s could not be loaded (%s)."),
                   path, g_module_error ());
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (io_symbols); i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (module, io_symbols[i].name, &symbol))
        {
          g_set_error (error, KK_IO_MODULE_ERROR, KK_IO_MODULE_ERROR_FAILED,
                       /* Translators: %s is a file name, then the system's reason */
                       _("Kravkoll cannot write or read workbooks and PDF files: %s is not the module this version needs (%s)."),
                       path, g_module_error ());
          g_module_close (module);
          return NULL;
        }
      G_STRUCT_MEMBER (gpointer, &funcs, io_symbols[i].offset) = symbol;
    }

  /* Its libraries keep state (libxml2's parser) and threads may still be
   * in it: it stays for the life of the process. */
  g_module_make_resident (module);
  g_debug ("Loaded %s", path);
  return &funcs;
}

static IoFuncs *
get_funcs (GError **error)
{
  IoFuncs *funcs = g_atomic_pointer_get (&io_funcs);

  if (funcs == NULL)
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&io_lock);

      funcs = io_funcs;
      if (funcs == NULL)
        {
          funcs = open_module (error);
          g_atomic_pointer_set (&io_funcs, funcs);
        }
    }
  return funcs;
}

gboolean
kk_io_module_ensure (GError **error)
{
  return get_funcs (error) != NULL;
}

gboolean
kk_io_module_is_loaded (void)
{
  return g_atomic_pointer_get (&io_funcs) != NULL;
}

gboolean
kk_io_module_export_appendix_pdf (KkDatabase       *db,
                                  gint64            procurement_id,
                                  const char       *lang,
                                  const char       *path,
                                  KkExportProgress  progress,
                                  gpointer          user_data,
                                  GError          **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL && io->export_appendix_pdf (db, procurement_id, lang, path, progress, user_data, error);
}

gboolean
kk_io_module_export_checklist_xlsx (KkDatabase  *db,
                                    gint64       procurement_id,
                                    gint64       supplier_id,
                                    const char  *lang,
                                    const char  *path,
                                    GError     **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL && io->export_checklist_xlsx (db, procurement_id, supplier_id, lang, path, error);
}

gboolean
kk_io_module_export_matrix_xlsx_for_lang (KkDatabase  *db,
                                          gint64       procurement_id,
                                          const char  *lang,
                                          const char  *path,
                                          GError     **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL && io->export_matrix_xlsx_for_lang (db, procurement_id, lang, path, error);
}

gboolean
kk_io_module_export_requirement_list_xlsx (KkDatabase  *db,
                                           gint64       procurement_id,
                                           const char  *path,
                                           GError     **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL && io->export_requirement_list_xlsx (db, procurement_id, path, error);
}

KkChecklistImport *
kk_io_module_checklist_import_read (KkDatabase  *db,
                                    gint64       procurement_id,
                                    const char  *path,
                                    GError     **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL ? io->checklist_import_read (db, procurement_id, path, error) : NULL;
}

gboolean
kk_io_module_checklist_import_apply (KkDatabase         *db,
                                     KkChecklistImport  *import,
                                     gboolean            overwrite,
                                     guint              *n_applied,
                                     GError            **error)
{
  IoFuncs *io = get_funcs (error);

  return io != NULL && io->checklist_import_apply (db, import, overwrite, n_applied, error);
}

void
kk_io_module_checklist_import_free (KkChecklistImport *import)
{
  IoFuncs *io = g_atomic_pointer_get (&io_funcs);

  if (import == NULL)
    return;
  g_return_if_fail (io != NULL);
  io->checklist_import_free (import);
}
