// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-demo"

#include <glib/gi18n-lib.h>

#include "kk-catalog.h"
#include "kk-demo.h"
#include "kk-orgnr.h"

static const char *name_first[] = {
  "Nordisk", "Säker", "Stockholms", "Mälardalens", "Trygg", "Svea", "Östra", "Södra",
  "Västra", "Norra", "Kungsholms", "Solna", "Skärgårdens", "Roslagens", "Bergs", "Ljusa",
};
static const char *name_second[] = {
  "Bevakning", "Fastighetsservice", "IT-drift", "Städ", "Omsorg", "Transport", "Bygg",
  "Konsult", "Måltider", "Larm", "Datacenter", "Logistik", "Säkerhet", "Utbildning",
};
static const char *name_place[] = {
  "", "Stockholm", "Solna", "Sundbyberg", "Nacka", "Huddinge", "Täby", "Lidingö", "Botkyrka",
  "Järfälla", "Haninge", "Norrtälje", "Södertälje", "Uppsala", "Norden", "Sverige",
};
static const char *name_form[] = { "AB", "AB", "AB", "HB", "Ekonomisk förening", "Aktiebolag" };
static const char *units[] = {
  "Stadsledningskontoret", "Fastighetskontoret", "Socialförvaltningen", "Utbildningsförvaltningen",
  "Trafikkontoret", "Miljöförvaltningen", "Kulturförvaltningen", "Serviceförvaltningen",
};
static const char *subjects[] = {
  "Bevakningstjänster", "Drift av verksamhetssystem", "Lokalvård", "Hemtjänst", "Skolskjuts",
  "Ombyggnad av förskola", "Fastighetsdrift", "Säkerhetskonsulter", "Skolmåltider", "Larmcentral",
};
static const char *statuses[] = { "draft", "published", "evaluating", "evaluating", "decided" };
static const char *answer_statuses[] = { "met", "met", "met", "met", "partly_met", "not_met", "not_applicable", "unanswered" };

static gboolean
step (KkDatabase *db, sqlite3_stmt *stmt, GError **error)
{
  return kk_database_step_done (db, stmt, error);
}

/* Nine digits from @n plus a Luhn check digit; the third and fourth digits
 * are 6x so the number is a legal person's. */
static void
make_org_number (guint n, char out[12])
{
  char digits[11];

  g_snprintf (digits, sizeof digits, "556%06u0", n % 1000000);
  for (char d = '0'; d <= '9'; d++)
    {
      digits[9] = d;
      if (kk_orgnr_luhn_valid (digits))
        break;
    }
  g_snprintf (out, 12, "%.6s-%.4s", digits, digits + 6);
}

typedef struct {
  gint64 id;
  char  *code, *area, *title_sv, *title_en, *text_sv, *text_en, *ver_sv, *ver_en, *obligation, *kind, *level;
} Req;

static void
req_clear (gpointer data)
{
  Req *r = data;
  g_free (r->code); g_free (r->area); g_free (r->title_sv); g_free (r->title_en);
  g_free (r->text_sv); g_free (r->text_en); g_free (r->ver_sv); g_free (r->ver_en);
  g_free (r->obligation); g_free (r->kind); g_free (r->level);
}

static gboolean
load_requirements (KkDatabase *db, GArray *reqs, GError **error)
{
  sqlite3_stmt *stmt = kk_database_prepare (db,
    "SELECT id, code, area, title_sv, title_en, text_sv, text_en, verification_sv, verification_en, "
    "obligation, kind, level FROM requirement WHERE current = 1 AND retired = 0 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (reqs, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Req r = {
        sqlite3_column_int64 (stmt, 0),
        kk_stmt_dup_text (stmt, 1), kk_stmt_dup_text (stmt, 2), kk_stmt_dup_text (stmt, 3),
        kk_stmt_dup_text (stmt, 4), kk_stmt_dup_text (stmt, 5), kk_stmt_dup_text (stmt, 6),
        kk_stmt_dup_text (stmt, 7), kk_stmt_dup_text (stmt, 8), kk_stmt_dup_text (stmt, 9),
        kk_stmt_dup_text (stmt, 10), kk_stmt_dup_text (stmt, 11),
      };
      g_array_append_val (reqs, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kk_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
generate (KkDatabase *db, const KkDemoOptions *opt, KkDemoResult *result, GError **error)
{
  g_autoptr(GArray) reqs = g_array_new (FALSE, TRUE, sizeof (Req));
  g_autoptr(GRand) rand = g_rand_new_with_seed (opt->seed ? opt->seed : 20261125);
  g_autoptr(GHashTable) per_area = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) supplier_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = kk_now_iso8601 ();
  guint rpp = opt->requirements_per_procurement ? opt->requirements_per_procurement : 50;
  guint spp = opt->suppliers_per_procurement ? opt->suppliers_per_procurement : 10;
  sqlite3_stmt *stmt;
  gint64 catalog_version;
  guint base;

  g_array_set_clear_func (reqs, req_clear);
  if (!load_requirements (db, reqs, error))
    return FALSE;
  base = reqs->len;
  if (base == 0)
    {
      g_set_error_literal (error, KK_DATABASE_ERROR, KK_DATABASE_ERROR_INVALID,
                           _("The database holds no catalogue to base demo data on"));
      return FALSE;
    }
  catalog_version = 0;
  stmt = kk_database_prepare (db, "SELECT max(id) FROM catalog_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    catalog_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Catalogue variations: the bundled requirements reworded per area, with
   * three-digit numbers from 100 so they never collide with real codes. */
  for (guint i = 0; i < base; i++)
    {
      Req *r = &g_array_index (reqs, Req, i);
      g_hash_table_insert (per_area, g_strdup (r->area), GUINT_TO_POINTER (100));
    }
  for (guint i = base; i < opt->requirements; i++)
    {
      Req *src = &g_array_index (reqs, Req, i % base);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_area, src->area));
      g_autofree char *code = NULL, *title_sv = NULL, *title_en = NULL;

      if (n > 999)
        continue; /* area full; others still have room */
      g_hash_table_insert (per_area, g_strdup (src->area), GUINT_TO_POINTER (n + 1));
      code = g_strdup_printf ("%s-%u", src->area, n);
      title_sv = g_strdup_printf ("%s (variant %u)", src->title_sv, n - 99);
      title_en = g_strdup_printf ("%s (variant %u)", src->title_en, n - 99);
      stmt = kk_database_prepare (db,
        "INSERT INTO requirement (catalog_version, code, perspective, area, title_sv, title_en, text_sv, text_en, "
        "obligation, kind, level, verification_sv, verification_en, motive_sv, motive_en, source_ref) "
        "SELECT catalog_version, ?, perspective, area, ?, ?, text_sv, text_en, obligation, kind, level, "
        "verification_sv, verification_en, motive_sv, motive_en, 'Demodata' FROM requirement WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, title_sv, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, title_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, src->id);
      if (!step (db, stmt, error))
        return FALSE;
      result->requirements++;
    }
  if (!load_requirements (db, reqs, error))
    return FALSE;
  result->requirements = reqs->len;

  for (guint i = 0; i < opt->suppliers; i++)
    {
      char org[12];
      g_autofree char *name = NULL;

      make_org_number (i * 4099 + 17, org);
      {
        const char *place = name_place[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_place))];

        name = g_strdup_printf ("%s %s%s%s %s", name_first[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_first))],
                                name_second[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_second))],
                                *place ? " " : "", place,
                                name_form[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_form))]);
      }
      stmt = kk_database_prepare (db,
        "INSERT OR IGNORE INTO supplier (name, org_number, country, contact, note, created) "
        "VALUES (?, ?, 'SE', '', 'Demodata', ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, org, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!step (db, stmt, error))
        return FALSE;
      if (kk_database_changes (db) == 1)
        {
          gint64 id = kk_database_last_insert_id (db);
          g_array_append_val (supplier_ids, id);
        }
    }
  result->suppliers = supplier_ids->len;

  for (guint p = 0; p < opt->procurements; p++)
    {
      const char *status = statuses[p % G_N_ELEMENTS (statuses)];
      gboolean draft = g_str_equal (status, "draft");
      g_autofree char *title = NULL, *dnr = NULL, *deadline = NULL;
      g_autoptr(GArray) pr_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 proc_id;
      guint first = g_rand_int_range (rand, 0, reqs->len);

      title = g_strdup_printf ("%s, %s %u", subjects[p % G_N_ELEMENTS (subjects)],
                               units[p % G_N_ELEMENTS (units)], p + 1);
      dnr = g_strdup_printf ("KS %u/%04u", 2024 + p % 3, p + 1);
      deadline = g_strdup_printf ("%04u-%02u-%02u", 2025 + p % 3, 1 + p % 12, 1 + p % 28);
      stmt = kk_database_prepare (db,
        "INSERT INTO procurement (title, dnr, unit, category, status, deadline, created, published_at, catalog_version, note) "
        "VALUES (?, ?, ?, (SELECT key FROM category ORDER BY id LIMIT 1 OFFSET ?), ?, ?, ?, ?, ?, 'Demodata')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, dnr, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, units[p % G_N_ELEMENTS (units)], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, p % 10);
      sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, deadline, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
      if (!draft)
        {
          sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 9, catalog_version);
        }
      if (!step (db, stmt, error))
        return FALSE;
      proc_id = kk_database_last_insert_id (db);
      result->procurements++;

      for (guint k = 0; k < MIN (rpp, reqs->len); k++)
        {
          Req *r = &g_array_index (reqs, Req, (first + k * 7) % reqs->len);
          gint64 pr_id;

          stmt = kk_database_prepare (db,
            "INSERT OR IGNORE INTO procurement_requirement (procurement, requirement, code, revision, area, title_sv, title_en, "
            "text_sv, text_en, verification_sv, verification_en, obligation, kind, level, position) "
            "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, proc_id);
          sqlite3_bind_int64 (stmt, 2, r->id);
          sqlite3_bind_text (stmt, 3, r->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, r->area, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, r->title_sv, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, r->title_en, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, r->text_sv, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, r->text_en, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 9, r->ver_sv, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 10, r->ver_en, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 11, r->obligation, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 12, r->kind, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 13, r->level, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 14, k);
          if (!step (db, stmt, error))
            return FALSE;
          if (kk_database_changes (db) == 1)
            {
              pr_id = kk_database_last_insert_id (db);
              g_array_append_val (pr_ids, pr_id);
            }
        }

      if (draft || supplier_ids->len == 0)
        continue;

      for (guint s = 0; s < MIN (spp, supplier_ids->len); s++)
        {
          gint64 supplier = g_array_index (supplier_ids, gint64, (p * 13 + s * 101) % supplier_ids->len);
          gint64 assessment;

          stmt = kk_database_prepare (db,
            "INSERT OR IGNORE INTO assessment (procurement, supplier, assessor) VALUES (?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, proc_id);
          sqlite3_bind_int64 (stmt, 2, supplier);
          sqlite3_bind_text (stmt, 3, kk_database_get_actor (db), -1, SQLITE_TRANSIENT);
          if (!step (db, stmt, error))
            return FALSE;
          if (kk_database_changes (db) != 1)
            continue;
          assessment = kk_database_last_insert_id (db);

          for (guint k = 0; k < pr_ids->len; k++)
            {
              const char *st = answer_statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (answer_statuses))];
              gboolean answered = !g_str_equal (st, "unanswered");

              stmt = kk_database_prepare (db,
                "INSERT INTO answer (assessment, procurement_requirement, status, comment, evidence, valid_until, checked_by, checked_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, assessment);
              sqlite3_bind_int64 (stmt, 2, g_array_index (pr_ids, gint64, k));
              sqlite3_bind_text (stmt, 3, st, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 4, answered ? "Kontrollerat mot anbudet" : "", -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 5, answered ? "Intyg bifogat anbudet" : "", -1, SQLITE_STATIC);
              if (answered && k % 5 == 0)
                sqlite3_bind_text (stmt, 6, "2027-06-30", -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 7, answered ? kk_database_get_actor (db) : "", -1, SQLITE_TRANSIENT);
              if (answered)
                sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
              if (!step (db, stmt, error))
                return FALSE;
              result->answers++;
            }
        }
    }

  {
    g_autofree char *detail = g_strdup_printf ("{\"requirements\":%u,\"suppliers\":%u,\"procurements\":%u,\"answers\":%u}",
                                               result->requirements, result->suppliers,
                                               result->procurements, result->answers);
    return kk_database_audit (db, "demo.generate", "database", 0, 0, detail, error);
  }
}

gboolean
kk_demo_generate (KkDatabase          *db,
                  const KkDemoOptions *options,
                  KkDemoResult        *result,
                  GError             **error)
{
  KkDemoResult local = { 0 };

  if (!kk_catalog_ensure_bundled (db, error) || !kk_database_begin (db, error))
    return FALSE;
  if (!generate (db, options, &local, error))
    {
      kk_database_rollback (db);
      return FALSE;
    }
  if (!kk_database_commit (db, error))
    return FALSE;
  if (result)
    *result = local;
  return TRUE;
}
