// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "kk-types"

#include <glib/gi18n-lib.h>

#include "kk-types.h"

G_DEFINE_FINAL_TYPE (KkRequirement, kk_requirement, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KkSupplier, kk_supplier, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KkProcurement, kk_procurement, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (KkChecklistItem, kk_checklist_item, G_TYPE_OBJECT)

static gboolean
is_english (const char *lang)
{
  return lang != NULL && g_str_has_prefix (lang, "en");
}

#define PICK(self, field, lang) (is_english (lang) ? (self)->field##_en : (self)->field##_sv)

static void
kk_requirement_finalize (GObject *object)
{
  KkRequirement *self = KK_REQUIREMENT (object);

  g_free (self->code);
  g_free (self->perspective);
  g_free (self->area);
  g_free (self->title_sv);
  g_free (self->title_en);
  g_free (self->text_sv);
  g_free (self->text_en);
  g_free (self->motive_sv);
  g_free (self->motive_en);
  g_free (self->verification_sv);
  g_free (self->verification_en);
  g_free (self->obligation);
  g_free (self->kind);
  g_free (self->level);
  g_free (self->source_ref);
  g_strfreev (self->categories);
  G_OBJECT_CLASS (kk_requirement_parent_class)->finalize (object);
}

static void
kk_requirement_class_init (KkRequirementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_requirement_finalize;
}

static void
kk_requirement_init (KkRequirement *self)
{
}

KkRequirement *
kk_requirement_new (void)
{
  return g_object_new (KK_TYPE_REQUIREMENT, NULL);
}

const char *
kk_requirement_get_title (KkRequirement *self, const char *lang)
{
  return PICK (self, title, lang);
}

const char *
kk_requirement_get_text (KkRequirement *self, const char *lang)
{
  return PICK (self, text, lang);
}

const char *
kk_requirement_get_motive (KkRequirement *self, const char *lang)
{
  return PICK (self, motive, lang);
}

const char *
kk_requirement_get_verification (KkRequirement *self, const char *lang)
{
  return PICK (self, verification, lang);
}

static void
kk_supplier_finalize (GObject *object)
{
  KkSupplier *self = KK_SUPPLIER (object);

  g_free (self->name);
  g_free (self->org_number);
  g_free (self->country);
  g_free (self->contact);
  g_free (self->note);
  g_free (self->created);
  G_OBJECT_CLASS (kk_supplier_parent_class)->finalize (object);
}

static void
kk_supplier_class_init (KkSupplierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_supplier_finalize;
}

static void
kk_supplier_init (KkSupplier *self)
{
}

KkSupplier *
kk_supplier_new (void)
{
  return g_object_new (KK_TYPE_SUPPLIER, NULL);
}

static void
kk_procurement_finalize (GObject *object)
{
  KkProcurement *self = KK_PROCUREMENT (object);

  g_free (self->title);
  g_free (self->dnr);
  g_free (self->unit);
  g_free (self->category);
  g_free (self->status);
  g_free (self->deadline);
  g_free (self->created);
  g_free (self->published_at);
  g_free (self->catalog_version);
  g_free (self->note);
  G_OBJECT_CLASS (kk_procurement_parent_class)->finalize (object);
}

static void
kk_procurement_class_init (KkProcurementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_procurement_finalize;
}

static void
kk_procurement_init (KkProcurement *self)
{
}

KkProcurement *
kk_procurement_new (void)
{
  return g_object_new (KK_TYPE_PROCUREMENT, NULL);
}

static void
kk_checklist_item_finalize (GObject *object)
{
  KkChecklistItem *self = KK_CHECKLIST_ITEM (object);

  g_free (self->code);
  g_free (self->area);
  g_free (self->title_sv);
  g_free (self->title_en);
  g_free (self->text_sv);
  g_free (self->text_en);
  g_free (self->verification_sv);
  g_free (self->verification_en);
  g_free (self->obligation);
  g_free (self->kind);
  g_free (self->level);
  g_free (self->status);
  g_free (self->comment);
  g_free (self->evidence);
  g_free (self->valid_until);
  g_free (self->checked_by);
  g_free (self->checked_at);
  G_OBJECT_CLASS (kk_checklist_item_parent_class)->finalize (object);
}

static void
kk_checklist_item_class_init (KkChecklistItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kk_checklist_item_finalize;
}

static void
kk_checklist_item_init (KkChecklistItem *self)
{
}

KkChecklistItem *
kk_checklist_item_new (void)
{
  return g_object_new (KK_TYPE_CHECKLIST_ITEM, NULL);
}

const char *
kk_checklist_item_get_title (KkChecklistItem *self, const char *lang)
{
  return PICK (self, title, lang);
}

const char *
kk_checklist_item_get_text (KkChecklistItem *self, const char *lang)
{
  return PICK (self, text, lang);
}

const char *
kk_checklist_item_get_verification (KkChecklistItem *self, const char *lang)
{
  return PICK (self, verification, lang);
}

static gboolean
one_of (const char *s, const char * const *set)
{
  return s != NULL && g_strv_contains (set, s);
}

static const char * const perspectives[] = { "supplier", "operations", "individual", NULL };
static const char * const obligations[] = { "shall", "should", NULL };
static const char * const kinds[] = { "qualification", "technical", "contract_clause", "award_criterion", NULL };
static const char * const levels[] = { "basic", "advanced", "leading", NULL };
static const char * const answer_statuses[] = { "unanswered", "met", "partly_met", "not_met", "not_applicable", NULL };
static const char * const procurement_statuses[] = { "draft", "published", "evaluating", "decided", NULL };

gboolean kk_is_perspective (const char *s) { return one_of (s, perspectives); }
gboolean kk_is_obligation (const char *s) { return one_of (s, obligations); }
gboolean kk_is_kind (const char *s) { return one_of (s, kinds); }
gboolean kk_is_level (const char *s) { return one_of (s, levels); }
gboolean kk_is_answer_status (const char *s) { return one_of (s, answer_statuses); }
gboolean kk_is_procurement_status (const char *s) { return one_of (s, procurement_statuses); }

const char *
kk_perspective_label (const char *perspective)
{
  if (g_strcmp0 (perspective, "supplier") == 0)
    return _("Supplier");
  if (g_strcmp0 (perspective, "operations") == 0)
    return _("Operations");
  if (g_strcmp0 (perspective, "individual") == 0)
    return _("Individual");
  return perspective;
}

const char *
kk_obligation_label (const char *obligation)
{
  /* Translators: a mandatory requirement; Swedish procurement uses "SKA" */
  if (g_strcmp0 (obligation, "shall") == 0)
    return C_("obligation", "SHALL");
  /* Translators: a desired requirement; Swedish procurement uses "BÖR" */
  if (g_strcmp0 (obligation, "should") == 0)
    return C_("obligation", "SHOULD");
  return obligation;
}

const char *
kk_obligation_label_for_lang (const char *obligation, const char *lang)
{
  gboolean shall = g_strcmp0 (obligation, "shall") == 0;

  if (is_english (lang))
    return shall ? "SHALL" : "SHOULD";
  return shall ? "SKA" : "BÖR";
}

const char *
kk_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "qualification") == 0)
    return _("Qualification");
  if (g_strcmp0 (kind, "technical") == 0)
    return _("Technical");
  if (g_strcmp0 (kind, "contract_clause") == 0)
    return _("Contract clause");
  if (g_strcmp0 (kind, "award_criterion") == 0)
    return _("Award criterion");
  return kind;
}

const char *
kk_level_label (const char *level)
{
  if (g_strcmp0 (level, "basic") == 0)
    return _("Basic");
  if (g_strcmp0 (level, "advanced") == 0)
    return _("Advanced");
  if (g_strcmp0 (level, "leading") == 0)
    return _("Leading");
  return level;
}

const char *
kk_answer_status_label (const char *status)
{
  if (g_strcmp0 (status, "met") == 0)
    return _("Met");
  if (g_strcmp0 (status, "partly_met") == 0)
    return _("Partly met");
  if (g_strcmp0 (status, "not_met") == 0)
    return _("Not met");
  if (g_strcmp0 (status, "not_applicable") == 0)
    return _("Not applicable");
  return _("Unanswered");
}

/* The labels in the supplier's workbook: fixed per document language, not
 * the UI's, since the import matches them. */
const char *
kk_answer_status_label_for_lang (const char *status, const char *lang)
{
  static const struct { const char *status, *sv, *en; } labels[] = {
    { "met", "Uppfyllt", "Met" },
    { "partly_met", "Delvis uppfyllt", "Partly met" },
    { "not_met", "Ej uppfyllt", "Not met" },
    { "not_applicable", "Ej tillämpligt", "Not applicable" },
    { "unanswered", "Obesvarat", "Unanswered" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (status, labels[i].status) == 0)
      return is_english (lang) ? labels[i].en : labels[i].sv;
  return status;
}

const char *
kk_procurement_status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "published") == 0)
    return _("Published");
  if (g_strcmp0 (status, "evaluating") == 0)
    return _("Evaluating");
  if (g_strcmp0 (status, "decided") == 0)
    return _("Decided");
  return status;
}
