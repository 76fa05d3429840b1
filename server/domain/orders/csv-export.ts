import { CHANNEL_LABELS, type ChannelId, LOGISTICS_MODE_LABELS, type LogisticsModeId } from "../channels/channels";
import { formatDocument } from "../documents";
import { formatDateTime } from "../format";
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
export const CSV_DELIMITER = ";";

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
    row.accessKey ?? "",
    row.trackingCode ?? "",
  ];
}
