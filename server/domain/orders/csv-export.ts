import { stringify } from "csv-stringify/sync";
import { CHANNEL_LABELS, type ChannelId, LOGISTICS_MODE_LABELS, type LogisticsModeId } from "../channels/channels";
import { formatDocument } from "../documents";
import { formatDateTime } from "../format";
import { formatAccessKeyGroups } from "../invoice/access-key-parts";
import { type OrderStatus, orderStatusLabel } from "./status";

export interface ExportRow {
  marketplaceCode: string;
  channel: ChannelId;
  logisticsMode: LogisticsModeId;
  placedAt: Date;
  status: OrderStatus;
  cancellationRequestedAt: Date | null;
  customerName: string;
  customerDocument: string;
  shipCity: string;
  shipState: string;
  itemsCents: number;
  shippingCents: number;
  totalCents: number;
  accessKey: string | null;
  trackingCode: string | null;
}

// Spreadsheets in Brazil expect ";" between fields and "," as the decimal mark.
const CSV_DELIMITER = ";";

/**
 * Records as CSV a Brazilian spreadsheet opens as is: ";" separators, CRLF, and on the first chunk the BOM (so
 * accents survive) and the header row. Streams call it per page with `first` only once.
 */
export function spreadsheetCsv(records: string[][], headers: readonly string[], first = true): string {
  return stringify(records, {
    delimiter: CSV_DELIMITER,
    bom: first,
    header: first,
    columns: [...headers],
    record_delimiter: "windows",
  });
}

export const CSV_HEADERS = [
  "Pedido",
  "Canal",
  "Modo de entrega",
  "Data do pedido",
  "Status",
  "Cliente",
  "CPF/CNPJ",
  "Cidade",
  "UF",
  "Produtos (R$)",
  "Frete (R$)",
  "Total (R$)",
  "Chave da NF-e",
  "Rastreio",
] as const;

const decimal = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");

// Text from marketplaces goes into spreadsheets: a leading = + - @ would be run as a formula there.
export const spreadsheetText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export function toCsvRecord(row: ExportRow): string[] {
  return [
    spreadsheetText(row.marketplaceCode),
    CHANNEL_LABELS[row.channel],
    LOGISTICS_MODE_LABELS[row.logisticsMode],
    formatDateTime(row.placedAt),
    orderStatusLabel(row),
    spreadsheetText(row.customerName),
    formatDocument(row.customerDocument),
    spreadsheetText(row.shipCity),
    row.shipState,
    decimal(row.itemsCents),
    decimal(row.shippingCents),
    decimal(row.totalCents),
    // In groups of four, as on the DANFE: 44 digits in one run become a rounded number (4,3E+43) in Excel.
    row.accessKey ? formatAccessKeyGroups(row.accessKey) : "",
    row.trackingCode ?? "",
  ];
}
