import type { ChannelId, LogisticsModeId } from "../domain/channels/channels";
import type { OrderStatus } from "../domain/orders/status";
import type { FailureCause } from "../domain/replication/outage";

/** An order as the marketplace sees it. */
export interface MarketplaceOrder {
  code: string;
  channel: ChannelId;
  status: OrderStatus;
  logisticsMode: LogisticsModeId;
  placedAt: string;
  approvedAt: string | null;
  customer: { name: string; document: string; email: string | null; phone: string | null };
  address: {
    street: string;
    number: string;
    complement: string | null;
    district: string;
    city: string;
    state: string;
    zip: string;
  };
  items: { sku: string; name: string; quantity: number; unitPriceCents: number }[];
  shippingCents: number;
  totalCents: number;
  /**
   * `awaitingValidation`: the marketplace took the invoice but confirms it only later (Magalu's validation, Mercado
   * Livre's label release); until then an invoice update is not settled.
   */
  invoice: { accessKey: string; awaitingValidation?: boolean } | null;
  shipment: { carrier: string; trackingCode: string; method: string } | null;
  cancellationRequested: boolean;
  /**
   * The dispatch date the marketplace promised the buyer (ISO 8601), where its API gives one (Amazon's
   * LatestShipDate, Mirakl's shipping deadline): the order's ship-by deadline instead of the channel's hours.
   */
  shipBy?: string | null;
  seq: number;
}

export interface PullResult {
  orders: MarketplaceOrder[];
  cursor: string;
}

/** What the marketplace answered to one update. */
export type PushResult =
  | { outcome: "acknowledged"; response: Record<string, unknown> }
  /** Taken for processing, confirmed later: the worker reads the order back after `checkAfterMs` instead of re-sending. */
  | { outcome: "awaiting_confirmation"; response: Record<string, unknown>; checkAfterMs: number }
  | { outcome: "rejected"; reason: string }
  /** Not sent: the marketplace's published request limit leaves no turn now; not an attempt, due again in `retryAfterMs`. */
  | { outcome: "deferred"; reason: string; retryAfterMs: number }
  /**
   * Worth retrying: network error, 5xx, 429. `retryAfterMs` when the marketplace said how long to wait; `cause` tells
   * a marketplace that did not answer (it may be down) from one that answered.
   */
  | { outcome: "transient"; error: string; retryAfterMs: number | null; cause: FailureCause };

/** "Testar conexão", and the worker's probe of a marketplace taken for down (`cause` says whether it answered). */
export type ConnectionCheck = { ok: true } | { ok: false; message: string; cause: FailureCause };

/**
 * A read that got no order; `failure` tells the worker whether the marketplace answered at all, and `retryAfterMs`
 * when the read was not made because the marketplace's published limit left no turn before then.
 */
export class MarketplaceCallError extends Error {
  constructor(
    message: string,
    readonly failure: FailureCause,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface UpdateToPush {
  orderCode: string;
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
}

/**
 * How the hub talks to one marketplace. The sandbox adapter speaks HTTP to the sandbox; a real marketplace
 * is one more implementation of this interface.
 */
export interface ChannelAdapter {
  pullOrders(cursor: string | null): Promise<PullResult>;
  pushUpdate(update: UpdateToPush): Promise<PushResult>;
  readOrder(code: string): Promise<MarketplaceOrder | null>;
  /** One cheap authenticated call ("Testar conexão"): what is wrong in plain pt-BR words, or ok. */
  checkConnection(): Promise<ConnectionCheck>;
}

/** A connection's secrets as the adapter of its protocol reads them (keys, OAuth tokens); decrypted in memory only. */
export type ChannelCredentials = Record<string, string | number | null>;

export interface ConnectionInfo {
  channel: ChannelId;
  /** The marketplace's address: its real API by default, the sandbox's in the demo and the tests. */
  baseUrl: string;
  sellerCnpj: string;
  credentials: ChannelCredentials | null;
  /**
   * Stores credentials that changed on the way (a rotated OAuth refresh token is valid once: losing it loses the
   * connection), sealed, before the adapter goes on.
   */
  saveCredentials: (credentials: ChannelCredentials, tokenExpiresAt: Date | null) => void;
}
