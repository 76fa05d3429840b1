// The marketplaces' own side of the story: new orders arrive, payments clear or expire, customers cancel, and
// for marketplace logistics the marketplace ships and delivers by itself. Each tick moves an order at most one
// step, and only orders untouched since before the tick, so every step is visible to the hub as its own change.

import { CITIES, DISTRICTS, FIRST_NAMES, PRODUCTS, STREETS, SURNAMES } from "../scripts/seed-data/catalog";
import { CHANNEL_WEIGHTS, marketplaceCode } from "../scripts/seed-data/marketplace-codes";
import type { Random } from "../scripts/seed-data/random";
import type { ChannelId, LogisticsModeId } from "../server/domain/channels/channels";
import { CHANNEL_RULES, marketplaceReportsDelivery } from "../server/domain/channels/rules";
import { generateCpf } from "../server/domain/documents";
import type { SandboxStore } from "./store";
import type { MarketplaceOrder, OrderShipment, OrderStatus } from "./types";

export interface NewOrderOptions {
  seller: string;
  channel?: ChannelId;
  logisticsMode?: LogisticsModeId;
  status?: "NEW" | "APPROVED";
  code?: string;
}

export interface TickEvent {
  channel: ChannelId;
  code: string;
  sellerCnpj: string;
  from: OrderStatus | null;
  to: OrderStatus;
  what: string;
}

export interface TickResult {
  tick: number;
  created: number;
  changed: number;
  events: TickEvent[];
}

/** The label the marketplace prints itself in its own logistics modes. */
// Dispatched by the seller even where the marketplace reports the delivery from the carrier's tracking (Amazon).
const SELLER_DISPATCHED: readonly LogisticsModeId[] = ["correios", "own_carrier"];

function marketplaceShipment(random: Random, mode: LogisticsModeId, now: Date): OrderShipment {
  const handedAt = now.toISOString();
  switch (mode) {
    case "me2":
    case "mercado_envios_coleta":
      return {
        carrier: "mercado-envios",
        trackingCode: random.digits(11),
        method: "Mercado Envios",
        url: null,
        handedAt,
      };
    case "magalu_entregas":
      return {
        carrier: "other",
        trackingCode: `MGL${random.digits(10)}`,
        method: "Magalu Entregas",
        url: null,
        handedAt,
      };
    default:
      return { carrier: "other", trackingCode: `B2W${random.digits(10)}`, method: "B2W Entregas", url: null, handedAt };
  }
}

// Phone area codes (DDD) of the catalog's cities, so a customer's phone matches their address.
const AREA_CODES: Record<string, number> = {
  "São Paulo": 11,
  Campinas: 19,
  "Rio de Janeiro": 21,
  Niterói: 21,
  "Belo Horizonte": 31,
  Uberlândia: 34,
  Curitiba: 41,
  Londrina: 43,
  "Porto Alegre": 51,
  Florianópolis: 48,
  Salvador: 71,
  Recife: 81,
  Fortaleza: 85,
  Goiânia: 62,
  Brasília: 61,
  Manaus: 92,
  Belém: 91,
  Vitória: 27,
};

function plainAscii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * Customers who cancel do so soon after paying: in the first two hours after approval, 1 in 10 000 per tick
 * (about 5 % of orders at the default 15 s tick). Before, 2 % per tick at any age canceled nearly every
 * approved order within the hour, the demo's own orders included, before a seller could invoice them.
 */
function customerCancelChance(order: MarketplaceOrder, now: Date): number {
  const approvedAt = Date.parse(order.approvedAt ?? "");
  return Number.isFinite(approvedAt) && now.getTime() - approvedAt < 2 * 60 * 60 * 1000 ? 0.0001 : 0;
}

export class Generator {
  constructor(
    private readonly store: SandboxStore,
    private readonly sellers: readonly string[],
    private readonly random: Random,
  ) {}

  /** Builds and stores one order; the caller has checked the options. */
  createOrder(options: NewOrderOptions, now = new Date()): MarketplaceOrder {
    const r = this.random;
    const channel = options.channel ?? r.weighted(CHANNEL_WEIGHTS);
    const logisticsMode = options.logisticsMode ?? r.pick(CHANNEL_RULES[channel].logisticsModes);
    // Boleto and pix orders wait for payment; cards are approved at once, and most orders are paid by card.
    // Where the channel requires it, every order first waits for the seller's acceptance (Mirakl), paid or not.
    const status =
      options.status ??
      (CHANNEL_RULES[channel].requiresAcceptance ? "AWAITING_ACCEPTANCE" : r.next() < 0.25 ? "NEW" : "APPROVED");
    const first = r.pick(FIRST_NAMES);
    const place = r.pick(CITIES);

    // Distinct products per order: a repeated product is one line with a larger quantity.
    const lines = r.next() < 0.75 ? 1 : r.int(2, 3);
    const products = new Set<(typeof PRODUCTS)[number]>();
    while (products.size < lines) products.add(r.pick(PRODUCTS));
    const items = [...products].map((product) => ({
      sku: product.sku,
      name: product.name,
      quantity: r.next() < 0.85 ? 1 : 2,
      // Prices end in ,90 as shops usually set them.
      unitPriceCents: Math.floor(r.int(product.min, product.max) / 100) * 100 + 90,
    }));
    const shippingCents = r.next() < 0.3 ? 0 : r.int(9, 45) * 100 + 90;
    const itemsCents = items.reduce((sum, it) => sum + it.quantity * it.unitPriceCents, 0);

    const order: MarketplaceOrder = {
      code: options.code ?? marketplaceCode(r, channel, this.store.nextOrderNumber()),
      channel,
      sellerCnpj: options.seller,
      status,
      logisticsMode,
      placedAt: now.toISOString(),
      approvedAt: status === "APPROVED" ? now.toISOString() : null,
      customer: {
        name: `${first} ${r.pick(SURNAMES)} ${r.pick(SURNAMES)}`,
        document: generateCpf(r.next),
        email: `${plainAscii(first)}.${r.digits(4)}@example.com.br`,
        phone: `(${AREA_CODES[place.city] ?? 11}) 9${r.digits(4)}-${r.digits(4)}`,
      },
      address: {
        street: r.pick(STREETS),
        number: String(r.int(1, 2999)),
        complement: r.next() < 0.3 ? `Apto ${r.int(1, 25)}${r.int(1, 4)}` : null,
        district: r.pick(DISTRICTS),
        city: place.city,
        state: place.state,
        zip: `${place.zip}${r.digits(6)}`,
      },
      items,
      shippingCents,
      totalCents: itemsCents + shippingCents,
      invoice: null,
      invoiceValidation: null,
      shipment: null,
      deliveredAt: null,
      canceledAt: null,
      cancelReason: null,
      cancellationRequested: false,
      seq: 0,
      updatedAt: now.toISOString(),
    };
    return this.store.saveOrder(order, now);
  }

  tick(now = new Date()): TickResult {
    return this.store.transaction(() => {
      const tick = this.store.advanceTick();
      const events: TickEvent[] = [];
      for (const order of this.store.ordersIdleBefore(tick)) {
        const step = this.nextStep(order, now);
        if (!step) continue;
        this.store.saveOrder(step.order, now);
        events.push({
          channel: order.channel,
          code: order.code,
          sellerCnpj: order.sellerCnpj,
          from: order.status,
          to: step.order.status,
          what: step.what,
        });
      }
      const changed = events.length;
      let created = 0;
      for (const seller of this.sellers) {
        const count = this.random.int(0, 2);
        for (let i = 0; i < count; i++) {
          const order = this.createOrder({ seller }, now);
          created++;
          events.push({
            channel: order.channel,
            code: order.code,
            sellerCnpj: seller,
            from: null,
            to: order.status,
            what: "created",
          });
        }
      }
      return { tick, created, changed, events };
    });
  }

  /** The one thing the marketplace does to this order at this tick (every 15 s by default), if anything. */
  private nextStep(order: MarketplaceOrder, now: Date): { order: MarketplaceOrder; what: string } | null {
    const at = now.toISOString();
    const r = this.random;
    // A pending cancellation goes first: the customer is waiting for the refund.
    if (order.cancellationRequested && order.status === "INVOICED") {
      return {
        order: { ...order, status: "CANCELED", canceledAt: at, cancellationRequested: false },
        what: "cancellation_confirmed",
      };
    }
    if (order.invoiceValidation === "awaiting_validation") {
      return { order: { ...order, invoiceValidation: "validated" }, what: "invoice_validated" };
    }
    const marketplaceLogistics = marketplaceReportsDelivery(order.channel, order.logisticsMode);
    switch (order.status) {
      case "AWAITING_ACCEPTANCE":
        // Rarely, the seller lets the acceptance delay run out and the marketplace refuses the order itself.
        return r.next() < 0.002
          ? {
              order: {
                ...order,
                status: "CANCELED",
                canceledAt: at,
                cancelReason: "Recusado: prazo de aceite expirado",
              },
              what: "refused_unanswered",
            }
          : null;
      case "NEW": {
        const roll = r.next();
        if (roll < 0.75) return { order: { ...order, status: "APPROVED", approvedAt: at }, what: "payment_approved" };
        if (roll < 0.9) return { order: { ...order, status: "PAYMENT_OVERDUE" }, what: "payment_overdue" };
        return null;
      }
      case "PAYMENT_OVERDUE":
        return r.next() < 0.1
          ? {
              order: { ...order, status: "CANCELED", canceledAt: at, cancelReason: "Pagamento não realizado" },
              what: "canceled_unpaid",
            }
          : null;
      case "APPROVED":
        return r.next() < customerCancelChance(order, now)
          ? {
              order: { ...order, status: "CANCELED", canceledAt: at, cancelReason: "Cancelado pelo cliente" },
              what: "canceled_by_customer",
            }
          : null;
      case "INVOICED":
        return marketplaceLogistics && !SELLER_DISPATCHED.includes(order.logisticsMode)
          ? {
              order: { ...order, status: "SHIPPED", shipment: marketplaceShipment(r, order.logisticsMode, now) },
              what: "shipped_by_marketplace",
            }
          : null;
      case "SHIPPED":
        return marketplaceLogistics
          ? { order: { ...order, status: "DELIVERED", deliveredAt: at }, what: "delivered_by_marketplace" }
          : null;
      default:
        return null;
    }
  }
}
