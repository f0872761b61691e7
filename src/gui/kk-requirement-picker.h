// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Chooses requirements from the catalogue to add to a procurement: search
 * as you type, filters for perspective, area, kind and level, a check per
 * row. Requirements already in the procurement are shown checked and
 * cannot be unchecked. The choice is kept while the search and filters
 * change. "picker.add" emits ::requirements-chosen with the codes in
 * catalogue order and closes. */

#include <adwaita.h>

#include "kk-database.h"

G_BEGIN_DECLS

#define KK_TYPE_REQUIREMENT_PICKER (kk_requirement_picker_get_type ())
G_DECLARE_FINAL_TYPE (KkRequirementPicker, kk_requirement_picker, KK, REQUIREMENT_PICKER, AdwWindow)

/* @existing: codes already in the procurement (nullable). */
KkRequirementPicker *kk_requirement_picker_new          (GtkWindow           *parent,
                                                         KkDatabase          *db,
                                                         const char * const  *existing);

/* For tests. */
GtkEditable         *kk_requirement_picker_get_search_entry (KkRequirementPicker *self);
/* Rows shown; element type KkRequirement. */
GListModel          *kk_requirement_picker_get_model    (KkRequirementPicker *self);
/* FALSE when @code is unknown or already in the procurement. */
gboolean             kk_requirement_picker_set_chosen   (KkRequirementPicker *self,
                                                         const char          *code,
                                                         gboolean             chosen);
guint                kk_requirement_picker_get_n_chosen (KkRequirementPicker *self);
const char          *kk_requirement_picker_get_add_label (KkRequirementPicker *self);

G_END_DECLS
