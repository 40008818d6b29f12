#!/usr/bin/env python3
"""Reads a ledger workbook with openpyxl (an independent reader of .xlsx) and prints, as JSON,
what an office would look at: title, unit line, merged ranges, header rows, the first body
rows, number formats, fills, frozen panes and print setup.

A row's fill is what Excel shows: its cell's own fill, or the fill of a conditional format whose
formula (of the form `$J5="红灯"`, the only form expected) holds for that row.

    python3 tests/workbook.py FILE.xlsx
"""
import json
import re
import sys

import openpyxl
from openpyxl.utils import column_index_from_string

ws = openpyxl.load_workbook(sys.argv[1])["台账"]


def shown_fill(row, col):
    """The fill cell (row, col) shows: the first conditional format that holds, else its own."""
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            (formula,) = rule.formula
            column, first, text = re.fullmatch(r'\$([A-Z]+)(\d+)="(.*)"', formula).groups()
            for cells in cf.sqref.ranges:
                inside = cells.min_row <= row <= cells.max_row and cells.min_col <= col <= cells.max_col
                offset = row - cells.min_row
                if inside and ws.cell(int(first) + offset, column_index_from_string(column)).value == text:
                    return rule.dxf.fill.bgColor.rgb
    return ws.cell(row, col).fill.fgColor.rgb

rows = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(1, ws.max_row + 1)]
print(json.dumps({
    "sheets": openpyxl.load_workbook(sys.argv[1]).sheetnames,
    "rows": rows,
    "merged": sorted(str(r) for r in ws.merged_cells.ranges),
    "formats": {c: ws[c].number_format for c in ["D5", "H5", "I5", "D7", "H7", "I7", "B7", "K7"]},
    "fills": [shown_fill(r, 1) for r in range(5, ws.max_row + 1)],
    "last_column_fills": [shown_fill(r, ws.max_column) for r in range(5, ws.max_row + 1)],
    "freeze": ws.freeze_panes,
    "print": [ws.page_setup.orientation, ws.page_setup.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
              ws.page_setup.fitToHeight, ws.print_title_rows],
}, ensure_ascii=False))
