// A sandbox order as SkyHub's order JSON (desenvolvedores.skyhub.com.br "Consumo de Pedidos - Queues"): money in
// reais, dates with Brasília's offset, status as {code, label, type}.
import type { LogisticsModeId } from "../../../server/domain/channels/channels";
import { SKYHUB_STATUS } from "../../../server/domain/channels/skyhub-statuses";
import type { MarketplaceOrder } from "../../types";

export { SKYHUB_STATUS };

const SHIPPING: Partial<Record<LogisticsModeId, { method: string; calculation: string | null }>> = {
  correios: { method: "Correios", calculation: null },
  own_carrier: { method: "Transportadora", calculation: null },
  b2w_entregas: { method: "B2W Entrega", calculation: "b2wentregacorreios" },
  b2w_entregas_direct: { method: "B2W Entrega Direct", calculation: "b2wentregadirect" },
};

function brasilia(iso: string | null): string | null {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? null : `${new Date(at - 3 * 3600_000).toISOString().slice(0, 19)}-03:00`;
}

const reais = (cents: number) => Math.round(cents) / 100;

export function renderOrder(order: MarketplaceOrder, synced: boolean): Record<string, unknown> {
  const shipping = SHIPPING[order.logisticsMode] ?? { method: "Transportadora", calculation: null };
  const address = {
    full_name: order.customer.name,
    street: order.address.street,
    number: order.address.number,
    detail: order.address.complement ?? "",
    complement: order.address.complement ?? "",
    neighborhood: order.address.district,
    city: order.address.city,
    region: order.address.state,
    postcode: order.address.zip,
    country: "BR",
    phone: order.customer.phone,
  };
  const items = order.items.map((item) => ({ sku: item.sku, qty: item.quantity }));
  return {
    code: order.code,
    channel: "Lojas Americanas",
    placed_at: brasilia(order.placedAt),
    updated_at: brasilia(order.updatedAt),
    approved_date: brasilia(order.approvedAt),
    total_ordered: reais(order.totalCents),
    shipping_cost: reais(order.shippingCents),
    discount: 0,
    interest: 0,
    shipping_method: shipping.method,
    calculation_type: shipping.calculation,
    status: SKYHUB_STATUS[order.status],
    sync_status: synced ? "SYNCED" : "NOT_SYNCED",
    customer: {
      name: order.customer.name,
      email: order.customer.email,
      vat_number: order.customer.document,
      phones: [order.customer.phone],
    },
    shipping_address: address,
    billing_address: address,
    items: order.items.map((item) => ({
      id: item.sku,
      product_id: item.sku,
      name: item.name,
      qty: item.quantity,
      original_price: reais(item.unitPriceCents),
      special_price: reais(item.unitPriceCents),
    })),
    invoices: order.invoice
      ? [
          {
            key: order.invoice.accessKey,
            line: order.invoice.accessKey.slice(22, 25),
            number: order.invoice.accessKey.slice(25, 34),
            issue_date: brasilia(order.invoice.issuedAt),
          },
        ]
      : [],
    shipments: order.shipment
      ? [
          {
            code: order.code,
            items,
            tracks: [
              {
                code: order.shipment.trackingCode,
                carrier: order.shipment.carrier,
                method: order.shipment.method,
                url: order.shipment.url,
              },
            ],
          },
        ]
      : [],
    shipped_date: order.shipment ? brasilia(order.shipment.handedAt) : null,
    delivered_date: brasilia(order.deliveredAt),
    import_info: { ss_name: "Lojas Americanas", remote_code: order.code },
  };
}
