// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Registers the GUI's GResource (ui/kravkoll.gresource.xml) once. Called by
 * the application and by every class that uses a template, so tests that
 * build a page on its own find its .ui file. */
void kk_gui_init (void);

G_END_DECLS
