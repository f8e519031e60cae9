#!/usr/bin/env python3
"""What openpyxl, an independent .xlsx reader, finds in a workbook: charts, images, conditional
formats and print settings per sheet, as JSON on stdout.

openpyxl drops a chart it cannot read with a warning, so every warning is reported too and the
exit status is 1 when there is one (or when the file does not load at all).

Needs openpyxl (Debian: apt-get install python3-openpyxl, for /usr/bin/python3).
Usage: openpyxl_report.py FILE.xlsx
"""
import json
import sys
import warnings

import openpyxl


def rich_text(title):
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(run.t for paragraph in title.tx.rich.p for run in (paragraph.r or []))


def reference(data):
    """(formula, cached values) of a series' cat/val/tx, whichever kind of reference it holds."""
    if data is None:
        return None
    for kind, cache_name in (("numRef", "numCache"), ("strRef", "strCache")):
        ref = getattr(data, kind, None)
        if ref is not None:
            cache = getattr(ref, cache_name, None)
            points = {} if cache is None else {pt.idx: pt.v for pt in cache.pt}
            count = 0 if cache is None or cache.ptCount is None else cache.ptCount
            return {"ref": ref.f, "cache": [points.get(i) for i in range(count)]}
    value = getattr(data, "v", None)
    return None if value is None else {"literal": value}


def chart_entry(chart):
    anchor = chart.anchor
    frm = getattr(anchor, "_from", None)
    to = getattr(anchor, "to", None)
    return {
        "type": type(chart).__name__,
        "title": rich_text(chart.title),
        "barDir": getattr(chart, "barDir", None),
        "from": None if frm is None else [frm.col, frm.row],
        "to": None if to is None else [to.col, to.row],
        "series": [
            {"name": reference(s.tx), "categories": reference(s.cat), "values": reference(s.val)}
            for s in chart.series
        ],
    }


def main():
    if len(sys.argv) != 2:
        print("usage: openpyxl_report.py FILE.xlsx", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = openpyxl.load_workbook(sys.argv[1])
        except Exception as error:  # the point is to report any failure to load
            print(json.dumps({"loaded": False, "error": f"{type(error).__name__}: {error}"}))
            return 1
    sheets = {}
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr
        sheets[sheet.title] = {
            "charts": [chart_entry(c) for c in sheet._charts],
            "images": len(sheet._images),
            "conditionalFormatting": [
                {
                    "range": str(cf.sqref),
                    "rules": [rule.type for rule in cf.rules],
                    "formulas": [list(rule.formula or []) for rule in cf.rules],
                }
                for cf in sheet.conditional_formatting
            ],
            "print": {
                "orientation": setup.orientation,
                "fitToPage": None if fit is None else fit.fitToPage,
                "fitToWidth": setup.fitToWidth,
                "fitToHeight": setup.fitToHeight,
                "titleRows": sheet.print_title_rows,
                "margins": {k: getattr(sheet.page_margins, k) for k in ("left", "right", "top", "bottom")},
                "footer": sheet.oddFooter.center.text if sheet.oddFooter and sheet.oddFooter.center else None,
            },
        }
    result = {
        "loaded": True,
        "openpyxl": openpyxl.__version__,
        "warnings": [str(w.message) for w in caught],
        "sheets": sheets,
    }
    print(json.dumps(result, indent=2))
    return 1 if caught else 0


if __name__ == "__main__":
    sys.exit(main())
