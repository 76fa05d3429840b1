import type { OrderStatus } from "../orders/status";
import { CHANNEL_WITH_ARTICLE, type ChannelId, type LogisticsModeId } from "./channels";

/**
 * How the hub talks to a channel (SPEC §7): its marketplace's own public API, or the sandbox's `/v1` protocol for
 * channels that have no real adapter yet. The sandbox speaks every one of them.
 */
export const CHANNEL_PROTOCOLS = ["sandbox", "mercado_livre", "skyhub", "magalu", "amazon_sp", "mirakl"] as const;
export type ChannelProtocol = (typeof CHANNEL_PROTOCOLS)[number];

// SPEC §4 as data: a new channel is one entry here, never a new `if` elsewhere.
export interface ChannelRule {
  protocol: ChannelProtocol;
  /** The marketplace refuses an invoice given only by its access key. */
  invoiceNeedsXml: boolean;
  /** When the invoice is sent: at once, or held until the shipping data goes with it. */
  invoiceReplication: "immediate" | "with_shipment";
  /** Logistics modes for which the invoice goes at once even if the channel normally holds it. */
  immediateInvoiceModes: readonly LogisticsModeId[];
  /** Logistics modes in which the marketplace itself reports the delivery. */
  marketplaceDeliversModes: readonly LogisticsModeId[];
  /**
   * Logistics modes in which the marketplace prints the label and dispatches the parcel: the seller stops at the
   * invoice and the shipment comes from the marketplace (B2W Entrega, Mercado Envios 2).
   */
  marketplaceShipsModes: readonly LogisticsModeId[];
  /** Modes the channel offers to sellers. */
  logisticsModes: readonly LogisticsModeId[];
  /** Hours an approved order may wait for its invoice before it counts as late. */
  invoiceDeadlineHours: number;
  /**
   * Hours an invoiced order may wait for its dispatch (tracking) before it counts as late, where the seller ships
   * and the marketplace promised no dispatch date of its own (`MarketplaceOrder.shipBy`, SPEC §3).
   */
  shipDeadlineHours: number;
  /** The marketplace takes a tracking code only together with its tracking link (Mercado Livre's ME1). */
  trackingUrlRequired: boolean;
  /**
   * The marketplace's integration takes a seller's cancellation. Where it does not (Zoom cancels only through its
   * own support), the hub refuses it and tells the seller where to ask.
   */
  sellerCancels: boolean;
  /**
   * The shipped update must carry the NF-e's number and series beside its key, ship date, tracking and carrier
   * (Zoom's seller help centre); the hub reads them from the key.
   */
  shipmentCarriesInvoiceNumber: boolean;
  /**
   * The marketplace shows an expired bank slip as a state of its own (SkyHub's PAYMENT_OVERDUE). Mercado Livre has
   * none: its order keeps waiting for the payment until it is canceled.
   */
  showsPaymentOverdue: boolean;
  /**
   * A new order waits for the seller to accept or refuse it before the marketplace takes the payment (Mirakl's
   * WAITING_ACCEPTANCE, OR21); unanswered, the marketplace refuses it by itself.
   */
  requiresAcceptance: boolean;
  /** Hours an order may wait for the seller's acceptance before it counts as late, where acceptance is required. */
  acceptanceDeadlineHours: number;
  /**
   * The seller may report a delivery problem to the marketplace. Mirakl has no such call: the customer opens an
   * incident in Carrefour and the shop answers it there.
   */
  sellerReportsDeliveryProblem: boolean;
}

export const CHANNEL_RULES: Record<ChannelId, ChannelRule> = {
  americanas: {
    protocol: "skyhub",
    invoiceNeedsXml: false,
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: ["b2w_entregas", "b2w_entregas_direct"],
    marketplaceShipsModes: ["b2w_entregas", "b2w_entregas_direct"],
    logisticsModes: ["correios", "own_carrier", "b2w_entregas", "b2w_entregas_direct"],
    invoiceDeadlineHours: 48,
    shipDeadlineHours: 48,
    // SkyHub has no call for it (the API documents invoice, shipments, delivery, exception and cancel only).
    trackingUrlRequired: false,
    showsPaymentOverdue: true,
    sellerCancels: true,
    shipmentCarriesInvoiceNumber: false,
    requiresAcceptance: false,
    acceptanceDeadlineHours: 0,
    sellerReportsDeliveryProblem: true,
  },
  magalu: {
    protocol: "magalu",
    // The Open API's invoice call takes the NF-e XML beside its key, and goes at once (the "held" was SkyHub's relay).
    invoiceNeedsXml: true,
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    // Magalu Entregas: Magalu's label, Magalu's carrier, Magalu's delivery status.
    marketplaceDeliversModes: ["magalu_entregas"],
    marketplaceShipsModes: ["magalu_entregas"],
    logisticsModes: ["correios", "own_carrier", "magalu_entregas"],
    invoiceDeadlineHours: 48,
    shipDeadlineHours: 48,
    // The Open API documents no out-of-stock call, no expired bank slip (an unpaid order stays new until cancelled).
    trackingUrlRequired: false,
    showsPaymentOverdue: false,
    // The Open API has no cancellation by the seller: a Magalu order is cancelled in Magalu's seller portal.
    sellerCancels: false,
    shipmentCarriesInvoiceNumber: false,
    requiresAcceptance: false,
    acceptanceDeadlineHours: 0,
    sellerReportsDeliveryProblem: true,
  },
  mercado_livre: {
    protocol: "mercado_livre",
    invoiceNeedsXml: true,
    // The NF-e XML goes first: Mercado Livre releases the ME2 label only after it (the old "held" was SkyHub's relay).
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: ["me2", "mercado_envios_coleta"],
    marketplaceShipsModes: ["me2", "mercado_envios_coleta"],
    logisticsModes: ["me2", "mercado_envios_coleta", "own_carrier"],
    invoiceDeadlineHours: 24,
    shipDeadlineHours: 24,
    // Mercado Livre has no such state: a sale it cannot fulfil ends in a cancellation (feedback), not a pause.
    trackingUrlRequired: true,
    showsPaymentOverdue: false,
    sellerCancels: true,
    shipmentCarriesInvoiceNumber: false,
    requiresAcceptance: false,
    acceptanceDeadlineHours: 0,
    sellerReportsDeliveryProblem: true,
  },
  amazon: {
    protocol: "amazon_sp",
    // SP-API takes the NF-e as its XML (Delivery Shipment Invoicing), never by key alone.
    invoiceNeedsXml: true,
    // Its own call, whenever the note is ready: confirmShipment has no invoice field to wait for.
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    // Amazon reads delivery and delivery problems from the carrier's tracking; the seller sends neither.
    marketplaceDeliversModes: ["correios", "own_carrier"],
    marketplaceShipsModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 48,
    shipDeadlineHours: 48,
    // No such state at Amazon: an order the seller cannot fulfil is canceled (in Seller Central).
    trackingUrlRequired: false,
    // An unpaid Amazon order stays Pending until Amazon cancels it.
    showsPaymentOverdue: false,
    // cancelOrder is documented without its path or model: the seller cancels in Seller Central (below).
    sellerCancels: false,
    shipmentCarriesInvoiceNumber: false,
    requiresAcceptance: false,
    acceptanceDeadlineHours: 0,
    sellerReportsDeliveryProblem: true,
  },
  carrefour: {
    protocol: "mirakl",
    invoiceNeedsXml: false,
    // Mirakl takes the NF-e (custom fields or document, per connection) at any time while the order is SHIPPING.
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    // Mirakl has no seller call for it: the customer confirms receipt (RECEIVED) in the marketplace.
    marketplaceDeliversModes: ["correios", "own_carrier"],
    marketplaceShipsModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 48,
    shipDeadlineHours: 48,
    // Mirakl has no stock call once an order is accepted: refusing it (OR21) is the way out before.
    trackingUrlRequired: false,
    // No expired-slip state: the order stays WAITING_DEBIT_PAYMENT until the operator cancels it.
    showsPaymentOverdue: false,
    // OR29 while the order says can_cancel.
    sellerCancels: true,
    shipmentCarriesInvoiceNumber: false,
    // Mirakl's orders wait in WAITING_ACCEPTANCE until the shop accepts them (OR21). The operator sets the delay
    // after which an unanswered order is refused; Carrefour's is not published (docs/CHANNELS.md, Carrefour).
    requiresAcceptance: true,
    acceptanceDeadlineHours: 24,
    sellerReportsDeliveryProblem: false,
  },
  zoom: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: [],
    // Zoom moves an order to delivered itself from the carrier's tracking where it can follow it (Correios, its
    // help centre's example); for the seller's own carrier the seller reports it (docs/CHANNELS.md, assumption).
    marketplaceDeliversModes: ["correios"],
    marketplaceShipsModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 72,
    shipDeadlineHours: 72,
    // Zoom's statuses (New, Approved, Processed, Shipped, Delivered, Canceled) have no "sem estoque": a seller out of
    // stock asks Zoom's support to cancel. Whether an expired bank slip shows before the cancellation is not
    // documented; the sandbox's `/v1` shows it (docs/CHANNELS.md).
    trackingUrlRequired: false,
    showsPaymentOverdue: true,
    // Only Zoom's support cancels, on a ticket the seller opens; the shipped update carries the whole NF-e.
    sellerCancels: false,
    shipmentCarriesInvoiceNumber: true,
    requiresAcceptance: false,
    acceptanceDeadlineHours: 0,
    sellerReportsDeliveryProblem: true,
  },
};

export function invoiceNeedsXml(channel: ChannelId): boolean {
  return CHANNEL_RULES[channel].invoiceNeedsXml;
}

/** True when the invoice must wait for the shipping data before it reaches the marketplace. */
export function invoiceHeldUntilShipment(channel: ChannelId, mode: LogisticsModeId): boolean {
  const rule = CHANNEL_RULES[channel];
  return rule.invoiceReplication === "with_shipment" && !rule.immediateInvoiceModes.includes(mode);
}

export function marketplaceShips(channel: ChannelId, mode: LogisticsModeId): boolean {
  return CHANNEL_RULES[channel].marketplaceShipsModes.includes(mode);
}

export function marketplaceReportsDelivery(channel: ChannelId, mode: LogisticsModeId): boolean {
  return CHANNEL_RULES[channel].marketplaceDeliversModes.includes(mode);
}

/** The plain-words notice on an order whose invoice waits for the shipment (SPEC §4). */
export function heldInvoiceNotice(channel: ChannelId): string {
  return `A chave será enviada ${CHANNEL_WITH_ARTICLE[channel]} junto com os dados de envio.`;
}

/** The status the marketplace shows for an order in `hubStatus`, when everything the hub sent has arrived. */
export function marketplaceStatusFor(channel: ChannelId, hubStatus: OrderStatus): OrderStatus {
  const rule = CHANNEL_RULES[channel];
  if (hubStatus === "OUT_OF_STOCK") return "APPROVED";
  if (hubStatus === "PAYMENT_OVERDUE" && !rule.showsPaymentOverdue) return "NEW";
  return hubStatus;
}

/**
 * Said where the seller marks an order out of stock: no marketplace API of the six takes it for an order (SkyHub,
 * Magalu, Mercado Livre, SP-API and Mirakl have no such call; Zoom has no such state), so it is the hub's own state.
 */
export function hubOnlyStockNotice(channel: ChannelId): string {
  return `A API ${CHANNEL_OF[channel]} não recebe “sem estoque”: a situação fica só no Fluxo, e no marketplace o pedido continua aguardando a nota fiscal.`;
}

// Where the seller cancels instead, for a channel whose integration takes no cancellation; by default its support.
const CANCEL_ELSEWHERE: Partial<Record<ChannelId, string>> = {
  amazon:
    "Pedidos da Amazon são cancelados em Seller Central › Pedidos › Gerenciar pedidos (Cancelar pedido): cancele lá, e o Fluxo atualiza o pedido na próxima leitura.",
};

/** Said when the seller asks the hub to cancel an order of a channel with `sellerCancels: false`. */
export function cancelElsewhereNotice(channel: ChannelId): string {
  return (
    CANCEL_ELSEWHERE[channel] ??
    `Pedidos ${CHANNEL_OF[channel]} só são cancelados pelo atendimento ${CHANNEL_OF[channel]}: abra um chamado na central do lojista, e o Fluxo atualiza o pedido quando o cancelamento chegar.`
  );
}

/** "da Zoom", "do Mercado Livre": the channel after "de". */
export const CHANNEL_OF: Record<ChannelId, string> = {
  americanas: "da Americanas",
  magalu: "da Magalu",
  mercado_livre: "do Mercado Livre",
  amazon: "da Amazon",
  carrefour: "do Carrefour",
  zoom: "da Zoom",
};
