#!/usr/bin/env python3
"""Reads a ledger workbook with openpyxl (an independent reader of .xlsx) and prints, as JSON,
what an office would look at: title, unit line, merged ranges, header rows, the first body
rows, number formats, fills, frozen panes and print setup.

    python3 tests/workbook.py FILE.xlsx
"""
import json
import sys

import openpyxl

ws = openpyxl.load_workbook(sys.argv[1])["台账"]
rows = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(1, ws.max_row + 1)]
print(json.dumps({
    "sheets": openpyxl.load_workbook(sys.argv[1]).sheetnames,
    "rows": rows,
    "merged": sorted(str(r) for r in ws.merged_cells.ranges),
    "formats": {c: ws[c].number_format for c in ["D5", "H5", "I5"]},
    "fills": [ws.cell(r, 1).fill.fgColor.rgb for r in range(5, ws.max_row + 1)],
    "freeze": ws.freeze_panes,
    "print": [ws.page_setup.orientation, ws.page_setup.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
              ws.page_setup.fitToHeight, ws.print_title_rows],
}, ensure_ascii=False))
