#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Kravkoll's workbooks with openpyxl and compares them with the
database, read with Python's own sqlite3 module: an independent reader on
both sides.

  check-export.py checklist DB XLSX PROCUREMENT_ID SUPPLIER_ID LANG
  check-export.py matrix DB XLSX PROCUREMENT_ID LANG

Prints "ok N" (N = formula-like strings seen, all stored as strings) or,
for the matrix, one "summary ORG MET NOT_MET UNANSWERED yes|no" line per
supplier; exits 1 with the reasons on stderr when something is wrong.
"""

import re
import sqlite3
import sys

import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse


def read_string_table_raw(xml_source):
    """openpyxl 3.0 removes every "x005F_" from shared strings, a partial
    decoding that cannot be undone; keep them raw and decode them all the
    way Excel does (ooxml_decode), as inline strings are."""
    strings = []
    for _, node in iterparse(xml_source):
        if node.tag == '{%s}si' % SHEET_MAIN_NS:
            strings.append(Text.from_tree(node).content)
            node.clear()
    return strings


openpyxl.reader.excel.read_string_table = read_string_table_raw

LABELS = {
    'sv': {'met': 'Uppfyllt', 'partly_met': 'Delvis uppfyllt', 'not_met': 'Ej uppfyllt',
           'not_applicable': 'Ej tillämpligt'},
    'en': {'met': 'Met', 'partly_met': 'Partly met', 'not_met': 'Not met',
           'not_applicable': 'Not applicable'},
}
OBLIGATION = {'sv': {'shall': 'SKA', 'should': 'BÖR'}, 'en': {'shall': 'SHALL', 'should': 'SHOULD'}}
SHEETS = {'sv': ('Instruktioner', 'Checklista', 'Matris'), 'en': ('Instructions', 'Checklist', 'Matrix')}
SUMMARY = {
    'sv': ('SKA-krav uppfyllda', 'SKA-krav ej uppfyllda', 'SKA-krav obesvarade', 'Alla SKA-krav uppfyllda', 'Ja', 'Nej'),
    'en': ('SHALL requirements met', 'SHALL requirements not met', 'SHALL requirements unanswered',
           'All SHALL requirements met', 'Yes', 'No'),
}
DANGEROUS = ('=', '+', '-', '@', '\t', '\r')

failures = []


def fail(message):
    failures.append(message)


def expect(condition, message):
    if not condition:
        fail(message)


def ooxml_decode(value):
    """Excel reads _xHHHH_ in a string as the character U+HHHH (ECMA-376
    ST_Xstring), left to right, so "_x005F_x0041_" is "_x0041_"."""
    if not isinstance(value, str):
        return value
    return re.sub(r'_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), value)


def text(cell):
    return ooxml_decode(cell.value)


def or_none(s):
    return s if s else None


class Strings:
    """Every text cell must be a string cell (never a formula)."""

    def __init__(self):
        self.dangerous = 0

    def check(self, cell, where):
        if cell.value is None:
            return
        if cell.data_type == 'f' or (isinstance(cell.value, str) and cell.data_type != 's'):
            fail(f'{where}: cell type {cell.data_type!r} for {cell.value!r}')
        value = text(cell)
        if isinstance(value, str) and value.startswith(DANGEROUS):
            expect(cell.data_type == 's', f'{where}: formula-like text not stored as a string')
            self.dangerous += 1


def column_hidden(ws, index):
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= index <= dim.max and dim.hidden:
            return True
    return False


def procurement_rows(db, pid, supplier=None):
    return db.execute(
        'SELECT pr.id, pr.code, pr.revision, pr.area, pr.title_sv, pr.title_en, pr.text_sv, pr.text_en, '
        '       pr.verification_sv, pr.verification_en, pr.obligation, '
        '       coalesce(an.status, \'unanswered\'), coalesce(an.comment, \'\'), coalesce(an.evidence, \'\') '
        'FROM procurement_requirement pr '
        'LEFT JOIN assessment a ON a.procurement = pr.procurement AND a.supplier = ? '
        'LEFT JOIN answer an ON an.procurement_requirement = pr.id AND an.assessment = a.id '
        'WHERE pr.procurement = ? ORDER BY pr.position', (supplier or 0, pid)).fetchall()


def numbering(rows):
    """The appendix's numbers: areas in order of first appearance."""
    areas, counts, numbers = {}, {}, []
    for r in rows:
        area = r[3]
        if area not in areas:
            areas[area] = len(areas) + 1
        counts[area] = counts.get(area, 0) + 1
        numbers.append(f'{areas[area]}.{counts[area]}')
    return numbers


def pick(lang, sv, en):
    return en if lang == 'en' else sv


def check_checklist(db_path, path, pid, sid, lang):
    db = sqlite3.connect(db_path)
    p = db.execute('SELECT p.title, p.dnr, cv.name || \' \' || cv.version FROM procurement p '
                   'LEFT JOIN catalog_version cv ON cv.id = p.catalog_version WHERE p.id = ?', (pid,)).fetchone()
    s = db.execute('SELECT name, org_number FROM supplier WHERE id = ?', (sid,)).fetchone()
    rows = procurement_rows(db, pid, sid)
    area_names = {code: pick(lang, sv, en) for code, sv, en in db.execute('SELECT code, name_sv, name_en FROM area')}
    numbers = numbering(rows)
    labels = LABELS[lang]
    strings = Strings()

    wb = openpyxl.load_workbook(path)
    instructions_name, checklist_name, _ = SHEETS[lang]
    expect(wb.sheetnames == [instructions_name, checklist_name, 'kravkoll'], f'sheets {wb.sheetnames}')
    expect(wb.active.title == instructions_name, f'active sheet {wb.active.title}')

    # The metadata the import matches on
    meta = wb['kravkoll']
    expect(meta.sheet_state == 'hidden', f'metadata sheet is {meta.sheet_state}')
    kv = {}
    for row in meta.iter_rows():
        strings.check(row[0], 'kravkoll!A')
        strings.check(row[1], 'kravkoll!B')
        kv[text(row[0])] = text(row[1])
    wanted = {
        'format': 'kravkoll-checklist', 'format_version': 1, 'procurement_id': pid, 'dnr': p[1],
        'procurement_title': p[0], 'supplier_id': sid, 'supplier_name': s[0], 'org_number': s[1],
        'catalog_version': p[2] or '', 'lang': lang, 'n_requirements': len(rows),
        'sheet': checklist_name, 'header_row': 1, 'first_row': 2, 'nr_column': 'A', 'visible_code_column': 'B',
        'requirement_column': 'E', 'answer_column': 'G', 'comment_column': 'H',
        'evidence_column': 'I', 'id_column': 'J', 'code_column': 'K', 'revision_column': 'L',
    }
    for key, value in wanted.items():
        expect(kv.get(key) == value, f'kravkoll!{key} = {kv.get(key)!r}, expected {value!r}')
    expect(kv.get('exported_at') == '2026-03-14T09:30:00Z', f'exported_at {kv.get("exported_at")!r}')

    # Instructions name the supplier and the procurement, in both languages.
    ins = wb[instructions_name]
    values = [text(c) for row in ins.iter_rows() for c in row if c.value is not None]
    for row in ins.iter_rows():
        for c in row:
            strings.check(c, f'{instructions_name}!{c.coordinate}')
    for needed in (s[0], s[1], p[0], p[1], 'In English' if lang == 'sv' else 'På svenska',
                   labels['met'], labels['not_applicable']):
        expect(needed in values or any(needed in v for v in values if isinstance(v, str)),
               f'instructions lack {needed!r}')
    expect(ins.protection.sheet, 'instructions not protected')

    ws = wb[checklist_name]
    expect(ws.max_row == len(rows) + 1, f'{ws.max_row} rows for {len(rows)} requirements')
    expect(ws.freeze_panes == 'C2', f'freeze panes {ws.freeze_panes}')
    expect(ws.protection.sheet, 'checklist sheet not protected')
    expect(ws.protection.password is not None, 'no protection password')
    expect(ws.page_setup.orientation == 'landscape', 'not landscape')
    expect(ws.print_title_rows in ('1:1', '$1:$1'), f'print titles {ws.print_title_rows!r}')
    expect(ws.sheet_properties.pageSetUpPr.fitToPage, 'not fit to page')
    for index, letter in enumerate('ABCDEFGHIJKL', start=1):
        expect(column_hidden(ws, index) == (letter in 'JKL'), f'column {letter} hidden = {column_hidden(ws, index)}')

    heads = pick(lang, ['Nr', 'Kravkod', 'Område', 'SKA/BÖR', 'Krav', 'Verifiering', 'Svar', 'Kommentar', 'Underlag'],
                 ['No.', 'Code', 'Area', 'SHALL/SHOULD', 'Requirement', 'Verification', 'Answer', 'Comment', 'Evidence'])
    expect([ws.cell(1, c).value for c in range(1, 10)] == heads, f'header {[ws.cell(1, c).value for c in range(1, 10)]}')

    # Answer drop-down on exactly G2:G(n+1), the four labels, stop on anything else
    dvs = ws.data_validations.dataValidation
    expect(len(dvs) == 1, f'{len(dvs)} data validations')
    if dvs:
        dv = dvs[0]
        four = ','.join(labels[k] for k in ('met', 'partly_met', 'not_met', 'not_applicable'))
        expect(dv.type == 'list', f'validation type {dv.type}')
        expect(dv.formula1 == f'"{four}"', f'validation list {dv.formula1}')
        expect(str(dv.sqref) == f'G2:G{len(rows) + 1}', f'validation range {dv.sqref}')
        expect(dv.showErrorMessage, 'no error alert')
        expect(dv.errorStyle in (None, 'stop'), f'error style {dv.errorStyle}')

    for i, r in enumerate(rows):
        (pr_id, code, revision, area, title_sv, title_en, text_sv, text_en, ver_sv, ver_en, obligation,
         status, comment, evidence) = r
        n = i + 2
        title, body = pick(lang, title_sv, title_en), pick(lang, text_sv, text_en)
        requirement = f'{title}\n{body}' if title and body else (title or body)
        cells = {
            'A': numbers[i], 'B': code, 'C': area_names.get(area, area), 'D': OBLIGATION[lang][obligation],
            'E': requirement, 'F': pick(lang, ver_sv, ver_en),
            'G': labels.get(status), 'H': or_none(comment), 'I': or_none(evidence),
            'J': pr_id, 'K': code, 'L': revision,
        }
        for letter, value in cells.items():
            cell = ws[f'{letter}{n}']
            strings.check(cell, f'{checklist_name}!{letter}{n}')
            if text(cell) != value:
                fail(f'{checklist_name}!{letter}{n} = {text(cell)!r:.80}, expected {value!r:.80}')
            locked = cell.protection.locked
            expect(locked == (letter not in 'GHI'), f'{checklist_name}!{letter}{n} locked = {locked}')

    db.close()
    return strings.dangerous


def check_matrix(db_path, path, pid, lang):
    db = sqlite3.connect(db_path)
    rows = procurement_rows(db, pid)
    numbers = numbering(rows)
    suppliers = db.execute('SELECT s.id, s.name, s.org_number FROM supplier s JOIN assessment a ON a.supplier = s.id '
                           'WHERE a.procurement = ?', (pid,)).fetchall()
    answers = {(pr, sup): st for pr, sup, st in db.execute(
        'SELECT an.procurement_requirement, a.supplier, an.status FROM answer an '
        'JOIN assessment a ON a.id = an.assessment WHERE a.procurement = ?', (pid,))}
    labels = LABELS[lang]
    met_l, not_met_l, unanswered_l, all_l, yes, no = SUMMARY[lang]
    strings = Strings()

    wb = openpyxl.load_workbook(path)
    expect(wb.sheetnames == [SHEETS[lang][2]], f'sheets {wb.sheetnames}')
    ws = wb.active
    expect(ws.freeze_panes == 'E4', f'freeze panes {ws.freeze_panes}')
    heads = [text(ws.cell(3, c)) for c in range(1, 5)]
    expect(heads == pick(lang, ['Nr', 'Kravkod', 'SKA/BÖR', 'Krav'], ['No.', 'Code', 'SHALL/SHOULD', 'Requirement']),
           f'header {heads}')

    # Supplier columns, found by their header "name\norg number"
    column = {}
    for c in range(5, 5 + len(suppliers)):
        cell = ws.cell(3, c)
        strings.check(cell, f'header {c}')
        for sid, name, org in suppliers:
            if text(cell) == f'{name}\n{org}':
                column[sid] = c
    expect(len(column) == len(suppliers), f'{len(column)} of {len(suppliers)} supplier columns found')
    expect(ws.cell(3, 5 + len(suppliers)).value is None, 'an extra column')

    for i, r in enumerate(rows):
        pr_id, code, title, obligation = r[0], r[1], pick(lang, r[4], r[5]), r[10]
        n = i + 4
        for c, value in zip(range(1, 5), (numbers[i], code, OBLIGATION[lang][obligation], title)):
            cell = ws.cell(n, c)
            strings.check(cell, cell.coordinate)
            expect(text(cell) == value, f'{cell.coordinate} = {text(cell)!r:.60}, expected {value!r:.60}')
        for sid, c in column.items():
            status = answers.get((pr_id, sid), 'unanswered')
            cell = ws.cell(n, c)
            expect(cell.value == labels.get(status), f'{cell.coordinate} = {cell.value!r}, expected {status}')

    # Summary rows: numbers, not formulas, equal to what the database says
    summary = {}
    for row in ws.iter_rows(min_row=len(rows) + 4):
        label = text(row[3])
        if label in (met_l, not_met_l, unanswered_l, all_l):
            summary[label] = row
    expect(set(summary) == {met_l, not_met_l, unanswered_l, all_l}, f'summary rows {sorted(summary)}')
    for sid, name, org in suppliers:
        c = column.get(sid)
        if c is None or len(summary) < 4:
            continue
        counts = [0, 0, 0]
        for r in rows:
            if r[10] != 'shall':
                continue
            st = answers.get((r[0], sid), 'unanswered')
            counts[0 if st in ('met', 'not_applicable') else 1 if st in ('not_met', 'partly_met') else 2] += 1
        for label, want in zip((met_l, not_met_l, unanswered_l), counts):
            cell = summary[label][c - 1]
            expect(cell.data_type == 'n' and cell.value == want,
                   f'{label} for {org}: {cell.value!r} ({cell.data_type}), expected {want}')
        everything = counts[1] == 0 and counts[2] == 0
        cell = summary[all_l][c - 1]
        expect(cell.value == (yes if everything else no), f'{all_l} for {org}: {cell.value!r}')
        print(f'summary {org} {counts[0]} {counts[1]} {counts[2]} {"yes" if everything else "no"}')

    # Conditional formats: one rule per status over the answer cells
    last = get_column_letter(4 + len(suppliers))
    data_range = f'E4:{last}{len(rows) + 3}'
    rules = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            rules.setdefault(str(cf.sqref), []).append((rule.type, rule.operator, tuple(rule.formula or ())))
    if suppliers:
        want = sorted(('cellIs', 'equal', (f'"{labels[k]}"',)) for k in labels)
        expect(sorted(rules.get(data_range, [])) == want, f'conditional formats {rules}')
        expect(any(str(k).startswith('E') and len(v) == 2 for k, v in rules.items() if k != data_range),
               f'no yes/no formats {rules}')

    db.close()
    return strings.dangerous


def main(argv):
    if len(argv) >= 6 and argv[0] == 'checklist':
        n = check_checklist(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5])
    elif len(argv) >= 5 and argv[0] == 'matrix':
        n = check_matrix(argv[1], argv[2], int(argv[3]), argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    if failures:
        for f in failures[:40]:
            print(f, file=sys.stderr)
        print(f'{len(failures)} problems', file=sys.stderr)
        return 1
    print(f'ok {n}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
