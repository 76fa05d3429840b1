import { CHANNEL_WITH_ARTICLE, type ChannelId, type LogisticsModeId } from "./channels";

/**
 * How the hub talks to a channel (SPEC §7): its marketplace's own public API, or the sandbox's `/v1` protocol for
 * channels that have no real adapter yet. The sandbox speaks every one of them.
 */
export const CHANNEL_PROTOCOLS = ["sandbox"] as const;
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
  /** Modes the channel offers to sellers. */
  logisticsModes: readonly LogisticsModeId[];
  /** Hours an approved order may wait for its invoice before it counts as late. */
  invoiceDeadlineHours: number;
}

export const CHANNEL_RULES: Record<ChannelId, ChannelRule> = {
  americanas: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "immediate",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: ["b2w_entregas", "b2w_entregas_direct"],
    logisticsModes: ["correios", "own_carrier", "b2w_entregas", "b2w_entregas_direct"],
    invoiceDeadlineHours: 48,
  },
  magalu: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: ["magalu_entregas"],
    logisticsModes: ["correios", "own_carrier", "magalu_entregas"],
    invoiceDeadlineHours: 48,
  },
  mercado_livre: {
    protocol: "sandbox",
    invoiceNeedsXml: true,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: ["mercado_envios_coleta"],
    marketplaceDeliversModes: ["me2"],
    logisticsModes: ["me2", "mercado_envios_coleta", "own_carrier"],
    invoiceDeadlineHours: 24,
  },
  amazon: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 48,
  },
  carrefour: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 48,
  },
  zoom: {
    protocol: "sandbox",
    invoiceNeedsXml: false,
    invoiceReplication: "with_shipment",
    immediateInvoiceModes: [],
    marketplaceDeliversModes: [],
    logisticsModes: ["correios", "own_carrier"],
    invoiceDeadlineHours: 72,
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

export function marketplaceReportsDelivery(channel: ChannelId, mode: LogisticsModeId): boolean {
  return CHANNEL_RULES[channel].marketplaceDeliversModes.includes(mode);
}

/** The plain-words notice on an order whose invoice waits for the shipment (SPEC §4). */
export function heldInvoiceNotice(channel: ChannelId): string {
  return `A chave será enviada ${CHANNEL_WITH_ARTICLE[channel]} junto com os dados de envio.`;
}
