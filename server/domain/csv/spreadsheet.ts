// The one writer of every CSV the hub hands out (board export, import results, templates). Whatever a cell holds —
// typed by a seller, sent by a marketplace, accepted by support — a spreadsheet must show it as text, never run it.
import { stringify } from "csv-stringify/sync";

// Spreadsheets in Brazil expect ";" between fields and "," as the decimal mark.
const CSV_DELIMITER = ";";

// A cell whose first visible character is one of these is a formula (or DDE call) in Excel, LibreOffice and Google
// Sheets; the full-width forms are folded to them by some of those programs.
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@＝＋－＠]|^[\t\r\n]/u;
// Plain numbers, negative ones included, are data and keep their form.
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** The cell as text a spreadsheet displays: a leading apostrophe makes a would-be formula inert. */
export function spreadsheetCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * Records as CSV a Brazilian spreadsheet opens as is: ";" separators, CRLF, every cell made inert, and on the first
 * chunk the BOM (so accents survive) and the header row. Streams call it per page with `first` only once.
 */
export function spreadsheetCsv(
  records: readonly (readonly string[])[],
  headers: readonly string[],
  first = true,
): string {
  return stringify(
    records.map((record) => record.map(spreadsheetCell)),
    {
      delimiter: CSV_DELIMITER,
      bom: first,
      header: first,
      columns: headers.map(spreadsheetCell),
      record_delimiter: "windows",
      // A lone CR or LF is a line break to spreadsheets, though not the "\r\n" delimiter: quoted, it stays in its cell.
      quoted_match: /[\r\n]/,
    },
  );
}
