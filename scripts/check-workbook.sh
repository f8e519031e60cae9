#!/usr/bin/env bash
# Checks a workbook the way its readers will meet it, with tools that share no code with exceljs
# or with functions/render-report/xlsx/:
#   1. the package structure (Python stdlib: content types, relationships, element order, ...);
#   2. what openpyxl reads from it (charts with their references, conditional formats, print setup),
#      when /usr/bin/python3 has openpyxl;
#   3. LibreOffice Calc converts it to PDF headless, and poppler renders each page to PNG, so a
#      person can look at the pages (charts drawn, labels on the same page as their amounts).
#
# Usage: scripts/check-workbook.sh WORKBOOK.xlsx [OUT_DIR]     (OUT_DIR default: out/check/<name>)
# Needs: python3; for 2: python3-openpyxl and python3-pil (without Pillow openpyxl drops images); for 3: libreoffice-calc-nogui and poppler-utils, e.g.
#   apt-get install -y --no-install-recommends python3-openpyxl python3-pil libreoffice-calc-nogui poppler-utils
# Exit status: 0 when every step that could run passed; 1 when one failed; 2 for bad arguments.
# PNG_DPI (default 60) sets the page images' resolution.
set -euo pipefail

workbook="${1:-}"
if [[ -z "$workbook" || ! -f "$workbook" ]]; then
  echo "usage: $0 WORKBOOK.xlsx [OUT_DIR]" >&2
  exit 2
fi
name="$(basename "$workbook" .xlsx)"
out="${2:-out/check/$name}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
status=0

echo "== package structure (Python stdlib)"
if python3 "$here/xlsx-check/check_package.py" "$workbook" >"$out/structure.json"; then
  echo "ok: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["parts"], "parts,", len(d["charts"]), "chart(s), no problems")' "$out/structure.json")"
else
  status=1
  python3 -c 'import json,sys; [print("problem:", p) for p in json.load(open(sys.argv[1]))["problems"]]' "$out/structure.json"
fi

echo "== openpyxl"
openpyxl_python=""
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import openpyxl, PIL' 2>/dev/null; then
    openpyxl_python="$candidate"
    break
  fi
done
if [[ -z "$openpyxl_python" ]]; then
  echo "skipped: no python3 with openpyxl and Pillow (apt-get install -y python3-openpyxl python3-pil)"
elif "$openpyxl_python" "$here/xlsx-check/openpyxl_report.py" "$workbook" >"$out/openpyxl.json"; then
  "$openpyxl_python" - "$out/openpyxl.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for sheet, found in report["sheets"].items():
    charts = ", ".join(f"{c['type']} '{c['title']}' ({len(c['series'])} series)" for c in found["charts"])
    rules = sum(len(cf["rules"]) for cf in found["conditionalFormatting"])
    p = found["print"]
    print(f"{sheet}: {charts or 'no charts'}; {found['images']} image(s); {rules} conditional rule(s); "
          f"{p['orientation']}, fitToPage={p['fitToPage']} {p['fitToWidth']}x{p['fitToHeight']}, title rows {p['titleRows']}")
PY
else
  status=1
  echo "openpyxl could not read it cleanly:"
  cat "$out/openpyxl.json"
fi

echo "== LibreOffice → PDF → PNG"
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  echo "skipped: needs soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils)"
  exit "$status"
fi
# A private profile: concurrent runs do not fight over ~/.config/libreoffice, and no user setting leaks in.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$out/$name.pdf" "$out"/page-*.png
started=$(date +%s)
if ! soffice -env:UserInstallation="file://$profile" --headless --norestore --convert-to pdf --outdir "$out" "$workbook" \
  >"$out/soffice.log" 2>&1 || [[ ! -s "$out/$name.pdf" ]]; then
  echo "LibreOffice failed to convert $workbook:"
  cat "$out/soffice.log"
  exit 1
fi
# soffice prints "convert ... -> ... using filter : calc_pdf_Export" on success; anything else is a
# complaint, except the launcher's note that there is no Java (not needed by Calc's import or PDF export).
complaints="$(grep -v -E '^convert .* using filter : calc_pdf_Export$|^Warning: failed to launch javaldx - java may not function correctly$' "$out/soffice.log" || true)"
if [[ -n "$complaints" ]]; then
  status=1
  echo "LibreOffice said:"
  echo "$complaints"
fi
pages="$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')"
pdftoppm -png -r "${PNG_DPI:-60}" "$out/$name.pdf" "$out/page"
echo "ok: $pages page(s) in $(( $(date +%s) - started )) s: $out/$name.pdf, $out/page-*.png"
exit "$status"
