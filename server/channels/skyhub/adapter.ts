import { failureCauseOfStatus } from "../../domain/replication/outage";
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
import type { HttpAnswer } from "../http-client";
import { marketplaceOrderSchema } from "../marketplace-order-schema";
import { KEYS_MISSING, KEYS_REFUSED, pushResult, RETRY_AFTER_MS, readFailure, unreachable } from "./answers";
import { SkyhubClient } from "./client";
import { type SkyhubCredentials, skyhubCredentials } from "./credentials";
import { skyhubItems, skyhubLogisticsMode, toMarketplaceOrder } from "./order-mapping";
import { LIMITS, RateLimitBusy } from "./rate-limit";
import { needsOrderFacts, type OrderFacts, skyhubCall } from "./update-requests";

/** Queue reads per page: the hub commits each page in one transaction before they are acknowledged. */
const QUEUE_PAGE = 25;
/**
 * SkyHub puts an unacknowledged order back after 5 minutes. Past 4, a cursor's codes are left alone: the orders are
 * (nearly) back in the queue and are read again, instead of a late DELETE removing a newer event of the same order.
 */
const ACK_WITHIN_MS = 4 * 60_000;
const FACTS_KEPT = 5_000;
/**
 * The longest an update or an order read waits for its turn under the limits: a third of the worker's 30-second
 * lease, so a waiting update is never claimed and sent again by another lane. Past it the update is retried later.
 */
const TURN_WAIT_MS = 10_000;

const BUCKETS = {
  queueGet: { name: "GET /queues/orders", limit: LIMITS.queue },
  queueDelete: { name: "DELETE /queues/orders", limit: LIMITS.queue },
  orderGet: { name: "GET /orders/{code}", limit: LIMITS.read },
  statuses: { name: "GET /statuses", limit: LIMITS.other },
  write: (path: string) => ({
    name: `POST ${path.replace(/^\/orders\/[^/]+/, "/orders/{code}")}`,
    limit: LIMITS.write,
  }),
};

/** What the cursor holds: the queue codes read in the last page, to DELETE once the hub has stored them. */
interface QueueCursor {
  ack: string[];
  readAt: number;
}

// Per process, like the rate buckets: adapterFor builds a new adapter for every call.
const ackedCursors = new Map<string, string>();
const orderFacts = new Map<string, OrderFacts>();

function parseCursor(cursor: string | null): QueueCursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(cursor) as Partial<QueueCursor>;
    return Array.isArray(value.ack) && typeof value.readAt === "number"
      ? { ack: value.ack.filter((c): c is string => typeof c === "string"), readAt: value.readAt }
      : null;
  } catch {
    return null;
  }
}

function emptyBody(answer: HttpAnswer): boolean {
  const body = answer.json();
  return answer.status === 204 || body === null || typeof body !== "object" || !("code" in body);
}

/** Americanas through the Americanas Marketplace (SkyHub) API: queue intake, order calls, published limits. */
export class SkyhubAdapter implements ChannelAdapter {
  private readonly credentials: SkyhubCredentials | null;
  private readonly client: SkyhubClient | null;

  constructor(private readonly connection: ConnectionInfo) {
    this.credentials = skyhubCredentials(connection.credentials);
    this.client = this.credentials ? new SkyhubClient(connection.baseUrl, this.credentials) : null;
  }

  private store(): string {
    return `${this.connection.baseUrl}|${this.credentials?.apiKey ?? ""}`;
  }

  private remember(raw: Record<string, unknown>, code: string): void {
    const key = `${this.store()}|${code}`;
    orderFacts.delete(key);
    orderFacts.set(key, { logisticsMode: skyhubLogisticsMode(raw), items: skyhubItems(raw) });
    if (orderFacts.size > FACTS_KEPT) orderFacts.delete(orderFacts.keys().next().value as string);
  }

  private need(): SkyhubClient {
    if (!this.client) throw new MarketplaceCallError(KEYS_MISSING, "refused");
    return this.client;
  }

  private async acknowledge(client: SkyhubClient, cursor: string | null): Promise<void> {
    const read = parseCursor(cursor);
    if (!read || !cursor || ackedCursors.get(this.store()) === cursor) return;
    if (Date.now() - read.readAt < ACK_WITHIN_MS) {
      for (const code of read.ack) {
        const answer = await client.send(
          "DELETE",
          client.url(`/queues/orders/${encodeURIComponent(code)}`),
          BUCKETS.queueDelete,
        );
        // 404: no longer queued (acknowledged before a restart); anything else is tried again with the same cursor.
        if (answer.status !== 404 && (answer.status < 200 || answer.status >= 300)) {
          throw readFailure(`DELETE /queues/orders/${code}`, answer);
        }
      }
    }
    ackedCursors.set(this.store(), cursor);
  }

  async pullOrders(cursor: string | null): Promise<PullResult> {
    const client = this.need();
    await this.acknowledge(client, cursor);
    const orders: MarketplaceOrder[] = [];
    const ack = new Set<string>();
    for (let i = 0; i < QUEUE_PAGE; i++) {
      const answer = await client.send("GET", client.url("/queues/orders"), BUCKETS.queueGet);
      if (answer.status === 429) break;
      if (answer.status < 200 || answer.status >= 300) throw readFailure("GET /queues/orders", answer);
      if (emptyBody(answer)) break;
      const raw = answer.json() as Record<string, unknown>;
      const order = toMarketplaceOrder(raw);
      // An order the hub cannot take is not acknowledged: it stays "não sincronizado" in SkyHub's panel.
      if (!order || !marketplaceOrderSchema.safeParse(order).success) {
        console.error(`skyhub: order ${String(raw.code)} from the queue could not be read; left in the queue`);
        continue;
      }
      this.remember(raw, order.code);
      orders.push(order);
      ack.add(order.code);
    }
    if (orders.length === 0) return { orders, cursor: cursor ?? "" };
    return { orders, cursor: JSON.stringify({ ack: [...ack], readAt: Date.now() } satisfies QueueCursor) };
  }

  private async readRaw(code: string): Promise<Record<string, unknown> | null> {
    const client = this.need();
    const answer = await client.send("GET", client.url(`/orders/${encodeURIComponent(code)}`), BUCKETS.orderGet, {
      maxWaitMs: TURN_WAIT_MS,
    });
    if (answer.status === 404) return null;
    if (answer.status < 200 || answer.status >= 300) throw readFailure(`GET /orders/${code}`, answer);
    const raw = answer.json();
    if (!raw || typeof raw !== "object")
      throw new MarketplaceCallError(`GET /orders/${code}: resposta sem JSON`, "refused");
    this.remember(raw as Record<string, unknown>, code);
    return raw as Record<string, unknown>;
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const raw = await this.readRaw(code);
    if (!raw) return null;
    const order = toMarketplaceOrder(raw);
    if (!order) {
      throw new MarketplaceCallError(
        `GET /orders/${code}: status desconhecido (${JSON.stringify(raw.status)})`,
        "refused",
      );
    }
    return order;
  }

  private async facts(code: string): Promise<OrderFacts | null> {
    const known = orderFacts.get(`${this.store()}|${code}`);
    if (known) return known;
    const raw = await this.readRaw(code);
    return raw ? (orderFacts.get(`${this.store()}|${code}`) ?? null) : null;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    if (!this.client) return { outcome: "rejected", reason: `${KEYS_MISSING} Depois, reenvie.` };
    const client = this.client;
    try {
      const facts = needsOrderFacts(update.kind) ? await this.facts(update.orderCode) : null;
      const call = skyhubCall(update.orderCode, update.kind, update.payload, facts);
      if ("refused" in call) return { outcome: "rejected", reason: call.refused };
      const bucket = BUCKETS.write(call.path);
      return pushResult(
        await client.send("POST", client.url(call.path), bucket, { body: call.body, maxWaitMs: TURN_WAIT_MS }),
      );
    } catch (error) {
      if (error instanceof RateLimitBusy) {
        return {
          outcome: "deferred",
          reason: `A Americanas limita as requisições; ${error.message}`,
          retryAfterMs: error.waitMs,
        };
      }
      if (error instanceof Error && error.message === KEYS_REFUSED) {
        return { outcome: "rejected", reason: `${KEYS_REFUSED} Depois, reenvie.` };
      }
      return { outcome: "transient", error: unreachable(error), retryAfterMs: RETRY_AFTER_MS, cause: "no_answer" };
    }
  }

  async checkConnection(): Promise<ConnectionCheck> {
    if (!this.client) return { ok: false, message: KEYS_MISSING, cause: "refused" };
    try {
      const answer = await this.client.send("GET", this.client.url("/statuses"), BUCKETS.statuses, {
        maxWaitMs: TURN_WAIT_MS,
      });
      if (answer.status >= 200 && answer.status < 300) return { ok: true };
      if (answer.status === 401 || answer.status === 403) return { ok: false, message: KEYS_REFUSED, cause: "refused" };
      return {
        ok: false,
        message: `A Americanas (SkyHub) respondeu HTTP ${answer.status}. Confira o endereço da conexão ou tente de novo em instantes.`,
        cause: failureCauseOfStatus(answer.status),
      };
    } catch (error) {
      if (error instanceof RateLimitBusy) {
        return {
          ok: false,
          message: `A Americanas limita as consultas (${error.message}); teste de novo em instantes.`,
          cause: "rate_limited",
        };
      }
      return { ok: false, message: `${unreachable(error)} Confira o endereço da conexão.`, cause: "no_answer" };
    }
  }
}
