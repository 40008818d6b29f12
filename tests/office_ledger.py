#!/usr/bin/env python3
"""Writes, with openpyxl (a writer tongbao has nothing to do with), a 台账 workbook laid out as a
county office keeps it for the `mini` fixture's projects in 2026-03, for tests/import.rs:
a title row, a unit line, two header rows of merged cells (`2026年完成情况` over
`1-3月实际完成投资（万元）`, beside last month's column), a 合计 row, industry subtotal rows, a
序号 with a marker, names with full-width spaces, an amount typed as text with a thousands
separator, a cover sheet before the table and notes under it.

    python3 tests/office_ledger.py OUT.xlsx good   # the figures below
    python3 tests/office_ledger.py OUT.xlsx bad    # a cell of each kind of mistake
"""
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

out, mode = sys.argv[1], sys.argv[2]
book = openpyxl.Workbook()
cover = book.active
cover.title = "说明"
cover["A1"] = "测试县重点项目办 2026年3月 台账（报县政府）"
ws = book.create_sheet("3月台账")
ws.merge_cells("A1:N1")
ws["A1"] = "测试县2026年1-3月重点项目计划完成情况一览表"
ws["A1"].font = Font(bold=True, size=16)
ws.merge_cells("A2:N2")
ws["A2"] = "单位：万元"
ws["A2"].alignment = Alignment(horizontal="right")
# Two header rows: single headings merged down, shared ones merged across.
for col, heading in [("A", "序号"), ("B", "项目名称"), ("C", "行业"), ("D", "建设性质"), ("E", "总投资"),
                     ("F", "2026年计划投资"), ("J", "形象进度"), ("K", "开工情况"), ("L", "责任单位"),
                     ("M", "建设内容"), ("N", "业主单位")]:
    ws.merge_cells(f"{col}3:{col}4")
    ws[f"{col}3"] = heading
ws.merge_cells("G3:I3")
ws["G3"] = "2026年完成情况"
ws["G4"] = "1-2月实际完成投资（万元）"
ws["H4"] = "1－3月实际完成投资（万元）"
ws["I4"] = "完成率（%）"

good = mode == "good"
rows = [
    ["", "合计", "", "", 4000, 1800, 150, 395, "", "", "", "", "", ""],
    ["", "一、工业（1项）", "", "", 3000, 1200, 150, 300, "", "", "", "", "", ""],
    # T-1, its amount typed as text with a separator.
    ["1★", "甲　项目", "工业", "续建", 3000, 1200, 150, "300" if good else "约300", 25.0,
     "主体施工完成60%", "已开工", "甲局", "厂房", "甲公司"],
    ["", "二、交通（2项）", "", "", 1000, 600, 0, 95, "", "", "", "", "", ""],
    ["2", "乙项目", "交通", "新开工", 1000, 600, 0, 95 if good else 20, 15.8,
     "路基施工", "已开工", "乙局", "道路", "乙公司"],
    ["3", "丙项目", "交通", "前期", 800, 0, 0, 0, "", "可研批复", "未开工" if good else "差不多", "乙局", "桥梁", "丙公司"],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["注：完成率为1-3月完成投资占年度计划的比例。", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]
if not good:
    rows.insert(6, ["4", "戊项目", "工业", "新开工", 100, 50, 0, "5000000元", "", "", "是", "甲局", "", ""])
for r, values in enumerate(rows, start=5):
    for c, value in enumerate(values, start=1):
        if value != "":
            ws.cell(r, c, value)
book.save(out)
