#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plays the supplier: fills a checklist workbook exported by Kravkoll with
openpyxl (an independent writer), or makes hostile variants of it.

  checklist-tool.py fill IN.xlsx OUT.xlsx CODE=LABEL[|comment[|evidence]] ...
  checklist-tool.py hostile IN.xlsx OUTDIR      writes one workbook per attack
  checklist-tool.py info IN.xlsx                prints metadata as key=value
"""
import os
import shutil
import sys
import zipfile

import openpyxl
from openpyxl.utils import column_index_from_string

META = "kravkoll"


def load(path):
    wb = openpyxl.load_workbook(path)
    meta = {str(r[0].value): ("" if r[1].value is None else str(r[1].value))
            for r in wb[META].iter_rows(min_col=1, max_col=2) if r[0].value is not None}
    ws = wb[meta["sheet"]]
    keys = {"answer": "answer_column", "comment": "comment_column", "evidence": "evidence_column",
            "id": "id_column", "ref": "code_column", "rev": "revision_column",
            "code": "visible_code_column", "requirement": "requirement_column"}
    cols = {k: column_index_from_string(meta[v]) for k, v in keys.items()}
    return wb, meta, ws, cols


def rows_by_code(ws, cols):
    out = {}
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, cols["code"]).value
        if code:
            out[code] = r
    return out


def fill(src, dst, specs):
    wb, meta, ws, cols = load(src)
    rows = rows_by_code(ws, cols)
    for spec in specs:
        code, _, rest = spec.partition("=")
        parts = rest.split("|")
        r = rows[code]
        ws.cell(r, cols["answer"]).value = parts[0] or None
        if len(parts) > 1:
            ws.cell(r, cols["comment"]).value = parts[1]
        if len(parts) > 2:
            ws.cell(r, cols["evidence"]).value = parts[2]
    wb.save(dst)


def hostile(src, outdir):
    os.makedirs(outdir, exist_ok=True)

    def variant(name, change):
        wb, meta, ws, cols = load(src)
        change(wb, meta, ws, cols)
        wb.save(os.path.join(outdir, name + ".xlsx"))

    def set_meta(wb, key, value):
        for row in wb[META].iter_rows(min_col=1, max_col=2):
            if row[0].value == key:
                row[1].value = value

    first = 2
    variant("other-procurement", lambda wb, m, ws, c: set_meta(wb, "procurement_id", str(int(m["procurement_id"]) + 1000)))
    variant("other-supplier", lambda wb, m, ws, c: set_meta(wb, "org_number", "556703-7485"))
    variant("other-catalogue", lambda wb, m, ws, c: set_meta(wb, "catalog_version", "Stockholms stad 1999.1"))
    variant("edited-text", lambda wb, m, ws, c: setattr(ws.cell(first, c["requirement"]), "value", "Leverantören behöver inte göra något."))
    variant("edited-code", lambda wb, m, ws, c: setattr(ws.cell(first, c["code"]), "value", "LEV-XX-99"))
    variant("unknown-id", lambda wb, m, ws, c: setattr(ws.cell(first, c["id"]), "value", 987654))
    variant("duplicate-id", lambda wb, m, ws, c: setattr(ws.cell(first + 1, c["id"]), "value", ws.cell(first, c["id"]).value))
    variant("bad-revision", lambda wb, m, ws, c: setattr(ws.cell(first, c["rev"]), "value", 99))
    variant("answer-not-allowed", lambda wb, m, ws, c: setattr(ws.cell(first, c["answer"]), "value", "Ja, absolut"))
    variant("formula-answer", lambda wb, m, ws, c: setattr(ws.cell(first, c["answer"]), "value", '=IF(1,"Uppfyllt","Ej uppfyllt")'))
    variant("formula-comment", lambda wb, m, ws, c: setattr(ws.cell(first, c["comment"]), "value", '=HYPERLINK("http://example.invalid","klicka")'))
    variant("added-row", lambda wb, m, ws, c: (setattr(ws.cell(ws.max_row + 1, c["answer"]), "value", "Uppfyllt"),
                                               setattr(ws.cell(ws.max_row, c["comment"]), "value", "eget krav")))

    def no_meta(wb, m, ws, c):
        del wb[META]
    variant("no-metadata", no_meta)

    # Not an xlsx at all, a truncated one, and one with an external entity.
    with open(os.path.join(outdir, "not-xlsx.xlsx"), "w", encoding="utf-8") as f:
        f.write("Kod;Svar\nLEV-IS-01;Uppfyllt\n")
    data = open(src, "rb").read()
    with open(os.path.join(outdir, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(os.path.join(outdir, "xxe.xlsx"), "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/sharedStrings.xml" or item.filename == "xl/workbook.xml":
                text = body.decode("utf-8")
                text = text.replace("?>", '?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
                body = text.encode("utf-8")
            zout.writestr(item, body)
    with zipfile.ZipFile(os.path.join(outdir, "zip-bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as zout:
        with zipfile.ZipFile(src) as zin:
            for item in zin.infolist():
                zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/media/bomb.bin", b"\0" * (120 * 1024 * 1024))


def info(src):
    wb, meta, ws, cols = load(src)
    for k, v in sorted(meta.items()):
        print(f"{k}={v}")
    print(f"rows={ws.max_row - 1}")
    print(f"protected={ws.protection.sheet}")
    print(f"meta_hidden={wb[META].sheet_state}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "hostile":
        hostile(sys.argv[2], sys.argv[3])
    elif cmd == "info":
        info(sys.argv[2])
    else:
        sys.exit("unknown command " + cmd)
