import {
  type ChannelAdapter,
  type ConnectionCheck,
  type ConnectionInfo,
  MarketplaceCallError,
  type MarketplaceOrder,
  type PullResult,
  type PushResult,
  type UpdateToPush,
} from "../adapter";
import { marketplaceOrderSchema } from "../marketplace-order-schema";
import { readFailure, unreachable } from "./answers";
import { SpApiClient } from "./client";
import { AmazonAuthError, amazonCredentials, KEYS_MISSING } from "./credentials";
import { nextCursor, parseCursor } from "./cursor";
import { type AmazonJson, INCLUDED_DATA, toMarketplaceOrder } from "./mapping";
import { pushToAmazon, TURN_WAIT_MS } from "./push";
import { AmazonRateLimitBusy } from "./rate-limit";

const PAGE_SIZE = "100";
/** Shaped like Amazon's order ids (3-7-7 digits), with a first group no marketplace order has. */
const PROBE_ORDER_ID = "000-0000000-0000000";

/** Amazon Brazil through the Selling Partner API: LWA tokens, searchOrders polling, NF-e upload, confirmShipment. */
export class AmazonSpAdapter implements ChannelAdapter {
  private readonly client: SpApiClient | null;

  constructor(connection: ConnectionInfo) {
    const credentials = amazonCredentials(connection.credentials);
    this.client = credentials ? new SpApiClient(connection, credentials) : null;
  }

  private need(): SpApiClient {
    if (!this.client) throw new AmazonAuthError(KEYS_MISSING);
    return this.client;
  }

  async pullOrders(cursor: string | null): Promise<PullResult> {
    const client = this.need();
    const at = parseCursor(cursor);
    const query: Record<string, string> = at.token
      ? { marketplaceIds: client.marketplaceId, paginationToken: at.token }
      : {
          marketplaceIds: client.marketplaceId,
          lastUpdatedAfter: at.after,
          fulfilledBy: "MERCHANT",
          includedData: INCLUDED_DATA,
          maxResultsPerPage: PAGE_SIZE,
        };
    let answer: Awaited<ReturnType<SpApiClient["call"]>>;
    try {
      // searchOrders refills one token every three minutes: without one now, intake waits for the next pull.
      answer = await client.call("searchOrders", {
        method: "GET",
        path: "/orders/2026-01-01/orders",
        query,
        maxWaitMs: 0,
      });
    } catch (error) {
      if (error instanceof AmazonRateLimitBusy) return { orders: [], cursor: cursor ?? "" };
      throw error;
    }
    if (answer.status === 429) return { orders: [], cursor: cursor ?? "" };
    if (answer.status < 200 || answer.status >= 300) throw readFailure("novos pedidos", answer);
    const body = (answer.json() ?? {}) as AmazonJson;
    const orders: MarketplaceOrder[] = [];
    for (const raw of Array.isArray(body.orders) ? (body.orders as AmazonJson[]) : []) {
      const order = toMarketplaceOrder(raw);
      // An order the hub cannot take is skipped here and read again when it next changes.
      if (!order || !marketplaceOrderSchema.safeParse(order).success) {
        console.error(`amazon: order ${String(raw.orderId)} could not be read; skipped`);
        continue;
      }
      orders.push(order);
    }
    const pagination = (body.pagination ?? {}) as AmazonJson;
    return {
      orders,
      cursor: nextCursor(at, {
        nextToken: typeof pagination.nextToken === "string" ? pagination.nextToken : null,
        lastUpdatedBefore: typeof body.lastUpdatedBefore === "string" ? body.lastUpdatedBefore : null,
      }),
    };
  }

  private async readRaw(code: string): Promise<AmazonJson | null> {
    const answer = await this.need().call("getOrder", {
      method: "GET",
      path: `/orders/2026-01-01/orders/${encodeURIComponent(code)}`,
      query: { includedData: INCLUDED_DATA },
      maxWaitMs: TURN_WAIT_MS,
    });
    if (answer.status === 404) return null;
    if (answer.status < 200 || answer.status >= 300) throw readFailure(`o pedido ${code}`, answer);
    const order = ((answer.json() ?? {}) as AmazonJson).order;
    return order && typeof order === "object" ? (order as AmazonJson) : null;
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const raw = await this.readRaw(code);
    if (!raw) return null;
    const order = toMarketplaceOrder(raw);
    if (!order) {
      const status = JSON.stringify((raw.fulfillment as AmazonJson | undefined)?.fulfillmentStatus ?? null);
      throw new MarketplaceCallError(
        `A Amazon mostrou o pedido ${code} numa situação que o Fluxo não conhece (${status}).`,
        "refused",
      );
    }
    return order;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    if (!this.client) return { outcome: "rejected", reason: `${KEYS_MISSING} Depois, reenvie.` };
    try {
      return await pushToAmazon(this.client, update, () => this.readRaw(update.orderCode));
    } catch (error) {
      if (error instanceof AmazonRateLimitBusy) {
        return {
          outcome: "deferred",
          reason: `A Amazon limita as requisições; ${error.message}`,
          retryAfterMs: error.waitMs,
        };
      }
      if (error instanceof AmazonAuthError && error.failure === "refused") {
        return { outcome: "rejected", reason: `${error.message} Depois, reenvie.` };
      }
      if (error instanceof AmazonAuthError) {
        return { outcome: "transient", error: error.message, retryAfterMs: null, cause: error.failure };
      }
      return { outcome: "transient", error: unreachable(error), retryAfterMs: null, cause: "no_answer" };
    }
  }

  /**
   * "Testar conexão" and the worker's probe while Amazon seems down: a token from LWA, then getOrder of an order id
   * that cannot exist. Its 404 proves the token and the orders role; searchOrders (one call per three minutes) could
   * not pay for a probe every few seconds.
   */
  async checkConnection(): Promise<ConnectionCheck> {
    if (!this.client) return { ok: false, message: KEYS_MISSING, cause: "refused" };
    try {
      const answer = await this.client.call("getOrder", {
        method: "GET",
        path: `/orders/2026-01-01/orders/${PROBE_ORDER_ID}`,
        maxWaitMs: TURN_WAIT_MS,
      });
      if (answer.status === 404 || (answer.status >= 200 && answer.status < 300)) return { ok: true };
      const failure = readFailure("pedidos", answer);
      return { ok: false, message: failure.message, cause: failure.failure };
    } catch (error) {
      if (error instanceof AmazonRateLimitBusy || error instanceof AmazonAuthError) {
        return { ok: false, message: error.message, cause: error.failure };
      }
      return { ok: false, message: `${unreachable(error)} Confira o endereço da conexão.`, cause: "no_answer" };
    }
  }
}
