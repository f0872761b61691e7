// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kravkoll-cli"

#include <glib/gi18n.h>

#include "kk-catalog.h"
#include "kk-cli.h"
#include "kk-export.h"

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value ? value : "");
}

static JsonNode *
requirement_to_json (KkRequirement *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "code", r->code);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, r->revision);
  add_string (b, "perspective", r->perspective);
  add_string (b, "area", r->area);
  add_string (b, "title_sv", r->title_sv);
  add_string (b, "title_en", r->title_en);
  add_string (b, "text_sv", r->text_sv);
  add_string (b, "text_en", r->text_en);
  add_string (b, "motive_sv", r->motive_sv);
  add_string (b, "motive_en", r->motive_en);
  add_string (b, "verification_sv", r->verification_sv);
  add_string (b, "verification_en", r->verification_en);
  add_string (b, "obligation", r->obligation);
  add_string (b, "kind", r->kind);
  add_string (b, "level", r->level);
  add_string (b, "source_ref", r->source_ref);
  json_builder_set_member_name (b, "retired");
  json_builder_add_boolean_value (b, r->retired);
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; r->categories && r->categories[i]; i++)
    json_builder_add_string_value (b, r->categories[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* An enumerated option: NULL passes, a known value passes, anything else is
 * a usage error naming the choices. */
static gboolean
check_choice (const char  *option,
              const char  *value,
              gboolean   (*valid) (const char *),
              const char  *choices)
{
  if (value == NULL || valid (value))
    return TRUE;
  kk_cli_fail (KK_EXIT_USAGE, _("--%s: unknown value “%s”; use %s"), option, value, choices);
  return FALSE;
}

static int
catalog_list (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *search = NULL, *perspective = NULL, *area = NULL;
  g_autofree char *kind = NULL, *level = NULL, *obligation = NULL, *category = NULL;
  gboolean include_retired = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requirements = NULL;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only requirements containing these words (prefixes, accents ignored)"), N_("TEXT") },
    { "perspective", 0, 0, G_OPTION_ARG_STRING, &perspective, N_("supplier, operations or individual"), N_("P") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Area code, e.g. LEV-IN"), N_("A") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("qualification, technical, contract_clause or award_criterion"), N_("K") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("basic, advanced or leading"), N_("L") },
    { "obligation", 0, 0, G_OPTION_ARG_STRING, &obligation, N_("shall or should"), N_("O") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Procurement category key, e.g. it"), N_("C") },
    { "include-retired", 0, 0, G_OPTION_ARG_NONE, &include_retired, N_("Also list retired requirements"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkCatalogQuery query = { 0 };
  KkDatabase *db;
  int json;

  if (!kk_cli_parse ("catalog list", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog list takes no arguments (got “%s”)"), argv[1]);
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if (!check_choice ("perspective", perspective, kk_is_perspective, "supplier, operations, individual") ||
      !check_choice ("kind", kind, kk_is_kind, "qualification, technical, contract_clause, award_criterion") ||
      !check_choice ("level", level, kk_is_level, "basic, advanced, leading") ||
      !check_choice ("obligation", obligation, kk_is_obligation, "shall, should"))
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;

  query.search = search;
  query.perspective = perspective;
  query.area = area;
  query.kind = kind;
  query.level = level;
  query.obligation = obligation;
  query.category = category;
  query.include_retired = include_retired;
  if ((requirements = kk_catalog_list (db, &query, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < requirements->len; i++)
        json_array_add_element (array, requirement_to_json (g_ptr_array_index (requirements, i)));
      json_node_take_array (root, array);
      kk_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < requirements->len; i++)
        {
          KkRequirement *r = g_ptr_array_index (requirements, i);

          kk_cli_print_tsv_row (r->code, r->area, r->obligation, r->kind, r->level,
                                r->retired ? "retired" : "", r->title_sv, r->title_en, NULL);
        }
    }
  return KK_EXIT_OK;
}

static void
print_codes (const char *label,
             GPtrArray  *codes)
{
  g_print ("%s (%u)", label, codes->len);
  for (guint i = 0; i < codes->len; i++)
    g_print ("%s%s", i == 0 ? ": " : ", ", (const char *) codes->pdata[i]);
  g_print ("\n");
}

static int
catalog_import (KkCli *cli, int argc, char **argv)
{
  gboolean dry_run = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(KkCatalogFile) file = NULL;
  g_autoptr(KkCatalogImportReport) report = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would change"), NULL },
    { NULL }
  };
  KkDatabase *db;

  if (!kk_cli_parse ("catalog import", N_("FILE.json"), entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc != 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog import needs one FILE.json"));

  /* The file is checked before the database is opened: a bad file must not
   * even create a database. */
  if ((file = kk_catalog_file_load (argv[1], &error)) == NULL)
    return kk_cli_fail_error (error);
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if (!kk_catalog_import (db, file, dry_run, &report, &error))
    return kk_cli_fail_error (error);

  if (dry_run)
    g_print (_("Dry run: catalogue “%s” version %s would be imported; nothing was changed.\n"),
             kk_catalog_file_get_name (file), kk_catalog_file_get_version (file));
  else
    g_print (_("Imported catalogue “%s” version %s.\n"),
             kk_catalog_file_get_name (file), kk_catalog_file_get_version (file));
  print_codes (_("Added"), report->added);
  print_codes (_("Changed"), report->changed);
  print_codes (_("Retired"), report->retired);
  g_print (_("Unchanged: %u\n"), report->unchanged);
  if (report->affected->len == 0)
    g_print (_("No open procurement uses a changed or retired requirement.\n"));
  else
    {
      g_print (_("Open procurements that use changed or retired requirements (%u):\n"), report->affected->len);
      for (guint i = 0; i < report->affected->len; i++)
        g_print ("  %s\n", (const char *) report->affected->pdata[i]);
    }
  return KK_EXIT_OK;
}

static int
catalog_export (KkCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE.json (the import format) or FILE.xlsx (a requirement list)"), N_("FILE") },
    { NULL }
  };
  KkDatabase *db;
  gboolean ok;

  if (!kk_cli_parse ("catalog export", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (output == NULL || argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog export needs -o FILE.json or -o FILE.xlsx"));
  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".json") && !g_str_has_suffix (lower, ".xlsx"))
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog export: “%s” must end in .json or .xlsx"), output);
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;

  if (g_str_has_suffix (lower, ".json"))
    ok = kk_catalog_export_json (db, output, &error);
  else
    ok = kk_export_requirement_list_xlsx (db, 0, output, &error);
  if (!ok)
    return kk_cli_fail_error (error);
  return KK_EXIT_OK;
}

static int
catalog_areas (KkCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), N_("FORMAT") },
    { NULL }
  };
  KkDatabase *db;
  int json;

  if (!kk_cli_parse ("catalog areas", NULL, entries, &argc, &argv))
    return KK_EXIT_USAGE;
  if (argc > 1)
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog areas takes no arguments (got “%s”)"), argv[1]);
  if ((json = kk_cli_format_is_json (format)) < 0)
    return KK_EXIT_USAGE;
  if ((db = kk_cli_open_db (cli)) == NULL)
    return KK_EXIT_REFUSED;
  if ((areas = kk_catalog_list_areas (db, &error)) == NULL)
    return kk_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < areas->len; i++)
        {
          KkArea *a = g_ptr_array_index (areas, i);
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          add_string (b, "code", a->code);
          add_string (b, "perspective", a->perspective);
          add_string (b, "name_sv", a->name_sv);
          add_string (b, "name_en", a->name_en);
          json_builder_end_object (b);
          json_array_add_element (array, json_builder_get_root (b));
        }
      json_node_take_array (root, array);
      kk_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < areas->len; i++)
        {
          KkArea *a = g_ptr_array_index (areas, i);

          kk_cli_print_tsv_row (a->code, a->perspective, a->name_sv, a->name_en, NULL);
        }
    }
  return KK_EXIT_OK;
}

int
kk_cli_catalog (KkCli *cli, int argc, char **argv)
{
  if (argc < 2)
    return kk_cli_fail (KK_EXIT_USAGE, _("catalog needs a subcommand: list, import, export or areas"));
  if (g_strcmp0 (argv[1], "list") == 0)
    return catalog_list (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "import") == 0)
    return catalog_import (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "export") == 0)
    return catalog_export (cli, argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "areas") == 0)
    return catalog_areas (cli, argc - 1, argv + 1);
  return kk_cli_fail (KK_EXIT_USAGE, _("unknown catalog subcommand “%s”"), argv[1]);
}
