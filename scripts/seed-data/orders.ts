import { createHash } from "node:crypto";
import type { invoices, orderItems, orders, outbox, shipments, timelineEntries } from "../../db/schema";
import {
  CHANNEL_IDS,
  CHANNEL_LABELS,
  type ChannelId,
  type LogisticsModeId,
} from "../../server/domain/channels/channels";
import {
  CHANNEL_RULES,
  invoiceHeldUntilShipment,
  marketplaceReportsDelivery,
} from "../../server/domain/channels/rules";
import { generateCnpj, generateCpf } from "../../server/domain/documents";
import { searchableText } from "../../server/domain/format";
import { buildAccessKey } from "../../server/domain/invoice/access-key";
import { deadlineColumns } from "../../server/domain/orders/deadlines";
import type { OrderStatus } from "../../server/domain/orders/status";
import { isOneOf, QUEUED } from "../../server/domain/replication/outbox-states";
import { s10CheckDigit } from "../../server/domain/shipping/tracking";
import { CITIES, DISTRICTS, FIRST_NAMES, PRODUCTS, STREETS, SURNAMES } from "./catalog";
import { CHANNEL_WEIGHTS, marketplaceCode } from "./marketplace-codes";
import { renderNfeXml } from "./nfe-xml";
import type { Random } from "./random";

type NewOrder = typeof orders.$inferInsert;
type NewItem = typeof orderItems.$inferInsert;
type NewInvoice = typeof invoices.$inferInsert;
type NewShipment = typeof shipments.$inferInsert;
type NewTimeline = typeof timelineEntries.$inferInsert;
type NewOutbox = typeof outbox.$inferInsert;

export interface SeedAccount {
  id: number;
  cnpj: string;
  /** The emitter's name on its NF-e. */
  legalName: string;
  stateCode: string;
  sellerUserId: string;
  sellerName: string;
}

export interface GeneratedOrder {
  order: NewOrder;
  items: NewItem[];
  invoice: NewInvoice | null;
  shipment: NewShipment | null;
  timeline: NewTimeline[];
  outbox: NewOutbox[];
}

const DAY = 24 * 60 * 60 * 1000;

const ACCEPTING_CHANNELS = CHANNEL_IDS.filter((channel) => CHANNEL_RULES[channel].requiresAcceptance);
// São Paulo has kept UTC−3 all year since 2019: local times are one subtraction, not a time-zone lookup per order.
const SAO_PAULO_OFFSET = 3 * 60 * 60 * 1000;

/** An instant as an NF-e writes it: São Paulo's wall clock and offset ("2026-11-20T09:15:00-03:00"). */
function nfeDateTime(at: number): string {
  return `${new Date(at - SAO_PAULO_OFFSET).toISOString().slice(0, 19)}-03:00`;
}

const STATUS_WEIGHTS: Record<OrderStatus, number> = {
  // Only on channels whose marketplace asks for acceptance (Carrefour): a few, as a shop that answers within the day.
  AWAITING_ACCEPTANCE: 2,
  NEW: 6,
  PAYMENT_OVERDUE: 4,
  APPROVED: 20,
  OUT_OF_STOCK: 3,
  INVOICED: 14,
  SHIPPED: 17,
  SHIPMENT_EXCEPTION: 3,
  DELIVERED: 26,
  CANCELED: 7,
};

// How old an order in each status plausibly is, in days. Open orders are young, as in a shop that keeps up: most
// are within their deadline (server/domain/orders/deadlines.ts), a minority late or due today.
const AGE_DAYS: Record<OrderStatus, [number, number]> = {
  AWAITING_ACCEPTANCE: [0, 1],
  NEW: [0, 2],
  PAYMENT_OVERDUE: [4, 30],
  APPROVED: [0, 1],
  OUT_OF_STOCK: [1, 5],
  INVOICED: [0, 3],
  SHIPPED: [2, 12],
  SHIPMENT_EXCEPTION: [5, 20],
  DELIVERED: [6, 60],
  CANCELED: [1, 60],
};

function correiosCode(random: Random): string {
  const digits = random.digits(8);
  return `${random.pick(["QB", "OY", "NX", "PM", "AA", "JT"])}${digits}${s10CheckDigit(digits)}BR`;
}

function trackingFor(random: Random, mode: LogisticsModeId) {
  switch (mode) {
    case "correios":
      return { carrier: "correios", code: correiosCode(random), method: random.pick(["PAC", "SEDEX"]) };
    case "own_carrier":
      return random.next() < 0.5
        ? { carrier: "jadlog", code: random.digits(14), method: "Jadlog .Package" }
        : { carrier: "total-express", code: `TE${random.digits(10)}`, method: "Expresso" };
    case "me2":
    case "mercado_envios_coleta":
      return { carrier: "mercado-envios", code: random.digits(11), method: "Mercado Envios" };
    case "b2w_entregas":
    case "b2w_entregas_direct":
      return { carrier: "other", code: `B2W${random.digits(10)}`, method: "B2W Entregas" };
    case "magalu_entregas":
      return { carrier: "other", code: `MGL${random.digits(10)}`, method: "Magalu Entregas" };
  }
}

const COMPANY_SUFFIX = "Comércio Ltda";

// The accent-free form of each name part, worked out once: a customer's search name is put together from them
// rather than normalising a new string per order.
const searchableParts = new Map([...FIRST_NAMES, ...SURNAMES, COMPANY_SUFFIX].map((w) => [w, searchableText(w)]));
const searchable = (...parts: string[]) => parts.map((part) => searchableParts.get(part) as string).join(" ");

export function randomCustomer(random: Random) {
  const first = random.pick(FIRST_NAMES);
  const middle = random.pick(SURNAMES);
  const last = random.pick(SURNAMES);
  // A few customers are companies buying with their CNPJ.
  const isCompany = random.next() < 0.05;
  const company = isCompany ? random.pick(SURNAMES) : "";
  return {
    name: isCompany ? `${company} ${COMPANY_SUFFIX}` : `${first} ${middle} ${last}`,
    nameSearch: isCompany ? searchable(company, COMPANY_SUFFIX) : searchable(first, middle, last),
    document: isCompany ? generateCnpj(random.next) : generateCpf(random.next),
    email: `${searchable(first).replace(/\s/g, "")}.${random.digits(4)}@example.com.br`,
    phone: `(${random.int(11, 99)}) 9${random.digits(4)}-${random.digits(4)}`,
  };
}

type Actor = Pick<NewTimeline, "actorType" | "actorUserId" | "actorName">;

/**
 * An order's timeline and outbox as it moves through its statuses, one step later each time. Methods rather than
 * closures made per order: under tsx every closure created also costs a call naming it, millions of times over.
 */
class History {
  readonly timeline: NewTimeline[] = [];
  readonly outbox: NewOutbox[] = [];
  current: OrderStatus = "NEW";

  constructor(
    private readonly random: Random,
    private readonly account: SeedAccount,
    private readonly channel: ChannelId,
    private readonly seq: number,
    private readonly now: number,
    public at: number,
    private readonly step: number,
  ) {}

  push(to: OrderStatus | null, kind: string, summary: string, actor: Actor, data?: Record<string, unknown>) {
    this.timeline.push({
      orderId: 0,
      accountId: this.account.id,
      at: new Date(this.at),
      ...actor,
      kind,
      fromStatus: to ? this.current : null,
      toStatus: to,
      summary,
      data: data ?? null,
    });
    if (to) this.current = to;
  }

  advance() {
    this.at += Math.max(60_000, Math.floor(this.step * (0.5 + this.random.next())));
    if (this.at > this.now) this.at = this.now - 1000;
  }

  ack(kind: string, payload: Record<string, unknown>, state: NewOutbox["state"] = "acknowledged") {
    this.outbox.push({
      orderId: 0,
      accountId: this.account.id,
      channel: this.channel,
      kind,
      payload,
      state,
      idempotencyKey: `seed-${this.account.id}-${this.seq}-${kind}`,
      attempts: state === "acknowledged" ? 1 : 0,
      // The worker only picks an update whose time has come; one with no time would wait forever (issue 15).
      nextAttemptAt: isOneOf(QUEUED, state) ? new Date(this.at) : null,
      createdAt: new Date(this.at),
      updatedAt: new Date(this.at),
    });
  }
}

/** The invoice with the NF-e XML its emitter authorised for the order: the order's recipient, items and total. */
function withNfeXml(
  invoice: NewInvoice,
  order: {
    account: SeedAccount;
    customer: { document: string; name: string };
    items: NewItem[];
    shippingCents: number;
    code: string;
  },
): NewInvoice {
  const issuedAt = invoice.issuedAt?.getTime() ?? invoice.createdAt.getTime();
  const xml = Buffer.from(
    renderNfeXml({
      accessKey: invoice.accessKey,
      issuedAt: nfeDateTime(issuedAt),
      authorizedAt: nfeDateTime(issuedAt + 2 * 60 * 1000),
      emitter: { cnpj: order.account.cnpj, name: order.account.legalName },
      recipient: { document: order.customer.document, name: order.customer.name },
      items: order.items,
      shippingCents: order.shippingCents,
      totalCents: invoice.totalCents ?? 0,
      purchaseOrder: order.code,
    }),
  );
  return { ...invoice, xml, xmlSha256: createHash("sha256").update(xml).digest("hex") };
}

/**
 * When an order was placed and the status it has reached by `now`, which decides how old it plausibly is; a
 * showcase order also fixes its channel and logistics mode.
 */
export interface Placement {
  status: OrderStatus;
  placedAt: number;
  channel?: ChannelId;
  logisticsMode?: LogisticsModeId;
}

type Showcase = Required<Omit<Placement, "placedAt">>;

/**
 * Every account's first orders, so that whatever the random draws, a demo seller finds each step of the flow on
 * each kind of channel to try (and the end-to-end tests find theirs): an order to invoice on SkyHub by Correios, one
 * whose invoice Zoom holds for the shipment, one Carrefour waits to have accepted, one to ship.
 */
export const DEMO_SHOWCASE: readonly Showcase[] = [
  { status: "APPROVED", channel: "americanas", logisticsMode: "correios" },
  { status: "APPROVED", channel: "americanas", logisticsMode: "correios" },
  { status: "APPROVED", channel: "americanas", logisticsMode: "own_carrier" },
  { status: "APPROVED", channel: "zoom", logisticsMode: "own_carrier" },
  { status: "APPROVED", channel: "carrefour", logisticsMode: "correios" },
  { status: "AWAITING_ACCEPTANCE", channel: "carrefour", logisticsMode: "correios" },
  { status: "APPROVED", channel: "magalu", logisticsMode: "correios" },
  { status: "APPROVED", channel: "amazon", logisticsMode: "correios" },
  { status: "INVOICED", channel: "americanas", logisticsMode: "correios" },
  { status: "INVOICED", channel: "americanas", logisticsMode: "own_carrier" },
];

export function drawPlacement(random: Random, now: number, showcase?: Showcase): Placement {
  const status = showcase?.status ?? random.weighted(STATUS_WEIGHTS);
  const [minAge, maxAge] = AGE_DAYS[status];
  const placedAt =
    now - Math.floor((minAge + random.next() * (maxAge - minAge + 0.9)) * DAY) - random.int(10, 3600) * 1000;
  return { ...showcase, status, placedAt };
}

/** One order with its whole history, consistent with the status it ends in. */
export function generateOrder(
  random: Random,
  account: SeedAccount,
  seq: number,
  now: number,
  placement: Placement = drawPlacement(random, now),
): GeneratedOrder {
  const { status, placedAt } = placement;
  const channel =
    placement.channel ??
    (status === "AWAITING_ACCEPTANCE" ? random.pick(ACCEPTING_CHANNELS) : random.weighted(CHANNEL_WEIGHTS));
  const mode = placement.logisticsMode ?? random.pick(CHANNEL_RULES[channel].logisticsModes);
  const customer = randomCustomer(random);
  const place = random.pick(CITIES);

  const items: NewItem[] = [];
  const lines = random.next() < 0.75 ? 1 : random.int(2, 3);
  for (let i = 0; i < lines; i++) {
    const product = random.pick(PRODUCTS);
    // Prices end in ,90 as shops usually set them.
    const price = Math.floor(random.int(product.min, product.max) / 100) * 100 + 90;
    items.push({
      orderId: 0,
      sku: product.sku,
      name: product.name,
      quantity: random.next() < 0.85 ? 1 : 2,
      unitPriceCents: price,
    });
  }
  const itemsCents = items.reduce((sum, it) => sum + it.unitPriceCents * it.quantity, 0);
  const shippingCents = random.next() < 0.3 ? 0 : random.int(9, 45) * 100 + 90;

  const history = new History(random, account, channel, seq, now, placedAt, (now - placedAt) / 6);
  const sellerActor: Actor = { actorType: "user", actorUserId: account.sellerUserId, actorName: account.sellerName };
  const channelActor: Actor = { actorType: "channel", actorUserId: null, actorName: CHANNEL_LABELS[channel] };

  const accepts = CHANNEL_RULES[channel].requiresAcceptance;
  history.push(
    accepts ? "AWAITING_ACCEPTANCE" : "NEW",
    "order.received",
    "Pedido recebido do marketplace",
    channelActor,
  );
  if (accepts && status !== "AWAITING_ACCEPTANCE") {
    history.advance();
    history.push("NEW", "order.accepted", "Pedido aceito pelo vendedor", sellerActor);
    history.ack("accept", {});
  }
  let approvedAt: number | null = null;
  let invoice: NewInvoice | null = null;
  let shipment: NewShipment | null = null;
  let cancellationRequestedAt: Date | null = null;

  if (status === "PAYMENT_OVERDUE") {
    history.advance();
    history.push("PAYMENT_OVERDUE", "payment.overdue", "Boleto vencido sem pagamento", channelActor);
  }
  const reachesApproved =
    !["NEW", "PAYMENT_OVERDUE"].includes(status) && !(status === "CANCELED" && random.next() < 0.4);
  if (reachesApproved) {
    history.advance();
    approvedAt = history.at;
    history.push("APPROVED", "payment.approved", "Pagamento aprovado pelo marketplace", channelActor);
  }
  if (status === "OUT_OF_STOCK") {
    history.advance();
    history.push("OUT_OF_STOCK", "order.out_of_stock", "Marcado como sem estoque", sellerActor, {
      reason: "Fornecedor atrasou a reposição",
    });
  }
  const invoiced = ["INVOICED", "SHIPPED", "SHIPMENT_EXCEPTION", "DELIVERED"].includes(status);
  // A channel that refuses a key alone was invoiced with the NF-e XML, as its seller would upload it.
  const byXml = invoiced && CHANNEL_RULES[channel].invoiceNeedsXml;
  if (invoiced) {
    history.advance();
    // To the second, as dhEmi writes it.
    const issuedAt = Math.floor((history.at - 3 * 60 * 60 * 1000) / 1000) * 1000;
    // The key carries the month of the emitter's own clock, as its dhEmi does.
    const localIssue = new Date(issuedAt - SAO_PAULO_OFFSET);
    const accessKey = buildAccessKey({
      stateCode: account.stateCode,
      year: localIssue.getUTCFullYear(),
      month: localIssue.getUTCMonth() + 1,
      cnpj: account.cnpj,
      series: 1,
      number: seq,
      randomCode: random.digits(8),
    });
    // The file itself is written once the order has its code, which the note quotes (withNfeXml).
    const xmlFileName = byXml ? `${accessKey}-nfe.xml` : null;
    invoice = {
      orderId: 0,
      accountId: account.id,
      accessKey,
      source: byXml ? "xml" : "key",
      xmlFileName,
      series: "001",
      number: String(seq).padStart(9, "0"),
      issuedAt: new Date(byXml ? issuedAt : history.at),
      totalCents: itemsCents + shippingCents,
      createdAt: new Date(history.at),
      createdByUserId: account.sellerUserId,
    };
    const via = byXml ? `pelo XML (${xmlFileName})` : "pela chave de acesso";
    history.push("INVOICED", "order.invoiced", `Nota fiscal informada ${via}`, sellerActor, {
      accessKey,
      ...(byXml ? { source: "xml" } : {}),
    });
    const payload = byXml ? { accessKey, hasXml: true, issuedAt: new Date(issuedAt).toISOString() } : { accessKey };
    const held = invoiceHeldUntilShipment(channel, mode);
    if (!held) history.ack("invoice", payload);
    else if (status === "INVOICED") history.ack("invoice", payload, "held");
    // Only where the marketplace takes a seller's cancellation (not Zoom's, which cancels through its support).
    if (status === "INVOICED" && CHANNEL_RULES[channel].sellerCancels && random.next() < 0.08) {
      cancellationRequestedAt = new Date(now - random.int(1, 20) * 60 * 60 * 1000);
    }
  }
  const shipped = ["SHIPPED", "SHIPMENT_EXCEPTION", "DELIVERED"].includes(status);
  if (shipped) {
    history.advance();
    const track = trackingFor(random, mode);
    shipment = {
      orderId: 0,
      accountId: account.id,
      carrier: track.carrier,
      trackingCode: track.code,
      method: track.method,
      trackingUrl: track.carrier === "correios" ? "https://rastreamento.correios.com.br/app/index.php" : null,
      handedAt: new Date(history.at),
      createdAt: new Date(history.at),
      createdByUserId: account.sellerUserId,
    };
    history.push("SHIPPED", "order.shipped", `Enviado: ${track.method}, rastreio ${track.code}`, sellerActor, {
      trackingCode: track.code,
    });
    if (invoiceHeldUntilShipment(channel, mode)) history.ack("invoice", { accessKey: invoice?.accessKey });
    history.ack("shipment", { trackingCode: track.code });
  }
  if (status === "SHIPMENT_EXCEPTION") {
    history.advance();
    history.push(
      "SHIPMENT_EXCEPTION",
      "order.delivery_problem",
      "Problema na entrega: destinatário ausente em 3 tentativas",
      sellerActor,
    );
    history.ack("delivery_problem", { observation: "Destinatário ausente" });
  }
  if (status === "DELIVERED") {
    history.advance();
    const byMarketplace = marketplaceReportsDelivery(channel, mode);
    history.push(
      "DELIVERED",
      "order.delivered",
      "Pedido entregue ao cliente",
      byMarketplace ? channelActor : sellerActor,
    );
    if (!byMarketplace) history.ack("delivered", { deliveredAt: new Date(history.at).toISOString() });
  }
  if (status === "CANCELED") {
    history.advance();
    const bySeller = history.current !== "NEW" && CHANNEL_RULES[channel].sellerCancels && random.next() < 0.3;
    history.push(
      "CANCELED",
      "order.canceled",
      bySeller ? "Cancelado pelo vendedor: sem estoque" : "Cancelado pelo marketplace",
      bySeller ? sellerActor : channelActor,
    );
    if (bySeller) history.ack("cancel", { reason: "Sem estoque" });
  }
  if (cancellationRequestedAt) {
    history.at = cancellationRequestedAt.getTime();
    history.push(
      null,
      "order.cancellation_requested",
      "Cancelamento solicitado ao marketplace: cliente desistiu da compra",
      sellerActor,
    );
    history.ack("cancel", { reason: "Cliente desistiu da compra" }, "pending");
  }

  const name = customer.name;
  const code = marketplaceCode(random, channel, seq);
  if (invoice && byXml) invoice = withNfeXml(invoice, { account, customer, items, shippingCents, code });
  const order: NewOrder = {
    accountId: account.id,
    channel,
    marketplaceCode: code,
    logisticsMode: mode,
    status,
    cancellationRequestedAt,
    cancellationReason: cancellationRequestedAt ? "Cliente desistiu da compra" : null,
    placedAt: new Date(placedAt),
    approvedAt: approvedAt ? new Date(approvedAt) : null,
    estimatedDeliveryAt: new Date(placedAt + random.int(5, 12) * DAY),
    statusChangedAt: new Date(history.at),
    ...deadlineColumns({
      status,
      channel,
      logisticsMode: mode,
      placedAt: new Date(placedAt),
      approvedAt: approvedAt ? new Date(approvedAt) : null,
      statusChangedAt: new Date(history.at),
      cancellationRequestedAt,
    }),
    customerName: name,
    customerNameSearch: customer.nameSearch,
    customerDocument: customer.document,
    customerEmail: customer.email,
    customerPhone: customer.phone,
    shipStreet: random.pick(STREETS),
    shipNumber: String(random.int(10, 3999)),
    shipComplement: random.next() < 0.3 ? `Apto ${random.int(11, 1204)}` : null,
    shipDistrict: random.pick(DISTRICTS),
    shipCity: place.city,
    shipState: place.state,
    shipZip: `${place.zip}${random.digits(6)}`,
    itemsCents,
    shippingCents,
    totalCents: itemsCents + shippingCents,
    accessKey: invoice?.accessKey ?? null,
    trackingCode: shipment?.trackingCode ?? null,
    version: history.timeline.length,
    createdAt: new Date(placedAt),
    updatedAt: new Date(history.at),
  };
  return { order, items, invoice, shipment, timeline: history.timeline, outbox: history.outbox };
}

/**
 * A Mercado Livre order that matches the real NF-e `authorized-homologation.xml` (tests/fixtures/nfe)
 * (emitter 06.929.383/0001-63, recipient 58.716.523/0001-19, R$ 500,00, issued September 2018), so the demo
 * seller can try an actual authorised document end to end.
 */
export function fixtureMatchingOrder(account: SeedAccount, seq: number): GeneratedOrder {
  const placedAt = Date.UTC(2018, 8, 24, 13, 0, 0);
  const approvedAt = placedAt + 2 * 60 * 60 * 1000;
  const name = "Casa Verde Comércio de Presentes Ltda";
  const base = {
    orderId: 0,
    accountId: account.id,
    actorType: "channel" as const,
    actorUserId: null,
    actorName: CHANNEL_LABELS.mercado_livre,
  };
  return {
    order: {
      accountId: account.id,
      channel: "mercado_livre",
      marketplaceCode: `2000001${String(seq).padStart(9, "0")}`,
      logisticsMode: "mercado_envios_coleta",
      status: "APPROVED",
      placedAt: new Date(placedAt),
      approvedAt: new Date(approvedAt),
      estimatedDeliveryAt: new Date(placedAt + 8 * DAY),
      statusChangedAt: new Date(approvedAt),
      ...deadlineColumns({
        status: "APPROVED",
        channel: "mercado_livre",
        logisticsMode: "mercado_envios_coleta",
        placedAt: new Date(placedAt),
        approvedAt: new Date(approvedAt),
        statusChangedAt: new Date(approvedAt),
        cancellationRequestedAt: null,
      }),
      customerName: name,
      customerNameSearch: searchableText(name),
      customerDocument: "58716523000119",
      customerEmail: "compras@casaverde.example.com.br",
      customerPhone: "(11) 3333-4444",
      shipStreet: "Rua Augusta",
      shipNumber: "1500",
      shipComplement: "Loja 2",
      shipDistrict: "Consolação",
      shipCity: "São Paulo",
      shipState: "SP",
      shipZip: "01304001",
      itemsCents: 47000,
      shippingCents: 3000,
      totalCents: 50000,
      version: 2,
      createdAt: new Date(placedAt),
      updatedAt: new Date(approvedAt),
    },
    items: [
      {
        orderId: 0,
        sku: "KIT-PRES-10",
        name: "Kit presente corporativo 10 unidades",
        quantity: 1,
        unitPriceCents: 47000,
      },
    ],
    invoice: null,
    shipment: null,
    timeline: [
      {
        ...base,
        at: new Date(placedAt),
        kind: "order.received",
        fromStatus: "NEW",
        toStatus: "NEW",
        summary: "Pedido recebido do marketplace",
      },
      {
        ...base,
        at: new Date(approvedAt),
        kind: "payment.approved",
        fromStatus: "NEW",
        toStatus: "APPROVED",
        summary: "Pagamento aprovado pelo marketplace",
      },
    ],
    outbox: [],
  };
}
