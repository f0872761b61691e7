// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Helpers shared by the procurement views: toasts that find their overlay,
 * the language settings, and exports that ask for a file name and then
 * write the file in a worker thread with a database connection of its own. */

#include <adwaita.h>

#include "kk-database.h"

G_BEGIN_DECLS

typedef enum {
  KK_GUI_EXPORT_APPENDIX_PDF,      /* kk_export_appendix_pdf, document language */
  KK_GUI_EXPORT_REQUIREMENT_LIST,  /* kk_export_requirement_list_xlsx */
  KK_GUI_EXPORT_MATRIX,            /* kk_export_matrix_xlsx_for_lang, document language */
  KK_GUI_EXPORT_CHECKLIST,         /* kk_export_checklist_xlsx, document language */
} KkGuiExportKind;

/* The window @widget sits in, or NULL. */
GtkWindow  *kk_gui_util_parent_window     (GtkWidget   *widget);

/* Shows @toast (taking ownership) in the KkWindow of @widget, or else in
 * the nearest AdwToastOverlay above it; drops it when there is none. */
void        kk_gui_util_add_toast         (GtkWidget   *widget,
                                           AdwToast    *toast);
/* Tells the KkWindow of @widget (if any) that data of kind @what changed. */
void        kk_gui_util_data_changed      (GtkWidget   *widget,
                                           const char  *what);

/* GSettings "content-language" / "document-language": "sv" or "en". */
char       *kk_gui_util_dup_content_language  (void);
char       *kk_gui_util_dup_document_language (void);

/* "sv" when the first language of g_get_language_names () is Swedish, else
 * "en": the language of the user interface, for texts that exist in both. */
const char *kk_gui_util_ui_language       (void);

/* Loads the views' style sheet for the default display, once. */
void        kk_gui_util_ensure_css        (void);

/* Gives @widget @wanted (nullable: none) of the NULL-terminated @classes
 * and no other of them. Classes it already has stay: each change of a
 * class restyles the widget and everything in it. */
void        kk_gui_util_set_one_css_class (GtkWidget          *widget,
                                           const char * const *classes,
                                           const char         *wanted);

/* A SHALL/SHOULD badge for list rows (a KkCellText: measured without
 * laying out text), and what it shows: @obligation "shall" or "should",
 * or NULL for nothing (a blank row: the badge is kept, unseen). */
GtkWidget  *kk_gui_util_obligation_badge_new (void);
void        kk_gui_util_set_obligation_badge (GtkWidget   *badge,
                                              const char  *obligation);
/* Sets a label's text and CSS class for a procurement status badge. */
void        kk_gui_util_set_status_badge  (GtkLabel    *label,
                                           const char  *status);
/* Same for an answer status: an icon name, a CSS class and the label. */
const char *kk_gui_util_answer_icon       (const char  *status);
const char *kk_gui_util_answer_css_class  (const char  *status);

/* Formats an ISO 8601 UTC time as local time following the locale
 * ("%x %X"); returns a copy of @iso when it cannot be parsed. */
char       *kk_gui_util_format_time       (const char  *iso);

/* Case- and diacritic-insensitive "does @haystack contain @needle", with
 * @needle already folded by kk_gui_util_fold (). */
char       *kk_gui_util_fold              (const char  *text);
gboolean    kk_gui_util_matches           (const char  *haystack,
                                           const char  *folded_needle);

/* Gives @button the menu @model when it first opens: a popover menu is
 * some forty widgets to make, style and lay out, most often for nothing. */
void        kk_gui_util_set_menu_later    (GtkMenuButton *button,
                                           GMenuModel    *model);

/* Work put off until @widget's window has drawn its next frame, to run
 * then in a main-loop iteration of its own: the frame being drawn is not
 * made longer by it, and the one after shows it. @func runs once, with
 * @widget, unless cancelled first; *@slot holds the pending call while it
 * waits and is NULL again when it runs or is cancelled. A new call
 * replaces the one pending in @slot. */
typedef struct _KkAfterFrame KkAfterFrame;

void        kk_gui_util_after_frame       (KkAfterFrame **slot,
                                           GtkWidget     *widget,
                                           void         (*func) (GtkWidget *widget));
void        kk_gui_util_cancel_after_frame (KkAfterFrame **slot);

/* The GtkListView inside @column_view (GTK 4.8 has no API to move the
 * keyboard focus to a row). */
GtkWidget  *kk_gui_util_list_view_of      (GtkWidget   *column_view);
/* Shows @stack's page @name, an empty AdwBin in its template, which gets
 * an AdwStatusPage (@icon_name, @title, @description; "compact" when
 * @compact) the first time: an empty state is some fifteen widgets, made
 * and styled with their page for nothing most of the time. Returns the
 * status page (without a child when just made). */
AdwStatusPage *kk_gui_util_show_status_page (GtkStack   *stack,
                                             const char *name,
                                             const char *icon_name,
                                             const char *title,
                                             const char *description,
                                             gboolean    compact);
/* Gives @page, when it has no child yet, a centred pill button labelled
 * @mnemonic_label that activates @action_name: an empty state's way out. */
void           kk_gui_util_status_page_add_button (AdwStatusPage *page,
                                                   const char    *mnemonic_label,
                                                   const char    *action_name);
/* Fixes each column of @column_view that has no fixed width at the width
 * its title and the cells of the rows it now has ask for, once they are
 * drawn; again when the font changes. GTK 4.8 measures every cell of a
 * column again whenever a row is added: with up to 200 rows kept, each
 * batch of a paced fill then costs as much as the rows already there.
 * Cells must ask for the same width on every row (hide one's content
 * without hiding the widget). */
void        kk_gui_util_fix_column_widths (GtkColumnView *column_view);
/* Runs the list's own binding for @keyval without modifiers (Up, Down…),
 * which moves focus and selection together. FALSE when there is none. */
gboolean    kk_gui_util_list_run_key      (GtkWidget   *list_view,
                                           guint        keyval);

/* Asks for a file name (GtkFileChooserNative), then writes the document in
 * a GTask thread and shows "Saved NAME" with an "Open" button. */
void        kk_gui_util_export            (GtkWidget       *widget,
                                           KkDatabase      *db,
                                           KkGuiExportKind  kind,
                                           gint64           procurement_id,
                                           gint64           supplier_id,
                                           const char      *suggested_name);
/* The same without the file chooser, for tests: @callback (nullable) runs
 * in the main thread when the file is written or refused. */
void        kk_gui_util_export_to_path    (GtkWidget          *widget,
                                           KkDatabase         *db,
                                           KkGuiExportKind     kind,
                                           gint64              procurement_id,
                                           gint64              supplier_id,
                                           const char         *path,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    kk_gui_util_export_finish     (GAsyncResult    *result,
                                           GError         **error);

/* The suggested file name of an export, in the document language
 * ("KS-2026-0042 Kravbilaga.pdf"); @supplier names a checklist's supplier. */
/* A toast "Saved NAME" with an Open button. */
void        kk_gui_util_show_saved_toast  (GtkWidget       *widget,
                                           const char      *path);
char       *kk_gui_util_export_file_name  (KkGuiExportKind  kind,
                                           const char      *dnr,
                                           const char      *supplier);

/* A file name made of @parts that is safe on every platform
 * ("KS-2026-0042 Kravbilaga.pdf"). */
char       *kk_gui_util_file_name         (const char  *dnr,
                                           const char  *what,
                                           const char  *suffix);

/* A row for a boxed list: a title and a subtitle (nullable) on one line
 * each, ellipsized, with widgets before and after them; it looks like an
 * AdwActionRow. An AdwActionRow is some twenty widgets whose wrapping labels
 * GTK 4.8 lays out dozens of times each when a page is first shown (the
 * suppliers page laid out 583 texts in its first frame). The row's
 * accessible label and description are the title and subtitle. */
GtkWidget  *kk_gui_util_row_new           (const char  *title,
                                           const char  *subtitle);
void        kk_gui_util_row_add_prefix    (GtkWidget   *row,
                                           GtkWidget   *widget);
void        kk_gui_util_row_add_suffix    (GtkWidget   *row,
                                           GtkWidget   *widget);

/* The size of that spinner (its icon is loaded ahead at start-up, see
 * kk-application.c). */
#define KK_GUI_SPINNER_SIZE 32
/* A spinner over @text (dim), centred: what a page shows while it reads. */
GtkWidget  *kk_gui_util_loading_view_new  (const char  *text);

/* Forms */
/* NULL, empty or only white space. */
gboolean    kk_gui_util_is_blank          (const char  *text);
/* The whole text of @view. */
char       *kk_gui_util_dup_text          (GtkTextView *view);
/* A dialog's message when saving was refused because another program
 * changed the record (KK_DATABASE_ERROR_CONFLICT): what the error says
 * and what the officer can do. */
char       *kk_gui_util_conflict_message  (const GError *error);

G_END_DECLS
