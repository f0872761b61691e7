// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-io-module"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kk-io-module.h"

#define IO_MODULE_FILE "kravkoll-io." G_MODULE_SUFFIX

G_DEFINE_QUARK (kk-io-module-error-quark, kk_io_module_error)

static const struct {
  const char *name;
  gsize       offset;
} io_symbols[] = {
  { "kk_export_appendix_pdf", G_STRUCT_OFFSET (KkIoModule, export_appendix_pdf) },
  { "kk_export_checklist_xlsx", G_STRUCT_OFFSET (KkIoModule, export_checklist_xlsx) },
  { "kk_export_matrix_xlsx_for_lang", G_STRUCT_OFFSET (KkIoModule, export_matrix_xlsx_for_lang) },
  { "kk_export_requirement_list_xlsx", G_STRUCT_OFFSET (KkIoModule, export_requirement_list_xlsx) },
  { "kk_checklist_import_read", G_STRUCT_OFFSET (KkIoModule, checklist_import_read) },
  { "kk_checklist_import_apply", G_STRUCT_OFFSET (KkIoModule, checklist_import_apply) },
  { "kk_checklist_import_free", G_STRUCT_OFFSET (KkIoModule, checklist_import_free) },
};

/* Exports run in GTask threads: the first ones may race to open the module. */
static GMutex   io_lock;
/* Set, under io_lock, once the module is open; never unset. */
static KkIoModule *io_funcs;

static KkIoModule *
open_module (GError **error)
{
  static KkIoModule funcs;
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

const KkIoModule *
kk_io_module_get (GError **error)
{
  KkIoModule *funcs = g_atomic_pointer_get (&io_funcs);

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
kk_io_module_is_loaded (void)
{
  return g_atomic_pointer_get (&io_funcs) != NULL;
}

void
kk_io_module_checklist_import_free (KkChecklistImport *import)
{
  KkIoModule *io = g_atomic_pointer_get (&io_funcs);

  if (import == NULL)
    return;
  g_return_if_fail (io != NULL);
  io->checklist_import_free (import);
}
