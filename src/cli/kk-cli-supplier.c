// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-cli.h"
#include "kk-store.h"

static JsonNode *
supplier_to_json (KkSupplier *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "org_number");
  json_builder_add_string_value (b, s->org_number);
  json_builder_set_member_name (b, "country");
  json_builder_add_string_value (b, s->country);
  json_builder_set_member_name (b, "contact");
  json_builder_add_string_value (b, s->contact);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, s->note);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, s->created);
  json_builder_set_member_name (b, "procurements");
  json_builder_add_int_value (b, s->n_procurements);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
supplier_add (KkCli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL, *org = NULL, *country = NULL, *contact = NULL, *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkSupplier) supplier = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Supplier name"), N_("NAME") },
    { "org-number", 0, 0, G_OPTION_ARG_STRING, &org, N_("Organisation number (NNNNNN-NNNN)"), N_("NUMBER") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country, N_("Country code (default SE)"), N_("CC") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact person, e-mail or phone"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), N_("TEXT") },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("supplier add", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (name == NULL || org == NULL || argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("supplier add needs --name and --org-number"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;

  supplier = kk_store_add_supplier (db, name, org, country, contact, note, &error);
  if (supplier == NULL)
    return kk_cli_fail_error (error);
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", supplier->id, supplier->org_number, supplier->name);
  return KK_EXIT_OK;
}

static int
supplier_edit (KkCli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL, *country = NULL, *contact = NULL, *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkSupplier) supplier = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Supplier name"), N_("NAME") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country, N_("Country code"), N_("CC") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), N_("TEXT") },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("supplier edit", N_("SUPPLIER"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("supplier edit needs one SUPPLIER (id or organisation number)"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((supplier = kk_store_find_supplier (db, argv[1], &error)) == NULL)
    return kk_cli_fail_error (error);
  if (!kk_store_update_supplier (db, supplier->id,
                                 name ? name : supplier->name,
                                 country ? country : supplier->country,
                                 contact ? contact : supplier->contact,
                                 note ? note : supplier->note, supplier, &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
supplier_delete (KkCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KkSupplier) supplier = NULL;
  GOptionEntry entries[] = { { NULL } };
  KkDatabase *db;

  if (!kk_cli_parse ("supplier delete", N_("SUPPLIER"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("supplier delete needs one SUPPLIER (id or organisation number)"));
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((supplier = kk_store_find_supplier (db, argv[1], &error)) == NULL ||
      !kk_store_delete_supplier (db, supplier->id, &error))
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
supplier_list (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *search = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only suppliers whose name or number contains TEXT"), N_("TEXT") },
    { NULL }
  };
  KkDatabase *db;
  int json;

  if (!kk_cli_parse ("supplier list", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((suppliers = kk_store_list_suppliers (db, search, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < suppliers->len; i++)
        json_array_add_element (array, supplier_to_json (g_ptr_array_index (suppliers, i)));
      json_node_take_array (root, array);
      kk_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < suppliers->len; i++)
        {
          KkSupplier *s = g_ptr_array_index (suppliers, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);

          kk_cli_print_tsv_row (id, s->org_number, s->name, s->country, s->contact, NULL);
        }
    }
  return KK_EXIT_OK;
}

int
kk_cli_supplier (KkCli *cli, int argc, char **argv)
{
  if (argc < 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("supplier needs a subcommand: add, edit, delete or list"));
  if (g_strcmp0 (argv[1], "add") == 0)
    return supplier_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "edit") == 0)
    return supplier_edit (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "delete") == 0)
    return supplier_delete (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "list") == 0)
    return supplier_list (cli, argc - 1, argv + 1);
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown supplier subcommand “%s”"), argv[1]);
}
