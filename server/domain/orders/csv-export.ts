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

export function toCsvRecord(row: ExportRow): string[] {
  return [
    row.marketplaceCode,
    CHANNEL_LABELS[row.channel],
    LOGISTICS_MODE_LABELS[row.logisticsMode],
    formatDateTime(row.placedAt),
    orderStatusLabel(row),
    row.customerName,
    formatDocument(row.customerDocument),
    row.shipCity,
    row.shipState,
    decimal(row.itemsCents),
    decimal(row.shippingCents),
    decimal(row.totalCents),
    // In groups of four, as on the DANFE: 44 digits in one run become a rounded number (4,3E+43) in Excel.
    row.accessKey ? formatAccessKeyGroups(row.accessKey) : "",
    row.trackingCode ?? "",
  ];
}
