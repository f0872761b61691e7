// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The audit trail of one procurement (or of everything, with id 0): when,
 * who, what and the old and new values, newest first, in words. */

#include <adwaita.h>

#include "kk-database.h"
#include "kk-store.h"

G_BEGIN_DECLS

#define KK_TYPE_AUDIT_VIEW (kk_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (KkAuditView, kk_audit_view, KK, AUDIT_VIEW, AdwWindow)

KkAuditView *kk_audit_view_new        (GtkWindow   *parent,
                                       KkDatabase  *db,
                                       gint64       procurement_id);

/* The translated label of an audit action ("answer.set" → "Answer set"). */
const char  *kk_audit_action_label    (const char  *action);
/* The detail JSON as lines "Status: Unanswered → Met". Newly allocated. */
char        *kk_audit_describe_detail (const KkAuditEntry *entry);

/* For tests: rows shown (after the search). */
guint        kk_audit_view_get_n_rows (KkAuditView *self);

G_END_DECLS
