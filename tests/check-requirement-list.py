#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a requirement list written by kk_export_requirement_list_xlsx,
independently of Kravkoll's own code.

usage: check-requirement-list.py FILE.xlsx N_ROWS [TEXT ...]

N_ROWS is the number of requirement rows expected; every TEXT must appear
verbatim as a string cell (never as a formula). Prints the codes of the rows,
one per line, so the caller can compare them with the database."""

import sys

import openpyxl
from openpyxl.utils import get_column_letter

HEADERS = [
    "Kravkod / Code", "Område / Area", "SKA/BÖR / SHALL/SHOULD", "Typ / Kind", "Nivå / Level",
    "Rubrik (sv)", "Title (en)", "Kravtext (sv)", "Requirement (en)",
    "Verifiering (sv)", "Verification (en)", "Motiv (sv)", "Motive (en)", "Källa / Source",
]
# Columns holding long text must be wide enough to read.
WIDE = {"Kravtext (sv)": 50, "Requirement (en)": 50, "Rubrik (sv)": 25, "Title (en)": 25}


def fail(message):
    print("check-requirement-list: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) < 3:
        fail("usage: check-requirement-list.py FILE.xlsx N_ROWS [TEXT ...]")
    path, n_rows, texts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != ["Kravlista"]:
        fail("sheets are %r, expected one sheet 'Kravlista'" % wb.sheetnames)
    ws = wb["Kravlista"]

    if wb.properties.creator != "Kravkoll":
        fail("creator is %r" % wb.properties.creator)
    if not (wb.properties.title or "").startswith("Kravlista – "):
        fail("title is %r" % wb.properties.title)

    header = [c.value for c in ws[1]]
    if header != HEADERS:
        fail("header is %r" % header)
    for cell in ws[1]:
        if not cell.font.b:
            fail("header cell %s is not bold" % cell.coordinate)
        if cell.fill is None or cell.fill.fill_type != "solid":
            fail("header cell %s has no fill" % cell.coordinate)

    if ws.freeze_panes != "A2":
        fail("freeze_panes is %r, expected A2" % ws.freeze_panes)
    last = get_column_letter(len(HEADERS))
    expected_filter = "A1:%s%d" % (last, n_rows + 1)
    if ws.auto_filter.ref != expected_filter:
        fail("auto_filter is %r, expected %s" % (ws.auto_filter.ref, expected_filter))

    for i, name in enumerate(HEADERS, start=1):
        width = ws.column_dimensions[get_column_letter(i)].width
        if width is None or width < 10:
            fail("column %s (%s) width %r is too narrow" % (get_column_letter(i), name, width))
        if name in WIDE and width < WIDE[name]:
            fail("column %s (%s) width %r < %d" % (get_column_letter(i), name, width, WIDE[name]))

    if ws.max_row != n_rows + 1:
        fail("%d rows, expected %d requirement rows + header" % (ws.max_row, n_rows))

    seen = set()
    codes = []
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row):
        code = row[0].value
        if not code:
            fail("row %d has no code" % row[0].row)
        codes.append(code)
        for cell in row:
            if cell.value is None:
                continue
            if cell.data_type != "s":
                fail("cell %s has type %r (value %r), expected a string"
                     % (cell.coordinate, cell.data_type, cell.value))
            if not cell.alignment.wrap_text:
                fail("cell %s does not wrap its text" % cell.coordinate)
            seen.add(cell.value)
        for col in (5, 6, 7, 8):  # titles and texts are never empty
            if not row[col].value:
                fail("cell %s is empty" % row[col].coordinate)

    for text in texts:
        if text not in seen:
            fail("no string cell holds %r" % text)

    print("\n".join(codes))


if __name__ == "__main__":
    main()
