// The downloadable model sheet, written like every CSV the hub hands out. Server-side only: the page passes it to
// the form as a data URL, so the browser ships neither the CSV writer nor the reader.
import { spreadsheetCsv } from "../csv/spreadsheet";

const TEMPLATE_HEADERS = [
  "Pedido",
  "Transportadora",
  "Código de rastreio",
  "Forma de envio",
  "Data de postagem",
  "Link de rastreio",
] as const;

export const TRACKING_CSV_TEMPLATE = spreadsheetCsv(
  [["LAM-0000000001", "Correios", "AA123456785BR", "SEDEX", "27/11/2026", ""]],
  TEMPLATE_HEADERS,
);

export const TRACKING_CSV_TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(TRACKING_CSV_TEMPLATE)}`;
