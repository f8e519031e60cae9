#!/usr/bin/env python3
"""Strict structural check of an .xlsx package, with Python's standard library only.

Written apart from the TypeScript that edits packages (and from exceljs), so it checks their
output against the rules Excel applies when it decides to offer a "repair":

- the zip is sound: no duplicate names, no folder entries, every CRC right;
- every part has a content type, every Override names a part that exists, every XML part parses;
- every relationship target exists, Ids are unique, every r:id / r:embed used in a part is one of
  that part's relationships, and each relationship type points at a part of the matching type;
- worksheet children come in the order of CT_Worksheet (ECMA-376 Part 1, 18.3.1.99), with at
  most one <drawing>;
- conditional formats: dxfId inside styles.xml's dxfs, data bars complete, every x14:id a GUID
  that names an x14 rule of the same sheet;
- drawings: unique shape ids, every chart frame resolves to a chart part;
- charts: children in schema order (21.2), every series with values, caches consistent with
  their point counts, every formula naming a sheet of the workbook;
- workbook: unique sheet names, defined names' localSheetId in range.

Worksheets are read with iterparse and cleared row by row, so a 50,000-row sheet is fine.

Usage: check_package.py FILE.xlsx  -> JSON report on stdout; exit 1 if any problem.
"""
import json
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"

REL = NS_R + "/"
# Relationship type -> content type its target must have.
TARGET_CONTENT_TYPE = {
    REL + "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    REL + "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    REL + "sharedStrings": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    REL + "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    REL + "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    REL + "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    REL + "table": "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
    REL + "comments": "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
}

# CT_Worksheet's sequence.
WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst",
]
WORKSHEET_REPEATABLE = {"conditionalFormatting"}

# Sequences of the chart schema (dml-chart.xsd) for the elements the chart writer uses.
_AX_SHARED = ["axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title", "numFmt",
              "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx", "crosses", "crossesAt"]
_DLBLS_GROUP = ["numFmt", "spPr", "txPr", "dLblPos", "showLegendKey", "showVal", "showCatName", "showSerName",
                "showPercent", "showBubbleSize", "separator", "showLeaderLines", "leaderLines"]
CHART_ORDER = {
    "chartSpace": ["date1904", "lang", "roundedCorners", "AlternateContent", "style", "clrMapOvr", "pivotSource",
                   "protection", "chart", "spPr", "txPr", "externalData", "printSettings", "userShapes", "extLst"],
    "chart": ["title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall", "plotArea",
              "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst"],
    "title": ["tx", "layout", "overlay", "spPr", "txPr", "extLst"],
    "legend": ["legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"],
    "barChart": ["barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap", "serLines", "axId", "extLst"],
    "lineChart": ["grouping", "varyColors", "ser", "dLbls", "dropLines", "hiLowLines", "upDownBars", "marker",
                  "smooth", "axId", "extLst"],
    "pieChart": ["varyColors", "ser", "dLbls", "firstSliceAng", "extLst"],
    "doughnutChart": ["varyColors", "ser", "dLbls", "firstSliceAng", "holeSize", "extLst"],
    "catAx": _AX_SHARED + ["auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip", "noMultiLvlLbl", "extLst"],
    "valAx": _AX_SHARED + ["crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst"],
    "dLbls": ["dLbl", "delete"] + _DLBLS_GROUP + ["extLst"],
    "marker": ["symbol", "size", "spPr", "extLst"],
    "numCache": ["formatCode", "ptCount", "pt", "extLst"],
    "strCache": ["ptCount", "pt", "extLst"],
}
SER_ORDER = {
    "barChart": ["idx", "order", "tx", "spPr", "invertIfNegative", "pictureOptions", "dPt", "dLbls", "trendline",
                 "errBars", "cat", "val", "shape", "extLst"],
    "lineChart": ["idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline", "errBars", "cat", "val",
                  "smooth", "extLst"],
    "pieChart": ["idx", "order", "tx", "spPr", "explosion", "dPt", "dLbls", "cat", "val", "extLst"],
    "doughnutChart": ["idx", "order", "tx", "spPr", "explosion", "dPt", "dLbls", "cat", "val", "extLst"],
}
GUID = re.compile(r"^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$")


def local(tag):
    return tag.rsplit("}", 1)[-1]


def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.notes = []
        self.charts = []
        self.zip = zipfile.ZipFile(path)
        self.names = [i.filename for i in self.zip.infolist()]
        self.parts = set(self.names)
        self.rels = {}  # source part -> {id: (type, target part or None if external)}

    def problem(self, where, text):
        self.problems.append(f"{where}: {text}")

    def xml(self, part):
        return ET.fromstring(self.zip.read(part))

    # --- zip and content types -------------------------------------------------------------
    def check_zip(self):
        seen = set()
        for name in self.names:
            if name in seen:
                self.problem(name, "appears twice in the zip")
            seen.add(name)
            if name.endswith("/"):
                # exceljs's in-memory writer adds folder entries; Excel ignores them.
                self.notes.append(f"{name}: folder entry (ignored by readers)")
            if name.startswith("/") or ".." in name.split("/"):
                self.problem(name, "part name is absolute or climbs out of the package")
        bad = self.zip.testzip()
        if bad:
            self.problem(bad, "CRC or data error in the zip")

    def check_content_types(self):
        if "[Content_Types].xml" not in self.parts:
            self.problem("[Content_Types].xml", "missing")
            self.overrides, self.defaults = {}, {}
            return
        root = self.xml("[Content_Types].xml")
        self.overrides = {}
        self.defaults = {}
        for element in root:
            if element.tag == f"{{{NS_CT}}}Override":
                name = element.get("PartName", "")
                if name.lower() in self.overrides:
                    self.problem("[Content_Types].xml", f"two Overrides for {name}")
                self.overrides[name.lower()] = element.get("ContentType")
                if name[1:] not in self.parts:
                    self.problem("[Content_Types].xml", f"Override for {name}, which is not in the package")
            elif element.tag == f"{{{NS_CT}}}Default":
                self.defaults[element.get("Extension", "").lower()] = element.get("ContentType")
        for name in self.names:
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            if self.content_type(name) is None:
                self.problem(name, "has no content type (no Override, no Default for its extension)")

    def content_type(self, part):
        override = self.overrides.get("/" + part.lower())
        if override:
            return override
        # The extension is what follows the last dot of the name, so "_rels/.rels" has "rels".
        base = posixpath.basename(part)
        return self.defaults.get(base.rsplit(".", 1)[1].lower()) if "." in base else None

    # --- relationships ---------------------------------------------------------------------
    def check_relationships(self):
        for name in self.names:
            if not name.endswith(".rels"):
                continue
            folder, file = posixpath.split(name)
            if posixpath.basename(folder) != "_rels":
                self.problem(name, "relationship part outside a _rels folder")
                continue
            source = posixpath.join(posixpath.dirname(folder), file[: -len(".rels")])
            if source and source not in self.parts:
                self.problem(name, f"relationships of {source}, which is not in the package")
            try:
                root = self.xml(name)
            except ET.ParseError as error:
                self.problem(name, f"not well-formed XML: {error}")
                continue
            rels = {}
            for rel in root.iter(f"{{{NS_PKG_REL}}}Relationship"):
                rid, rtype, target = rel.get("Id"), rel.get("Type"), rel.get("Target", "")
                if not rid:
                    self.problem(name, "relationship without Id")
                    continue
                if rid in rels:
                    self.problem(name, f"Id {rid} used twice")
                if rel.get("TargetMode") == "External":
                    rels[rid] = (rtype, None)
                    continue
                part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
                rels[rid] = (rtype, part)
                if part not in self.parts:
                    self.problem(name, f"{rid} targets {part}, which is not in the package")
                    continue
                expected = TARGET_CONTENT_TYPE.get(rtype)
                if expected and self.content_type(part) != expected:
                    self.problem(name, f"{rid} ({rtype.rsplit('/', 1)[-1]}) targets {part} whose content type is {self.content_type(part)}, not {expected}")
                if rtype == REL + "image" and not (self.content_type(part) or "").startswith("image/"):
                    self.problem(name, f"{rid} image targets {part} of content type {self.content_type(part)}")
            self.rels[source] = rels

    def check_ids_used(self, part, root_or_elements):
        """Every attribute in the relationships namespace must name one of the part's relationships."""
        known = self.rels.get(part, {})
        for element in root_or_elements:
            for key, value in element.attrib.items():
                if key.startswith(f"{{{NS_R}}}") and value not in known:
                    self.problem(part, f"<{local(element.tag)} r:{local(key)}=\"{value}\"> names no relationship of this part")

    # --- workbook --------------------------------------------------------------------------
    def workbook(self):
        root_rels = self.rels.get("", {})
        main = [p for (t, p) in root_rels.values() if t == REL + "officeDocument" and p]
        if not main:
            self.problem("_rels/.rels", "no officeDocument relationship")
            return None, []
        part = main[0]
        root = self.xml(part)
        self.check_ids_used(part, root.iter())
        sheets = []
        names = set()
        for sheet in root.iter(f"{{{NS_MAIN}}}sheet"):
            name = sheet.get("name")
            if name.lower() in names:
                self.problem(part, f"two sheets named {name}")
            names.add(name.lower())
            rel = self.rels.get(part, {}).get(sheet.get(f"{{{NS_R}}}id"))
            sheets.append((name, rel[1] if rel else None, rel[0] if rel else None))
        for defined in root.iter(f"{{{NS_MAIN}}}definedName"):
            local_id = defined.get("localSheetId")
            if local_id is not None and not 0 <= int(local_id) < len(sheets):
                self.problem(part, f"definedName {defined.get('name')} has localSheetId {local_id} outside 0-{len(sheets) - 1}")
        self.sheet_names = {name.lower() for name, _, _ in sheets}
        return part, sheets

    def dxf_count(self, workbook_part):
        styles = [p for (t, p) in self.rels.get(workbook_part, {}).values() if t == REL + "styles"]
        if not styles:
            return 0
        dxfs = self.xml(styles[0]).find(f"{{{NS_MAIN}}}dxfs")
        return 0 if dxfs is None else len(dxfs)

    # --- worksheets ------------------------------------------------------------------------
    def check_worksheet(self, part, dxf_count):
        children = []
        depth = 0
        cf_rules = []      # (dxfId, type, element)
        x14_refs = []      # ids referenced from cfRule/extLst
        x14_rules = set()  # ids defined in the sheet-level extLst
        kept = []          # depth-1 elements other than sheetData, checked for r:ids afterwards
        with self.zip.open(part) as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth == 2:
                        children.append(local(element.tag))
                    continue
                depth -= 1
                if depth == 2 and children and children[-1] == "sheetData":
                    element.clear()  # a finished row: keep memory flat on big sheets
                elif depth == 1:
                    if local(element.tag) != "sheetData":
                        kept.append(element)
        for element in kept:
            self.check_ids_used(part, element.iter())
            if local(element.tag) == "conditionalFormatting":
                for rule in element.iter(f"{{{NS_MAIN}}}cfRule"):
                    cf_rules.append(rule)
                    for ident in rule.iter(f"{{{NS_X14}}}id"):
                        x14_refs.append((ident.text or "").strip())
            if local(element.tag) == "extLst":
                for rule in element.iter(f"{{{NS_X14}}}cfRule"):
                    x14_rules.add(rule.get("id"))

        # Order and multiplicity of the worksheet's children.
        last = -1
        for name in children:
            if name not in WORKSHEET_ORDER:
                self.problem(part, f"unknown worksheet child <{name}>")
                continue
            position = WORKSHEET_ORDER.index(name)
            if position < last or (position == last and name not in WORKSHEET_REPEATABLE):
                self.problem(part, f"<{name}> out of order (CT_Worksheet sequence); children are {children}")
                break
            last = position
        if "sheetData" not in children:
            self.problem(part, "no <sheetData>")

        for rule in cf_rules:
            kind = rule.get("type")
            dxf = rule.get("dxfId")
            if dxf is not None and not 0 <= int(dxf) < dxf_count:
                self.problem(part, f"cfRule {kind} has dxfId {dxf} but styles.xml has {dxf_count} dxfs")
            if kind in ("expression", "cellIs", "top10", "containsText", "timePeriod", "aboveAverage") and dxf is None:
                self.problem(part, f"cfRule {kind} without dxfId formats nothing")
            if kind == "expression" and rule.find(f"{{{NS_MAIN}}}formula") is None:
                self.problem(part, "expression cfRule without <formula>")
            if kind == "dataBar":
                bar = rule.find(f"{{{NS_MAIN}}}dataBar")
                if bar is None or len(bar.findall(f"{{{NS_MAIN}}}cfvo")) != 2 or bar.find(f"{{{NS_MAIN}}}color") is None:
                    self.problem(part, "dataBar rule needs <dataBar> with two <cfvo> and a <color>")
        for ident in x14_refs:
            if not GUID.match(ident):
                self.problem(part, f"cfRule extension x14:id {ident!r} is not a GUID")
            elif ident not in x14_rules:
                self.problem(part, f"cfRule extension x14:id {ident} names no x14:cfRule in the sheet's extLst")
        return children

    # --- drawings and charts ---------------------------------------------------------------
    def check_drawing(self, part, sheet_name):
        root = self.xml(part)
        self.check_ids_used(part, root.iter())
        ids = [int(e.get("id")) for e in root.iter(f"{{{NS_XDR}}}cNvPr")]
        if len(ids) != len(set(ids)):
            self.problem(part, f"shape ids repeat: {ids}")
        for anchor in list(root):
            if local(anchor.tag) not in ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor"):
                self.problem(part, f"unexpected <{local(anchor.tag)}> in the drawing")
                continue
            if local(anchor.tag) == "twoCellAnchor" and (anchor.find(f"{{{NS_XDR}}}from") is None or anchor.find(f"{{{NS_XDR}}}to") is None):
                self.problem(part, "twoCellAnchor without from/to")
            if anchor.find(f"{{{NS_XDR}}}clientData") is None:
                self.problem(part, f"<{local(anchor.tag)}> without <xdr:clientData/>")
            for chart in anchor.iter(f"{{{NS_C}}}chart"):
                rel = self.rels.get(part, {}).get(chart.get(f"{{{NS_R}}}id"))
                if rel and rel[1] in self.parts:
                    self.check_chart(rel[1], sheet_name, anchor)

    def check_order(self, where, element, order):
        last = -1
        names = [local(child.tag) for child in element]
        for name in names:
            if name not in order:
                self.problem(where, f"<{local(element.tag)}> has unexpected child <{name}>")
                return
            position = order.index(name)
            if position < last:
                self.problem(where, f"<{local(element.tag)}> children out of schema order: {names}")
                return
            last = position

    def check_cache(self, where, ref, numeric):
        formula = ref.find(f"{{{NS_C}}}f")
        if formula is None or not (formula.text or "").strip():
            self.problem(where, f"<{local(ref.tag)}> without a formula")
            return None
        text = formula.text.strip()
        match = re.match(r"^(?:'((?:[^']|'')+)'|([^'!]+))!", text)
        sheet = (match.group(1) or "").replace("''", "'") if match and match.group(1) else (match.group(2) if match else None)
        if sheet is None or sheet.lower() not in self.sheet_names:
            self.problem(where, f"formula {text} names no sheet of the workbook")
        cache = ref.find(f"{{{NS_C}}}numCache" if numeric else f"{{{NS_C}}}strCache")
        values = []
        if cache is not None:
            self.check_order(where, cache, CHART_ORDER[local(cache.tag)])
            count = cache.find(f"{{{NS_C}}}ptCount")
            total = int(count.get("val")) if count is not None else 0
            values = [None] * total
            for pt in cache.findall(f"{{{NS_C}}}pt"):
                idx = int(pt.get("idx"))
                v = pt.find(f"{{{NS_C}}}v")
                if not 0 <= idx < total:
                    self.problem(where, f"cache point idx {idx} outside ptCount {total}")
                    continue
                if numeric:
                    try:
                        float(v.text)
                    except (TypeError, ValueError):
                        self.problem(where, f"numCache point {idx} is not a number: {v.text!r}")
                values[idx] = v.text if v is not None else None
        return {"ref": text, "cache": values}

    def check_chart(self, part, sheet_name, anchor):
        root = self.xml(part)
        if root.tag != f"{{{NS_C}}}chartSpace":
            self.problem(part, f"root is <{local(root.tag)}>, not c:chartSpace")
            return
        self.check_ids_used(part, root.iter())
        self.check_order(part, root, CHART_ORDER["chartSpace"])
        chart = root.find(f"{{{NS_C}}}chart")
        if chart is None:
            self.problem(part, "no <c:chart>")
            return
        self.check_order(part, chart, CHART_ORDER["chart"])
        for name in ("title", "legend"):
            element = chart.find(f"{{{NS_C}}}{name}")
            if element is not None:
                self.check_order(part, element, CHART_ORDER[name])
        plot = chart.find(f"{{{NS_C}}}plotArea")
        title = "".join(t.text or "" for t in chart.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"))
        axis_ids = set()
        for axis in plot.findall(f"{{{NS_C}}}catAx") + plot.findall(f"{{{NS_C}}}valAx"):
            self.check_order(part, axis, CHART_ORDER[local(axis.tag)])
            axis_ids.add(axis.find(f"{{{NS_C}}}axId").get("val"))
        found = []
        for plot_kind in SER_ORDER:
            for group in plot.findall(f"{{{NS_C}}}{plot_kind}"):
                self.check_order(part, group, CHART_ORDER[plot_kind])
                for ax in group.findall(f"{{{NS_C}}}axId"):
                    if ax.get("val") not in axis_ids:
                        self.problem(part, f"{plot_kind} uses axis {ax.get('val')} that the plot area does not define")
                series = []
                for ser in group.findall(f"{{{NS_C}}}ser"):
                    self.check_order(part, ser, SER_ORDER[plot_kind])
                    for sub in ("dLbls", "marker"):
                        element = ser.find(f"{{{NS_C}}}{sub}")
                        if element is not None:
                            self.check_order(part, element, CHART_ORDER[sub])
                    val = ser.find(f"{{{NS_C}}}val/{{{NS_C}}}numRef")
                    if val is None:
                        self.problem(part, "series without <c:val><c:numRef>")
                        continue
                    cat = ser.find(f"{{{NS_C}}}cat")
                    cat_ref = None
                    if cat is not None:
                        cat_ref = cat.find(f"{{{NS_C}}}strRef")
                        if cat_ref is None:
                            cat_ref = cat.find(f"{{{NS_C}}}numRef")
                    tx = ser.find(f"{{{NS_C}}}tx/{{{NS_C}}}strRef")
                    entry = {
                        "values": self.check_cache(part, val, True),
                        "categories": None if cat_ref is None else self.check_cache(part, cat_ref, local(cat_ref.tag) == "numRef"),
                        "name": self.check_cache(part, tx, False) if tx is not None else ser.findtext(f"{{{NS_C}}}tx/{{{NS_C}}}v"),
                    }
                    if entry["categories"] and entry["values"] and len(entry["categories"]["cache"]) != len(entry["values"]["cache"]):
                        self.problem(part, "categories and values caches differ in length")
                    series.append(entry)
                found.append({"type": plot_kind, "series": series})
        if not found:
            self.problem(part, "no chart type inside the plot area")
        frm = anchor.find(f"{{{NS_XDR}}}from")
        to = anchor.find(f"{{{NS_XDR}}}to")
        cell = lambda marker: None if marker is None else [int(marker.findtext(f"{{{NS_XDR}}}col")), int(marker.findtext(f"{{{NS_XDR}}}row"))]
        self.charts.append({"part": part, "sheet": sheet_name, "title": title, "plots": found, "from": cell(frm), "to": cell(to)})

    def run(self):
        self.check_zip()
        self.check_content_types()
        self.check_relationships()
        for name in self.names:
            if name.endswith(".xml") and not name.startswith("xl/worksheets/"):
                try:
                    ET.fromstring(self.zip.read(name))
                except ET.ParseError as error:
                    self.problem(name, f"not well-formed XML: {error}")
        workbook_part, sheets = self.workbook()
        if workbook_part is None:
            return self.report()
        dxf_count = self.dxf_count(workbook_part)
        worksheets = {}
        for name, part, rtype in sheets:
            if part is None:
                self.problem(workbook_part, f"sheet {name} has no relationship to a part")
                continue
            if rtype != REL + "worksheet":
                continue
            try:
                worksheets[name] = self.check_worksheet(part, dxf_count)
            except ET.ParseError as error:
                self.problem(part, f"not well-formed XML: {error}")
                continue
            drawings = [p for (t, p) in self.rels.get(part, {}).values() if t == REL + "drawing"]
            if len(drawings) > 1:
                self.problem(part, f"{len(drawings)} drawing relationships; a sheet has one drawing")
            for drawing in drawings:
                if drawing in self.parts:
                    self.check_drawing(drawing, name)
        return self.report(worksheets)

    def report(self, worksheets=None):
        return {"file": self.path, "ok": not self.problems, "problems": self.problems, "notes": self.notes,
                "parts": len(self.names), "worksheets": worksheets or {}, "charts": self.charts}


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    try:
        result = Checker(sys.argv[1]).run()
    except zipfile.BadZipFile as error:
        result = {"file": sys.argv[1], "ok": False, "problems": [f"not a zip package: {error}"], "charts": []}
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
