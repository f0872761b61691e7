#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baseline for bench-export: writes the comparison matrix that
kk_export_matrix_xlsx writes (same cells, formats, conditional formats,
summary rows, constant-memory mode) with Python's XlsxWriter, and times
only the writing (the JSON is read before the clock starts).

  bench_matrix_xlsxwriter.py CELLS.json OUT.xlsx   → prints "seconds S" (median of 3)
"""

import json
import statistics
import sys
import time

import xlsxwriter

LABELS = {'met': 'Uppfyllt', 'partly_met': 'Delvis uppfyllt', 'not_met': 'Ej uppfyllt',
          'not_applicable': 'Ej tillämpligt', 'unanswered': None}
COLORS = {'met': ('#C6EFCE', '#006100'), 'partly_met': ('#FFEB9C', '#9C5700'),
          'not_met': ('#FFC7CE', '#9C0006'), 'not_applicable': ('#E7E6E6', '#595959')}


def write(data, path):
    suppliers, rows = data['suppliers'], data['rows']
    n_sup = len(suppliers)
    wb = xlsxwriter.Workbook(path, {'constant_memory': True, 'strings_to_formulas': False,
                                    'strings_to_numbers': False, 'strings_to_urls': False})
    title = wb.add_format({'bold': True, 'font_size': 14})
    muted = wb.add_format({'font_color': '#5E6670', 'valign': 'top'})
    header = wb.add_format({'bold': True, 'text_wrap': True, 'valign': 'top', 'bg_color': '#E4EAF2',
                            'bottom': 1, 'bottom_color': '#7A8CA5'})
    supplier_header = wb.add_format({'bold': True, 'text_wrap': True, 'align': 'center', 'valign': 'top',
                                     'bg_color': '#E4EAF2', 'bottom': 1, 'bottom_color': '#7A8CA5'})
    label = wb.add_format({'valign': 'top'})
    text = wb.add_format({'text_wrap': True, 'valign': 'top'})
    center = wb.add_format({'align': 'center', 'valign': 'top'})
    cell = wb.add_format({'align': 'center', 'valign': 'top', 'border': 7, 'border_color': '#BFBFBF'})
    number = wb.add_format({'align': 'center', 'bold': True})
    bold = wb.add_format({'bold': True})
    status_formats = {k: wb.add_format({'bg_color': bg, 'font_color': fg}) for k, (bg, fg) in COLORS.items()}

    ws = wb.add_worksheet('Matris')
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 13)
    ws.set_column(2, 2, 9)
    ws.set_column(3, 3, 50)
    ws.set_column(4, 3 + n_sup, 17)
    ws.freeze_panes(3, 4)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(2, 2)
    ws.repeat_columns(0, 3)
    ws.set_footer('&RSida &P av &N')

    ws.write_string(0, 0, data['title'], title)
    ws.write_string(1, 0, 'Dnr SLK 2026/0500 · Skapad 1 januari 2026', muted)
    ws.set_row(2, 45)
    for c, head in enumerate(('Nr', 'Kravkod', 'SKA/BÖR', 'Krav')):
        ws.write_string(2, c, head, header)
    for j, name in enumerate(suppliers):
        ws.write_string(2, 4 + j, name, supplier_header)

    met, not_met, unanswered = [0] * n_sup, [0] * n_sup, [0] * n_sup
    areas = {}
    for i, (code, obligation, req_title, statuses) in enumerate(rows):
        r = 3 + i
        area = code.split('-')[0]
        areas[area] = areas.get(area, 0) + 1
        ws.set_row(r, 15 * (1 + len(req_title) // 58) + 2)
        ws.write_string(r, 0, f'{len(areas)}.{areas[area]}', label)
        ws.write_string(r, 1, code, label)
        ws.write_string(r, 2, obligation, center)
        ws.write_string(r, 3, req_title, text)
        shall = obligation == 'SKA'
        for j, status in enumerate(statuses):
            value = LABELS[status]
            if value is None:
                ws.write_blank(r, 4 + j, None, cell)
            else:
                ws.write_string(r, 4 + j, value, cell)
            if shall:
                if status in ('met', 'not_applicable'):
                    met[j] += 1
                elif status in ('not_met', 'partly_met'):
                    not_met[j] += 1
                else:
                    unanswered[j] += 1
    last = 3 + len(rows) - 1

    r = last + 2
    for name, counts in (('SKA-krav uppfyllda', met), ('SKA-krav ej uppfyllda', not_met),
                         ('SKA-krav obesvarade', unanswered)):
        ws.write_string(r, 3, name, bold)
        for j, n in enumerate(counts):
            ws.write_number(r, 4 + j, n, number)
        r += 1
    ws.write_string(r, 3, 'Alla SKA-krav uppfyllda', bold)
    for j in range(n_sup):
        ws.write_string(r, 4 + j, 'Ja' if not_met[j] == 0 and unanswered[j] == 0 else 'Nej', number)
    ws.conditional_format(r, 4, r, 3 + n_sup, {'type': 'cell', 'criteria': '==', 'value': '"Ja"',
                                               'format': status_formats['met']})
    ws.conditional_format(r, 4, r, 3 + n_sup, {'type': 'cell', 'criteria': '==', 'value': '"Nej"',
                                               'format': status_formats['not_met']})
    ws.write_string(r + 2, 3, 'Uppfyllda räknar även Ej tillämpligt; ej uppfyllda räknar även Delvis uppfyllt.', muted)
    for status, fmt in status_formats.items():
        ws.conditional_format(3, 4, last, 3 + n_sup, {'type': 'cell', 'criteria': '==',
                                                      'value': f'"{LABELS[status]}"', 'format': fmt})
    wb.close()


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding='utf-8') as f:
        data = json.load(f)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        write(data, argv[1])
        times.append(time.perf_counter() - start)
    print(f'seconds {statistics.median(times):.4f}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
