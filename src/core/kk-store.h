// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Suppliers, procurements, checklists and the audit trail. Every function
 * that changes data runs in one transaction and writes its audit rows in it;
 * a refused call changes nothing. */

#include "kk-database.h"
#include "kk-types.h"

G_BEGIN_DECLS

/* Limits on text a user or a file supplies. */
#define KK_MAX_NAME_LENGTH     200
#define KK_MAX_TEXT_LENGTH     4000

/* Checks length, UTF-8 and control characters; @field names the field in
 * the message ("name", "comment"…). Returns a newly allocated, trimmed copy. */
char *kk_store_clean_text (const char  *value,
                           const char  *field,
                           gsize        max_chars,
                           gboolean     multiline,
                           GError     **error);

/* Suppliers */
KkSupplier *kk_store_add_supplier      (KkDatabase  *db,
                                        const char  *name,
                                        const char  *org_number,
                                        const char  *country,   /* nullable: "SE" */
                                        const char  *contact,   /* nullable */
                                        const char  *note,      /* nullable */
                                        GError     **error);
/* @expected, nullable: the supplier as the caller read it; if it has
 * changed since, nothing is written and the error is
 * KK_DATABASE_ERROR_CONFLICT, naming who changed it and when. */
gboolean    kk_store_update_supplier   (KkDatabase        *db,
                                        gint64             supplier_id,
                                        const char        *name,
                                        const char        *country,
                                        const char        *contact,
                                        const char        *note,
                                        const KkSupplier  *expected,
                                        GError           **error);
gboolean    kk_store_delete_supplier   (KkDatabase  *db,
                                        gint64       supplier_id,
                                        GError     **error);
GPtrArray  *kk_store_list_suppliers    (KkDatabase  *db,
                                        const char  *search,    /* nullable: name or org number */
                                        GError     **error);   /* KkSupplier */
/* @ref: a numeric id or an organisation number in any accepted form. */
KkSupplier *kk_store_find_supplier     (KkDatabase  *db,
                                        const char  *ref,
                                        GError     **error);

/* Procurements */
typedef struct {
  const char *title;
  const char *dnr;
  const char *unit;       /* nullable */
  const char *category;   /* category key, nullable */
  const char *deadline;   /* YYYY-MM-DD, nullable */
  const char *note;       /* nullable */
  /* Nullable, for an update: the procurement as the caller read it; if
   * its details have changed since, nothing is written and the error is
   * KK_DATABASE_ERROR_CONFLICT. */
  const KkProcurement *expected;
} KkProcurementInput;

KkProcurement *kk_store_create_procurement (KkDatabase               *db,
                                            const KkProcurementInput *input,
                                            GError                  **error);
gboolean       kk_store_update_procurement (KkDatabase               *db,
                                            gint64                    procurement_id,
                                            const KkProcurementInput *input,
                                            GError                  **error);
GPtrArray     *kk_store_list_procurements  (KkDatabase  *db,
                                            const char  *status,   /* nullable */
                                            GError     **error);  /* KkProcurement */
/* @ref: a numeric id or a dnr. */
KkProcurement *kk_store_find_procurement   (KkDatabase  *db,
                                            const char  *ref,
                                            GError     **error);
KkProcurement *kk_store_get_procurement    (KkDatabase  *db,
                                            gint64       procurement_id,
                                            GError     **error);
/* Counts per status for draft, published, evaluating, decided (in that order). */
gboolean       kk_store_count_procurements (KkDatabase  *db,
                                            guint        counts[4],
                                            GError     **error);

/* Requirement selection; only while the procurement is a draft. */
GStrv     kk_store_suggested_codes              (KkDatabase  *db,
                                                 const char  *category,
                                                 GError     **error);
gboolean  kk_store_procurement_add_requirements (KkDatabase         *db,
                                                 gint64              procurement_id,
                                                 const char * const *codes,
                                                 GError            **error);
gboolean  kk_store_procurement_remove_requirements (KkDatabase         *db,
                                                    gint64              procurement_id,
                                                    const char * const *codes,
                                                    GError            **error);
gboolean  kk_store_procurement_move_requirement (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 const char  *code,
                                                 int          new_position,  /* 0-based */
                                                 GError     **error);
gboolean  kk_store_procurement_set_obligation   (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 const char  *code,
                                                 const char  *obligation,
                                                 GError     **error);
/* draft → published → evaluating → decided. Publishing freezes the wording. */
gboolean  kk_store_procurement_set_status       (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 const char  *status,
                                                 GError     **error);
/* The procurement's requirements in order, without answers. KkChecklistItem. */
GPtrArray *kk_store_procurement_requirements    (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 GError     **error);

/* Suppliers in a procurement */
gboolean   kk_store_procurement_add_supplier    (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 gint64       supplier_id,
                                                 GError     **error);
gboolean   kk_store_procurement_remove_supplier (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 gint64       supplier_id,
                                                 GError     **error);
GPtrArray *kk_store_procurement_suppliers       (KkDatabase  *db,
                                                 gint64       procurement_id,
                                                 GError     **error);  /* KkSupplier */
/* Procurements a supplier takes part in. KkProcurement. */
GPtrArray *kk_store_supplier_procurements       (KkDatabase  *db,
                                                 gint64       supplier_id,
                                                 GError     **error);

/* Checklists */
/* A change to one answer. A NULL field keeps what the answer says when the
 * change is written (read in the same transaction, so a change made by
 * another process meanwhile is not undone); "" clears a text or date. */
typedef struct {
  const char *status;        /* one of the answer statuses; NULL keeps it */
  const char *comment;
  const char *evidence;
  const char *valid_until;   /* YYYY-MM-DD */
  /* Nullable: the answer as the writer last read it. If any field this
   * change sets has changed since, nothing is written and the error is
   * KK_DATABASE_ERROR_CONFLICT, naming who changed it and when. */
  const KkChecklistItem *expected;
} KkAnswerInput;

typedef struct {
  guint total;
  guint answered;            /* status other than unanswered */
  guint shall_total;
  guint shall_met;           /* met or not_applicable */
  guint shall_not_met;       /* not_met or partly_met */
  guint shall_unanswered;
  GPtrArray *shortcomings;   /* codes of SHALL requirements not met, char * */
} KkChecklistSummary;

void kk_checklist_summary_clear (KkChecklistSummary *summary);
/* The summary of checklist items already read (KkChecklistItem, in
 * order), as kk_store_checklist_summary () gives it. */
void kk_checklist_summary_of_items (GPtrArray          *items,
                                    KkChecklistSummary *summary);

/* One KkChecklistItem per procurement requirement, with this supplier's answers. */
GPtrArray *kk_store_checklist          (KkDatabase  *db,
                                        gint64       procurement_id,
                                        gint64       supplier_id,
                                        GError     **error);
/* Sets one answer. @previous (nullable) receives the item as it was, for undo. */
gboolean   kk_store_set_answer         (KkDatabase           *db,
                                        gint64                procurement_id,
                                        gint64                supplier_id,
                                        const char           *code,
                                        const KkAnswerInput  *input,
                                        KkChecklistItem     **previous,
                                        GError              **error);
gboolean   kk_store_checklist_summary  (KkDatabase          *db,
                                        gint64               procurement_id,
                                        gint64               supplier_id,
                                        KkChecklistSummary  *summary,
                                        GError             **error);

/* Audit trail */
typedef struct {
  gint64 id;
  char  *at;
  char  *actor;
  char  *action;
  char  *entity;
  gint64 entity_id;
  gint64 procurement;
  char  *detail;             /* JSON object with the old and new values */
} KkAuditEntry;

void kk_audit_entry_free (KkAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KkAuditEntry, kk_audit_entry_free)

GPtrArray *kk_store_list_audit (KkDatabase  *db,
                                gint64       procurement_id,  /* 0 = all */
                                GError     **error);         /* KkAuditEntry, oldest first */

G_END_DECLS
