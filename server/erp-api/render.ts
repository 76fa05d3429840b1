// A hub order as SkyHub's order JSON (desenvolvedores.skyhub.com.br "Consumo de Pedidos - Queues"), the shape an
// ERP written for SkyHub reads: money in reais, dates with Brasília's offset, status as {code, label, type}.
import type { OrderWithDocuments } from "../../db/queries/orders";
import { CHANNEL_LABELS } from "../domain/channels/channels";
import { SKYHUB_STATUS } from "../domain/channels/skyhub-statuses";
import { erpOrderCode } from "./order-code";

const reais = (cents: number) => Math.round(cents) / 100;

function brasilia(at: Date | null): string | null {
  return at ? `${new Date(at.getTime() - 3 * 3600_000).toISOString().slice(0, 19)}-03:00` : null;
}

export function renderErpOrder(view: OrderWithDocuments, synced: boolean): Record<string, unknown> {
  const { order, items } = view;
  const address = {
    full_name: order.customerName,
    street: order.shipStreet,
    number: order.shipNumber,
    detail: order.shipComplement ?? "",
    complement: order.shipComplement ?? "",
    neighborhood: order.shipDistrict,
    city: order.shipCity,
    region: order.shipState,
    postcode: order.shipZip,
    country: "BR",
    phone: order.customerPhone ?? "",
  };
  const channel = CHANNEL_LABELS[order.channel];
  return {
    code: erpOrderCode(order.channel, order.marketplaceCode),
    channel,
    placed_at: brasilia(order.placedAt),
    updated_at: brasilia(order.updatedAt),
    approved_date: brasilia(order.approvedAt),
    estimated_delivery: brasilia(order.estimatedDeliveryAt),
    total_ordered: reais(order.totalCents),
    shipping_cost: reais(order.shippingCents),
    discount: 0,
    interest: 0,
    shipping_method: order.logisticsMode,
    status: SKYHUB_STATUS[order.status],
    sync_status: synced ? "SYNCED" : "NOT_SYNCED",
    customer: {
      name: order.customerName,
      email: order.customerEmail ?? "",
      vat_number: order.customerDocument,
      phones: order.customerPhone ? [order.customerPhone] : [],
    },
    shipping_address: address,
    billing_address: address,
    items: items.map((item) => ({
      id: item.sku,
      product_id: item.sku,
      name: item.name,
      qty: item.quantity,
      original_price: reais(item.unitPriceCents),
      special_price: reais(item.unitPriceCents),
    })),
    invoices: view.invoices.map((invoice) => ({
      key: invoice.accessKey,
      line: invoice.series,
      number: invoice.number,
      issue_date: brasilia(invoice.issuedAt ?? invoice.createdAt),
    })),
    shipments: view.shipments.map((shipment) => ({
      code: erpOrderCode(order.channel, order.marketplaceCode),
      items: items.map((item) => ({ sku: item.sku, qty: item.quantity })),
      tracks: [
        { code: shipment.trackingCode, carrier: shipment.carrier, method: shipment.method, url: shipment.trackingUrl },
      ],
    })),
    shipped_date: brasilia(view.shipments.at(-1)?.handedAt ?? null),
    import_info: { ss_name: channel, remote_code: order.marketplaceCode },
  };
}
