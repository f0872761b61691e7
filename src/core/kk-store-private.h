// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kk-store.h"

G_BEGIN_DECLS

/* A JSON object of key → string value (NULL gives null), for audit_log.detail. */
char *kk_store_audit_detail (const char *first_key, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
