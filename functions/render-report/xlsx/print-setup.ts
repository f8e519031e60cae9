/**
 * Page setup for the report's sheets, as the options of `workbook.addWorksheet(name, options)`.
 *
 * They must be given when the sheet is added: exceljs's streaming writer writes <sheetPr> (where
 * "fit to page" lives) as soon as the sheet is created, so setting `sheet.pageSetup` afterwards
 * loses the fit. Print titles (`printTitlesRow`) are read at commit and become the workbook's
 * `_xlnm.Print_Titles` defined name. The streaming writer never writes <printOptions>, so
 * centring and printed gridlines are not offered.
 */
import type ExcelJS from 'exceljs';
import { InvalidInputError } from '../../shared/errors';

export type PrintFit =
  /** Every column on one page width, as many pages down as the rows need: wide tables. */
  | 'width'
  /** The whole used range on one page: the Summary and its charts. */
  | 'page';

export interface PrintOptions {
  fit: PrintFit;
  orientation?: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page (the header row of a table). */
  headerRows?: number;
  /** Default: the printer's paper (Letter or A4 by locale). */
  paper?: 'A4';
}

/** Excel's "Narrow" margins, in inches: more of a wide table fits across. */
export const NARROW_MARGINS: ExcelJS.Margins = { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/** Footer on every page: the sheet's name on the left, "Page n of m" on the right. */
export const PAGE_FOOTER = '&L&A&RPage &P of &N';

export function printSetup({ fit, orientation = 'portrait', headerRows, paper }: PrintOptions): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  if (fit !== 'width' && fit !== 'page') throw new InvalidInputError('printSetup.fit', `must be one of width, page; got ${JSON.stringify(fit)}`);
  if (orientation !== 'portrait' && orientation !== 'landscape') {
    throw new InvalidInputError('printSetup.orientation', `must be one of portrait, landscape; got ${JSON.stringify(orientation)}`);
  }
  if (headerRows !== undefined && (!Number.isInteger(headerRows) || headerRows < 1 || headerRows > 100)) {
    throw new InvalidInputError('printSetup.headerRows', `must be a whole number of rows 1-100; got ${headerRows}`);
  }
  if (paper !== undefined && paper !== 'A4') throw new InvalidInputError('printSetup.paper', `must be A4 or left out (the printer's paper); got ${JSON.stringify(paper)}`);
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    orientation,
    margins: NARROW_MARGINS,
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages down as needed.
    fitToHeight: fit === 'page' ? 1 : 0,
    ...(headerRows ? { printTitlesRow: `1:${headerRows}` } : {}),
    // 9 is A4 in SpreadsheetML's paper size codes (exceljs's PaperSize is a const enum).
    ...(paper === 'A4' ? { paperSize: 9 as ExcelJS.PaperSize } : {}),
  };
  return { pageSetup, headerFooter: { oddFooter: PAGE_FOOTER } };
}
