// SPDX-License-Identifier: GPL-3.0-or-later
/* kravkoll-cli procurement / answer / audit, run as a real process on a
 * database with the bundled catalogue. Output is parsed with json-glib and
 * the database is read back with the sqlite3 tool. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kk-test-util.h"

#define SUP_A "556012-5790"
#define SUP_B "556016-0680"
#define DNR   "KS 2026/100"

typedef struct {
  char  *dir;
  char  *db;
  GStrv  codes;   /* 4 current codes, alphabetical */
} Fixture;

#define CLI(out, err, ...) kk_test_run_cli (f->db, (const char * const[]) { __VA_ARGS__, NULL }, out, err)

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *codes = NULL;

  f->dir = kk_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "k.db", NULL);
  g_assert_cmpint (CLI (NULL, NULL, "init"), ==, 0);
  codes = kk_test_sqlite3 (f->db, "SELECT group_concat (code, ' ') FROM (SELECT code FROM requirement "
                                  "WHERE current = 1 AND retired = 0 ORDER BY code LIMIT 4)");
  f->codes = g_strsplit (codes, " ", -1);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  kk_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_strfreev (f->codes);
}

/* kravkoll-cli init loads the bundled catalogue; a missing one is a failure. */
static gboolean
have_catalogue (Fixture *f)
{
  g_assert_cmpuint (g_strv_length (f->codes), ==, 4);
  return TRUE;
}

static gint64
sql_int (Fixture *f, const char *query)
{
  g_autofree char *text = kk_test_sqlite3 (f->db, query);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Runs the CLI, which must succeed, and parses its stdout as JSON. */
static JsonNode *
cli_json (Fixture *f, const char * const *args)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  int status = kk_test_run_cli (f->db, args, &out, &err);

  if (status != 0)
    g_error ("kravkoll-cli %s … exited %d: %s", args[0], status, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

#define CLI_JSON(...) cli_json (f, (const char * const[]) { __VA_ARGS__, NULL })

/* Runs a command that must be refused with exit @status, a message naming
 * @needle on stderr, and no change in the database. */
static void
refused (Fixture *f, int status, const char *needle, const char * const *args)
{
  g_autofree char *before = kk_test_dump_db (f->db);
  g_autofree char *after = NULL, *out = NULL, *err = NULL;

  g_assert_cmpint (kk_test_run_cli (f->db, args, &out, &err), ==, status);
  g_assert_true (g_str_has_prefix (err, "kravkoll-cli"));
  if (needle != NULL && strstr (err, needle) == NULL)
    g_error ("stderr “%s” does not name “%s”", err, needle);
  after = kk_test_dump_db (f->db);
  g_assert_cmpstr (before, ==, after);
}

#define REFUSED(status, needle, ...) refused (f, status, needle, (const char * const[]) { __VA_ARGS__, NULL })

static JsonObject *
find_answer (JsonArray *array, const char *code, const char *org)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "code"), code) &&
          g_str_equal (json_object_get_string_member (o, "org_number"), org))
        return o;
    }
  g_error ("no answer for %s / %s", code, org);
  return NULL;
}

static void
test_flow (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL, *reqs = NULL, *expected_reqs = NULL;
  g_autoptr(JsonNode) list = NULL, show = NULL, answers = NULL, mine = NULL, summary = NULL, audit = NULL, audit_p = NULL;
  char **c = f->codes;
  JsonObject *o;
  JsonArray *a;
  gint64 base, changes = 0;

  if (!have_catalogue (f))
    return;
  base = sql_int (f, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (CLI (NULL, NULL, "supplier", "add", "--name", "Alfa Bevakning AB", "--org-number", SUP_A), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "supplier", "add", "--name", "Beta Städ AB", "--org-number", SUP_B), ==, 0);
  changes += 2;

  reqs = g_strjoin (",", c[0], c[1], c[2], NULL);
  g_assert_cmpint (CLI (&out, &err, "procurement", "create", "--title", "Bevakning av skolor", "--dnr", DNR,
                        "--unit", "Utbildningsförvaltningen", "--category", "it", "--deadline", "2026-05-31",
                        "--requirements", reqs), ==, 0);
  g_assert_true (g_str_has_prefix (out, "1\t" DNR "\tBevakning av skolor\n"));
  changes += 2;   /* created, requirements added */

  /* --suggested and --all pick what the catalogue says. */
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "create", "--title", "IT-drift", "--dnr", "KS 2026/101",
                        "--category", "it", "--suggested"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "create", "--title", "Allt", "--dnr", "KS 2026/102", "--all"), ==, 0);
  changes += 4;
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM procurement_requirement pr JOIN procurement p ON p.id = pr.procurement "
                               "WHERE p.dnr = 'KS 2026/101'"), ==,
                   sql_int (f, "SELECT count(*) FROM requirement r JOIN requirement_category rc ON rc.requirement = r.id "
                               "JOIN category k ON k.id = rc.category WHERE k.key = 'it' AND r.current = 1 AND r.retired = 0"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM procurement_requirement pr JOIN procurement p ON p.id = pr.procurement "
                               "WHERE p.dnr = 'KS 2026/102'"), ==,
                   sql_int (f, "SELECT count(*) FROM requirement WHERE current = 1 AND retired = 0"));

  /* A bad code refuses the whole create: no half-made procurement. */
  REFUSED (1, "XXX-99", "procurement", "create", "--title", "Fel", "--dnr", "KS 2026/103", "--requirements", "XXX-99");
  REFUSED (1, "Bevakning av skolor", "procurement", "create", "--title", "Dubblett", "--dnr", DNR);
  REFUSED (1, "2026-02-30", "procurement", "create", "--title", "Fel", "--dnr", "KS 2026/104", "--deadline", "2026-02-30");
  REFUSED (1, "rymden", "procurement", "create", "--title", "Fel", "--dnr", "KS 2026/105", "--category", "rymden");
  REFUSED (2, "--title", "procurement", "create", "--dnr", "KS 2026/106");
  REFUSED (2, NULL, "procurement", "create", "--title", "X", "--dnr", "Y", "--all", "--suggested");
  REFUSED (2, "xml", "procurement", "list", "--format", "xml");
  REFUSED (2, NULL, "procurement", "frobnicate");

  /* Edit, move, obligation, remove and add while a draft. */
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "edit", DNR, "--unit", "Stadsledningskontoret"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "move", DNR, c[2], "0"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "set-obligation", DNR, c[1], "should"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "remove-requirements", DNR, c[0]), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "add-requirements", "1", c[3], c[0]), ==, 0);
  changes += 5;
  REFUSED (2, NULL, "procurement", "move", DNR, c[2], "först");
  REFUSED (1, "0 to 3", "procurement", "move", DNR, c[2], "9");
  REFUSED (1, "must", "procurement", "set-obligation", DNR, c[1], "must");
  REFUSED (1, "publish it first", "answer", "set", DNR, SUP_A, c[0], "met");

  show = CLI_JSON ("procurement", "show", DNR, "--format", "json");
  a = json_node_get_array (show);
  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  {
    const char *order[] = { c[2], c[1], c[3], c[0] };

    for (guint i = 0; i < 4; i++)
      {
        o = json_array_get_object_element (a, i);
        g_assert_cmpint (json_object_get_int_member (o, "position"), ==, i);
        g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, order[i]);
        g_assert_false (json_object_get_boolean_member (o, "newer_revision"));
        g_assert_cmpint (json_object_get_int_member (o, "revision"), ==, 1);
      }
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "obligation"), ==, "should");
  }
  {
    g_autofree char *tsv = NULL;
    g_autofree char *line = g_strdup_printf ("1\t%s\t1\tshould\t", c[1]);

    g_assert_cmpint (CLI (&tsv, NULL, "procurement", "show", DNR), ==, 0);
    g_assert_nonnull (strstr (tsv, line));
  }

  /* Publish, then the requirements are frozen. */
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "publish", DNR), ==, 0);
  changes += 1;
  REFUSED (1, "is published; its requirements are frozen", "procurement", "add-requirements", DNR, "XXX-1");
  REFUSED (1, "is published; its requirements are frozen", "procurement", "remove-requirements", DNR, c[0]);
  REFUSED (1, "forward", "procurement", "set-status", DNR, "draft");

  g_assert_cmpint (CLI (NULL, NULL, "procurement", "add-supplier", DNR, SUP_A), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "add-supplier", DNR, "5560160680"), ==, 0);
  changes += 2;
  REFUSED (1, "already takes part", "procurement", "add-supplier", DNR, SUP_A);
  REFUSED (1, "KS 1999/1", "procurement", "add-supplier", "KS 1999/1", SUP_A);

  list = CLI_JSON ("procurement", "list", "--format", "json");
  a = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  o = json_array_get_object_element (a, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Bevakning av skolor");
  g_assert_cmpstr (json_object_get_string_member (o, "dnr"), ==, DNR);
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "Stadsledningskontoret");
  g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "it");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "published");
  g_assert_cmpstr (json_object_get_string_member (o, "deadline"), ==, "2026-05-31");
  g_assert_nonnull (json_object_get_string_member (o, "created"));
  g_assert_nonnull (json_object_get_string_member (o, "published_at"));
  {
    g_autofree char *cv = kk_test_sqlite3 (f->db, "SELECT name || ' ' || version FROM catalog_version ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (json_object_get_string_member (o, "catalog_version"), ==, cv);
  }
  g_assert_cmpint (json_object_get_int_member (o, "requirements"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "suppliers"), ==, 2);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (a, 2), "deadline"));
  {
    g_autoptr(JsonNode) drafts = CLI_JSON ("procurement", "list", "--status", "draft", "--format", "json");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (drafts)), ==, 2);
  }

  /* Answers. */
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_A, c[2], "met", "--comment", "Rutin bifogad",
                        "--evidence", "Bilaga 4", "--valid-until", "2027-01-31"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_A, c[0], "not_met", "--comment", "Saknas"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_A, c[1], "partly_met"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_B, c[2], "partly_met"), ==, 0);
  changes += 4;
  /* Same answer again: nothing changes, nothing recorded. */
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_A, c[1], "partly_met"), ==, 0);
  /* Options left out keep their value. */
  g_assert_cmpint (CLI (NULL, NULL, "answer", "set", DNR, SUP_A, c[2], "not_applicable"), ==, 0);
  changes += 1;
  REFUSED (1, "kanske", "answer", "set", DNR, SUP_A, c[2], "kanske");
  REFUSED (1, "2027-13-01", "answer", "set", DNR, SUP_A, c[2], "met", "--valid-until", "2027-13-01");
  REFUSED (1, "XXX-1", "answer", "set", DNR, SUP_A, "XXX-1", "met");
  REFUSED (1, "556677-8899", "answer", "set", DNR, "556677-8899", c[2], "met");
  REFUSED (2, NULL, "answer", "set", DNR, SUP_A, c[2]);

  answers = CLI_JSON ("answer", "list", DNR, "--format", "json");
  a = json_node_get_array (answers);
  g_assert_cmpuint (json_array_get_length (a), ==, 8);   /* 2 suppliers × 4 requirements */
  o = find_answer (a, c[2], SUP_A);
  g_assert_cmpstr (json_object_get_string_member (o, "supplier"), ==, "Alfa Bevakning AB");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "not_applicable");
  g_assert_cmpstr (json_object_get_string_member (o, "comment"), ==, "Rutin bifogad");
  g_assert_cmpstr (json_object_get_string_member (o, "evidence"), ==, "Bilaga 4");
  g_assert_cmpstr (json_object_get_string_member (o, "valid_until"), ==, "2027-01-31");
  g_assert_cmpstr (json_object_get_string_member (o, "checked_by"), ==, "Test Officer");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "checked_at"), "Z"));
  o = find_answer (a, c[3], SUP_A);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "unanswered");
  g_assert_true (json_object_get_null_member (o, "valid_until"));
  g_assert_true (json_object_get_null_member (o, "checked_at"));
  o = find_answer (a, c[1], SUP_A);
  g_assert_cmpstr (json_object_get_string_member (o, "obligation"), ==, "should");
  o = find_answer (a, c[2], SUP_B);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "partly_met");
  {
    g_autofree char *row = kk_test_sqlite3 (f->db, "SELECT an.status || '|' || an.comment || '|' || an.checked_by FROM answer an "
                                                   "JOIN assessment x ON x.id = an.assessment JOIN supplier s ON s.id = x.supplier "
                                                   "JOIN procurement_requirement pr ON pr.id = an.procurement_requirement "
                                                   "WHERE s.org_number = '" SUP_A "' AND pr.code = (SELECT code FROM "
                                                   "procurement_requirement WHERE position = 0 AND procurement = 1)");
    g_assert_cmpstr (row, ==, "not_applicable|Rutin bifogad|Test Officer");
  }

  mine = CLI_JSON ("answer", "list", DNR, SUP_B, "--format", "json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (mine)), ==, 4);

  /* Summary: SKA counts as the procurement uses the obligations. */
  summary = CLI_JSON ("answer", "summary", DNR, SUP_A, "--format", "json");
  o = json_node_get_object (summary);
  {
    gint64 shall = sql_int (f, "SELECT count(*) FROM procurement_requirement WHERE procurement = 1 AND obligation = 'shall'");
    /* SHALL among c[2] (n/a), c[0] (not_met), c[3] (unanswered); c[1] is should. */
    gint64 shall_met = sql_int (f, "SELECT count(*) FROM procurement_requirement pr JOIN answer an ON an.procurement_requirement = pr.id "
                                   "JOIN assessment x ON x.id = an.assessment JOIN supplier s ON s.id = x.supplier "
                                   "WHERE pr.procurement = 1 AND s.org_number = '" SUP_A "' AND pr.obligation = 'shall' "
                                   "AND an.status IN ('met', 'not_applicable')");
    gboolean c0_shall = sql_int (f, "SELECT obligation = 'shall' FROM procurement_requirement WHERE procurement = 1 AND position = 3") != 0;

    g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (o, "answered"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (o, "shall_total"), ==, shall);
    g_assert_cmpint (json_object_get_int_member (o, "shall_met"), ==, shall_met);
    g_assert_cmpint (json_object_get_int_member (o, "shall_not_met"), ==, c0_shall ? 1 : 0);
    g_assert_cmpint (json_object_get_int_member (o, "shall_total"), ==,
                     json_object_get_int_member (o, "shall_met") + json_object_get_int_member (o, "shall_not_met") +
                     json_object_get_int_member (o, "shall_unanswered"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "shortcomings")), ==, c0_shall ? 1 : 0);
  }
  {
    g_autofree char *tsv = NULL;

    g_assert_cmpint (CLI (&tsv, NULL, "answer", "summary", DNR, SUP_A), ==, 0);
    g_assert_nonnull (strstr (tsv, "total\t4\nanswered\t3\n"));
  }

  /* A supplier with answers stays; status moves forward; decided takes no answers. */
  REFUSED (1, "answers", "procurement", "remove-supplier", DNR, SUP_A);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "set-status", DNR, "evaluating"), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "set-status", DNR, "decided"), ==, 0);
  changes += 2;
  REFUSED (1, "decided", "answer", "set", DNR, SUP_A, c[3], "met");

  /* The audit trail holds one row per change, oldest first. */
  audit = CLI_JSON ("audit", "list", "--format", "json");
  a = json_node_get_array (audit);
  g_assert_cmpint (json_array_get_length (a), ==, base + changes);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, base + changes);
  for (guint i = 1; i < json_array_get_length (a); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, i - 1), "id"), <,
                     json_object_get_int_member (json_array_get_object_element (a, i), "id"));
  o = json_array_get_object_element (a, json_array_get_length (a) - 1);
  g_assert_cmpstr (json_object_get_string_member (o, "action"), ==, "procurement.status");
  g_assert_cmpstr (json_object_get_string_member (o, "actor"), ==, "Test Officer");
  g_assert_cmpint (json_object_get_int_member (o, "procurement"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "detail"), "status"), ==, "decided");
  {
    JsonObject *set = NULL;

    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *e = json_array_get_object_element (a, i);
        if (g_str_equal (json_object_get_string_member (e, "action"), "answer.set"))
          set = e;
      }
    g_assert_nonnull (set);
    g_assert_cmpstr (json_object_get_string_member (set, "entity"), ==, "answer");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (set, "detail"), "old_status"), ==, "met");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (set, "detail"), "status"), ==, "not_applicable");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (set, "detail"), "comment"), ==, "Rutin bifogad");
  }

  audit_p = CLI_JSON ("audit", "list", "--procurement", DNR, "--format", "json");
  g_assert_cmpint (json_array_get_length (json_node_get_array (audit_p)), ==,
                   sql_int (f, "SELECT count(*) FROM audit_log WHERE procurement = 1"));
  /* Create, add, edit, move, obligation, remove, add, publish, 2 suppliers, 5 answers, 2 statuses. */
  g_assert_cmpint (json_array_get_length (json_node_get_array (audit_p)), ==, 17);
  {
    g_autofree char *tsv = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (CLI (&tsv, NULL, "audit", "list", "--procurement", "1"), ==, 0);
    lines = g_strsplit (g_strchomp (tsv), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 17);
    g_assert_nonnull (strstr (lines[0], "\tprocurement.create\tprocurement\t1\t1\t"));
  }
}

/* A published procurement keeps its wording through a catalogue import
 * that rewrites one of its requirements; show reports the newer revision. */
static void
test_catalogue_import (Fixture *f, gconstpointer data)
{
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue", "kravkoll-2026.1.json", NULL);
  g_autofree char *changed = g_build_filename (f->dir, "changed.json", NULL);
  g_autofree char *reqs = NULL, *out = NULL, *err = NULL, *frozen_before = NULL, *frozen_after = NULL;
  g_autoptr(JsonNode) before = NULL, after = NULL;
  char **c = f->codes;
  int status;

  if (!have_catalogue (f))
    return;

  reqs = g_strjoin (",", c[0], c[1], NULL);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "create", "--title", "Frusen", "--dnr", DNR, "--requirements", reqs), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "procurement", "publish", DNR), ==, 0);
  before = CLI_JSON ("procurement", "show", DNR, "--format", "json");
  frozen_before = kk_test_sqlite3 (f->db, "SELECT * FROM procurement_requirement ORDER BY id");

  /* A new catalogue version, made by Python from the bundled one, that rewrites c[0]. */
  {
    const char *argv[] = { "/usr/bin/python3", "-c",
      "import json,sys; d=json.load(open(sys.argv[1])); d['version']='2099.1';"
      "r=[r for r in d['requirements'] if r['code']==sys.argv[3]][0];"
      "r['text']['sv']='Helt ny lydelse av kravet.'; r['text']['en']='Entirely new wording.';"
      "json.dump(d, open(sys.argv[2],'w'), ensure_ascii=False)",
      bundled, changed, c[0], NULL };
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  status = CLI (&out, &err, "catalog", "import", changed);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM requirement WHERE code = (SELECT code FROM procurement_requirement "
                               "WHERE position = 0)"), ==, 2);

  frozen_after = kk_test_sqlite3 (f->db, "SELECT * FROM procurement_requirement ORDER BY id");
  g_assert_cmpstr (frozen_before, ==, frozen_after);

  after = CLI_JSON ("procurement", "show", DNR, "--format", "json");
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *b = json_array_get_object_element (json_node_get_array (before), i);
      JsonObject *a = json_array_get_object_element (json_node_get_array (after), i);

      g_assert_cmpstr (json_object_get_string_member (a, "code"), ==, c[i]);
      g_assert_cmpstr (json_object_get_string_member (a, "text_sv"), ==, json_object_get_string_member (b, "text_sv"));
      g_assert_cmpstr (json_object_get_string_member (a, "text_en"), ==, json_object_get_string_member (b, "text_en"));
      g_assert_cmpint (json_object_get_int_member (a, "revision"), ==, 1);
      g_assert_cmpint (json_object_get_boolean_member (a, "newer_revision"), ==, i == 0);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (after), 0), "text_sv"),
                   !=, "Helt ny lydelse av kravet.");
  {
    g_autofree char *tsv = NULL;
    g_autofree char *line = g_strdup_printf ("0\t%s\t1\t", c[0]);
    const char *hit;

    g_assert_cmpint (CLI (&tsv, NULL, "procurement", "show", DNR), ==, 0);
    hit = strstr (tsv, line);
    g_assert_nonnull (hit);
    g_assert_true (g_str_has_prefix (strchr (hit, '\n') - 2, "\t1"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/procurement-cli/flow", test_flow);
  ADD ("/procurement-cli/catalogue-import", test_catalogue_import);
#undef ADD
  return g_test_run ();
}
