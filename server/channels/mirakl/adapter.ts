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
import { RateLimitBusy, takeToken } from "../skyhub/rate-limit";
import { failureResult, KEY_MISSING, KEY_REFUSED, ok, RETRY_AFTER_MS, readFailure, unreachable } from "./answers";
import { type MiraklRequest, miraklCall } from "./calls";
import { MiraklClient } from "./client";
import { miraklCredentials } from "./credentials";
import { miraklLineIds, toMarketplaceOrder } from "./mapping";
import { type PollCursor, parseCursor, pollTurn, rememberRun } from "./poll";

/** Mirakl's largest page (offset pagination, `max`). */
const PAGE = 100;
/** OR31's published maximum: 5 calls a second. An update waits at most a third of the worker's lease for its turn. */
const OR31_LIMIT = { perSecond: 5 };
const TURN_WAIT_MS = 10_000;

type Json = Record<string, unknown>;

/** The first message in an OR31/OR74 report that lists failures, or null when everything went through. */
function reportFailure(kind: NonNullable<MiraklRequest["report"]>, body: unknown): string | null {
  const report = (body && typeof body === "object" ? body : {}) as Json;
  if (kind === "documents" && !(Number(report.errors_count) > 0)) return null;
  if (kind === "additional_fields" && !report.order_update_errors) return null;
  const messages: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const message = (value as Json).message;
      if (typeof message === "string") messages.push(message);
      Object.values(value).forEach(walk);
    }
  };
  walk(kind === "documents" ? report.order_documents : report.order_update_errors);
  const detail = messages[0] ?? "sem detalhe";
  return kind === "documents"
    ? `O Carrefour recusou o arquivo da NF-e (“${detail}”): confira em Conexões o tipo de documento que o Carrefour definiu para a nota.`
    : `O Carrefour recusou os campos da NF-e (“${detail}”): confira em Conexões os códigos dos campos que o Carrefour definiu para a nota.`;
}

/** Carrefour through the Mirakl seller API: OR11 polling, the acceptance step, tracking and shipment, the NF-e. */
export class MiraklAdapter implements ChannelAdapter {
  private readonly client: MiraklClient | null;

  constructor(private readonly connection: ConnectionInfo) {
    const credentials = miraklCredentials(connection.credentials);
    this.client = credentials ? new MiraklClient(connection.baseUrl, credentials) : null;
  }

  private need(): MiraklClient {
    if (!this.client) throw new MarketplaceCallError(KEY_MISSING, "refused");
    return this.client;
  }

  private shop(client: MiraklClient): string {
    return `${this.connection.baseUrl}|${client.credentials.apiKey}|${client.credentials.shopId ?? ""}`;
  }

  async pullOrders(cursor: string | null): Promise<PullResult> {
    const client = this.need();
    const from = parseCursor(cursor);
    // A new polling run (offset 0) starts at most once a minute per shop (OR11's maximum); its pages follow at once.
    if (from.offset === 0 && !pollTurn(this.shop(client), from, Date.now()))
      return { orders: [], cursor: cursor ?? "" };
    const runAt = from.offset === 0 ? Date.now() : from.runAt;
    if (from.offset === 0) rememberRun(this.shop(client), runAt);
    const query: Record<string, string> = { offset: String(from.offset), max: String(PAGE) };
    if (from.since) query.start_update_date = from.since;
    const answer = await client.send("GET", client.url("/api/orders", query));
    if (!ok(answer)) throw readFailure("GET /api/orders", answer);
    const raws = ((answer.json() as Json | undefined)?.orders ?? []) as Json[];
    let newest = from.newest;
    const orders: MarketplaceOrder[] = [];
    for (const raw of Array.isArray(raws) ? raws : []) {
      const updated = typeof raw.last_updated_date === "string" ? raw.last_updated_date : null;
      if (updated && (!newest || Date.parse(updated) > Date.parse(newest))) newest = updated;
      const order = toMarketplaceOrder(raw, { keyField: client.credentials.nfeKeyField });
      if (order && marketplaceOrderSchema.safeParse(order).success) orders.push(order);
    }
    const next: PollCursor =
      raws.length < PAGE
        ? { since: newest ?? from.since, newest: null, offset: 0, runAt }
        : { since: from.since, newest, offset: from.offset + PAGE, runAt };
    return { orders, cursor: JSON.stringify(next) };
  }

  private async readRaw(client: MiraklClient, code: string): Promise<Json | null> {
    const answer = await client.send("GET", client.url("/api/orders", { order_ids: code }));
    if (!ok(answer)) throw readFailure(`GET /api/orders?order_ids=${code}`, answer);
    const found = ((answer.json() as Json | undefined)?.orders ?? []) as Json[];
    return (Array.isArray(found) ? found : []).find((o) => o.order_id === code) ?? null;
  }

  /** The NF-e keys uploaded as documents of the connection's type (OR72), for an instance that takes the XML file. */
  private async documentKeys(client: MiraklClient, code: string): Promise<string[]> {
    const answer = await client.send("GET", client.url("/api/orders/documents", { order_ids: code }));
    if (!ok(answer)) throw readFailure(`GET /api/orders/documents?order_ids=${code}`, answer);
    const documents = ((answer.json() as Json | undefined)?.order_documents ?? []) as Json[];
    return (Array.isArray(documents) ? documents : [])
      .filter((d) => {
        const type = typeof d.type === "object" && d.type ? (d.type as Json).code : d.type;
        return type === client.credentials.nfeDocumentType;
      })
      .map((d) => /^([0-9A-Z]{44})\.xml$/.exec(String(d.file_name ?? ""))?.[1])
      .filter((key): key is string => key !== undefined);
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const client = this.need();
    const raw = await this.readRaw(client, code);
    if (!raw) return null;
    const documentKeys =
      client.credentials.invoiceMethod === "documents" ? await this.documentKeys(client, code) : undefined;
    const order = toMarketplaceOrder(raw, { keyField: client.credentials.nfeKeyField, documentKeys });
    if (!order) {
      throw new MarketplaceCallError(
        `GET /api/orders?order_ids=${code}: estado desconhecido (${JSON.stringify(raw.order_state)})`,
        "refused",
      );
    }
    return order;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    if (!this.client) return { outcome: "rejected", reason: `${KEY_MISSING} Depois, reenvie.` };
    const client = this.client;
    try {
      let lines: string[] = [];
      if (update.kind === "accept" || update.kind === "refuse") {
        const raw = await this.readRaw(client, update.orderCode);
        if (!raw)
          return {
            outcome: "rejected",
            reason: "O Carrefour não encontrou o pedido: confira se ele é desta loja em Conexões.",
          };
        lines = miraklLineIds(raw);
      }
      const call = miraklCall(update.orderCode, update.kind, update.payload, client.credentials, lines);
      if ("refused" in call) return { outcome: "rejected", reason: call.refused };
      let last: HttpAnswer | null = null;
      for (const request of call.requests) {
        if (request.report === "additional_fields") {
          await takeToken(`${this.shop(client)}|OR31`, OR31_LIMIT, TURN_WAIT_MS);
        }
        last = await client.send(request.method, client.url(request.path), request.body);
        if (!ok(last)) return failureResult(last);
        const refused = request.report ? reportFailure(request.report, last.json()) : null;
        if (refused) return { outcome: "rejected", reason: refused };
      }
      return { outcome: "acknowledged", response: { httpStatus: last?.status ?? 204, calls: call.requests.length } };
    } catch (error) {
      if (error instanceof RateLimitBusy) {
        return {
          outcome: "deferred",
          reason: "O Carrefour aceita até 5 atualizações de campos por segundo; a nota vai na próxima vez.",
          retryAfterMs: error.waitMs,
        };
      }
      if (error instanceof MarketplaceCallError) {
        return { outcome: "transient", error: error.message, retryAfterMs: RETRY_AFTER_MS, cause: error.failure };
      }
      return { outcome: "transient", error: unreachable(error), retryAfterMs: RETRY_AFTER_MS, cause: "no_answer" };
    }
  }

  /**
   * One page of one order (OR11 as an order page reads it): A01, the account call, is limited to once a day, and
   * OR11's once-a-minute limit is for polling.
   */
  async checkConnection(): Promise<ConnectionCheck> {
    if (!this.client) return { ok: false, message: KEY_MISSING, cause: "refused" };
    try {
      const answer = await this.client.send("GET", this.client.url("/api/orders", { max: "1" }));
      if (ok(answer)) return { ok: true };
      if (answer.status === 401 || answer.status === 403) return { ok: false, message: KEY_REFUSED, cause: "refused" };
      return {
        ok: false,
        message: `O Carrefour respondeu HTTP ${answer.status}. Confira o endereço da instância em Conexões ou tente de novo em instantes.`,
        cause: failureCauseOfStatus(answer.status),
      };
    } catch (error) {
      return {
        ok: false,
        message: `${unreachable(error)} Confira o endereço da instância em Conexões.`,
        cause: "no_answer",
      };
    }
  }
}
