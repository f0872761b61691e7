// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Plain value objects read from the store. They are GObjects so they can sit
 * in GListModels; their fields are filled by the store and read-only after. */

#include <glib-object.h>

G_BEGIN_DECLS

#define KK_TYPE_REQUIREMENT (kk_requirement_get_type ())
G_DECLARE_FINAL_TYPE (KkRequirement, kk_requirement, KK, REQUIREMENT, GObject)

struct _KkRequirement
{
  GObject parent_instance;

  gint64  id;
  gint64  catalog_version;
  int     revision;
  gboolean retired;
  char   *code;
  char   *perspective;     /* individual | operations | supplier */
  char   *area;            /* area code, e.g. LEV-IS */
  char   *title_sv, *title_en;
  char   *text_sv, *text_en;
  char   *motive_sv, *motive_en;
  char   *verification_sv, *verification_en;
  char   *obligation;      /* shall | should */
  char   *kind;            /* qualification | technical | contract_clause | award_criterion */
  char   *level;           /* basic | advanced | leading */
  char   *source_ref;
  GStrv   categories;      /* category keys */
};

KkRequirement *kk_requirement_new (void);
/* Language-selected fields: @lang is "sv" or "en". */
const char    *kk_requirement_get_title        (KkRequirement *self, const char *lang);
const char    *kk_requirement_get_text         (KkRequirement *self, const char *lang);
const char    *kk_requirement_get_motive       (KkRequirement *self, const char *lang);
const char    *kk_requirement_get_verification (KkRequirement *self, const char *lang);

#define KK_TYPE_SUPPLIER (kk_supplier_get_type ())
G_DECLARE_FINAL_TYPE (KkSupplier, kk_supplier, KK, SUPPLIER, GObject)

struct _KkSupplier
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *org_number;      /* normalised NNNNNN-NNNN */
  char   *country;
  char   *contact;
  char   *note;
  char   *created;
  guint   n_procurements;
};

KkSupplier *kk_supplier_new (void);

#define KK_TYPE_PROCUREMENT (kk_procurement_get_type ())
G_DECLARE_FINAL_TYPE (KkProcurement, kk_procurement, KK, PROCUREMENT, GObject)

struct _KkProcurement
{
  GObject parent_instance;

  gint64  id;
  char   *title;
  char   *dnr;
  char   *unit;
  char   *category;        /* category key or NULL */
  char   *status;          /* draft | published | evaluating | decided */
  char   *deadline;        /* YYYY-MM-DD or NULL */
  char   *created;
  char   *published_at;
  char   *catalog_version; /* "name version" of the catalogue it was published with, or NULL */
  char   *note;
  guint   n_requirements;
  guint   n_suppliers;
};

KkProcurement *kk_procurement_new (void);

/* One requirement as a procurement uses it (the frozen copy), together with
 * one supplier's answer to it when read through a checklist. */
#define KK_TYPE_CHECKLIST_ITEM (kk_checklist_item_get_type ())
G_DECLARE_FINAL_TYPE (KkChecklistItem, kk_checklist_item, KK, CHECKLIST_ITEM, GObject)

struct _KkChecklistItem
{
  GObject parent_instance;

  gint64  procurement_requirement;   /* id of the frozen copy */
  gint64  requirement;               /* catalogue row (exact revision) */
  int     position;
  int     revision;
  gboolean newer_revision;           /* the catalogue has a newer wording */
  char   *code;
  char   *area;
  char   *title_sv, *title_en;
  char   *text_sv, *text_en;
  char   *verification_sv, *verification_en;
  char   *obligation;                /* as the procurement uses it (may be overridden) */
  char   *kind;
  char   *level;

  /* Answer (NULL/unanswered when read without a supplier). */
  char   *status;                    /* unanswered | met | partly_met | not_met | not_applicable */
  char   *comment;
  char   *evidence;
  char   *valid_until;
  char   *checked_by;
  char   *checked_at;
};

KkChecklistItem *kk_checklist_item_new (void);
const char *kk_checklist_item_get_title        (KkChecklistItem *self, const char *lang);
const char *kk_checklist_item_get_text         (KkChecklistItem *self, const char *lang);
const char *kk_checklist_item_get_verification (KkChecklistItem *self, const char *lang);

/* Enumerations as stored, and their translated labels. */
gboolean    kk_is_perspective      (const char *s);
gboolean    kk_is_obligation       (const char *s);
gboolean    kk_is_kind             (const char *s);
gboolean    kk_is_level            (const char *s);
gboolean    kk_is_answer_status    (const char *s);
gboolean    kk_is_procurement_status (const char *s);

const char *kk_perspective_label   (const char *perspective);
const char *kk_obligation_label    (const char *obligation);   /* SKA / BÖR in Swedish UI; "Shall"/"Should" */
const char *kk_obligation_label_for_lang (const char *obligation, const char *lang); /* for documents */
const char *kk_kind_label          (const char *kind);
const char *kk_level_label         (const char *level);
const char *kk_answer_status_label (const char *status);
const char *kk_answer_status_label_for_lang (const char *status, const char *lang);
const char *kk_procurement_status_label (const char *status);

G_END_DECLS
