import type { ChannelId } from "../domain/channels/channels";
import { failureCauseOfStatus } from "../domain/replication/outage";
import {
  type ChannelAdapter,
  type ConnectionCheck,
  MarketplaceCallError,
  type MarketplaceOrder,
  type PullResult,
  type PushResult,
  type UpdateToPush,
} from "./adapter";
import { type HttpAnswer, httpRequest } from "./http-client";

const TIMEOUT_MS = 10_000;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export class SandboxAdapter implements ChannelAdapter {
  constructor(
    private readonly baseUrl: string,
    private readonly channel: ChannelId,
    private readonly sellerCnpj: string,
  ) {}

  private url(path: string, params: Record<string, string> = {}): URL {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set("seller", this.sellerCnpj);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  }

  private static ok(status: number): boolean {
    return status >= 200 && status < 300;
  }

  private static object(res: HttpAnswer, what: string): Record<string, unknown> {
    const body = res.json();
    if (!body || typeof body !== "object") {
      throw new MarketplaceCallError(`${what}: o marketplace respondeu sem JSON.`, "refused");
    }
    return body as Record<string, unknown>;
  }

  // The sandbox reports Magalu's invoice validation beside the invoice; the hub reads it on the invoice.
  private static withValidation(raw: Record<string, unknown>): MarketplaceOrder {
    const invoice = raw.invoice as MarketplaceOrder["invoice"];
    if (!invoice || raw.invoiceValidation !== "awaiting_validation") return raw as unknown as MarketplaceOrder;
    return { ...(raw as unknown as MarketplaceOrder), invoice: { ...invoice, awaitingValidation: true } };
  }

  async pullOrders(cursor: string | null): Promise<PullResult> {
    const res = await httpRequest(this.url("/v1/orders", { channel: this.channel, since: cursor ?? "0" }), {
      timeoutMs: TIMEOUT_MS,
    });
    if (!SandboxAdapter.ok(res.status))
      throw new Error(`Leitura dos pedidos falhou: o marketplace respondeu HTTP ${res.status}.`);
    const page = SandboxAdapter.object(res, "Leitura dos pedidos") as { orders?: unknown; cursor?: unknown };
    const orders = Array.isArray(page.orders) ? (page.orders as Record<string, unknown>[]) : [];
    return { orders: orders.map(SandboxAdapter.withValidation), cursor: String(page.cursor ?? cursor ?? "0") };
  }

  async checkConnection(): Promise<ConnectionCheck> {
    try {
      const res = await httpRequest(this.url("/v1/orders", { channel: this.channel, since: "0", limit: "1" }), {
        timeoutMs: TIMEOUT_MS,
      });
      if (SandboxAdapter.ok(res.status)) return { ok: true };
      return {
        ok: false,
        message: `O sandbox respondeu HTTP ${res.status}. Confira o endereço da conexão.`,
        cause: failureCauseOfStatus(res.status),
      };
    } catch (error) {
      return {
        ok: false,
        message: `O sandbox não respondeu (${(error as Error).message}). Confira o endereço da conexão.`,
        cause: "no_answer",
      };
    }
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const res = await httpRequest(this.url(`/v1/orders/${this.channel}/${encodeURIComponent(code)}`), {
      timeoutMs: TIMEOUT_MS,
    });
    if (res.status === 404) return null;
    if (!SandboxAdapter.ok(res.status)) {
      throw new MarketplaceCallError(
        `Leitura do pedido ${code} falhou: o marketplace respondeu HTTP ${res.status}.`,
        failureCauseOfStatus(res.status),
      );
    }
    return SandboxAdapter.withValidation(SandboxAdapter.object(res, `Leitura do pedido ${code}`));
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    let res: HttpAnswer;
    try {
      res = await httpRequest(this.url(`/v1/orders/${this.channel}/${encodeURIComponent(update.orderCode)}/updates`), {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": update.idempotencyKey },
        body: JSON.stringify({ kind: update.kind, payload: update.payload }),
        timeoutMs: TIMEOUT_MS,
      });
    } catch (error) {
      return {
        outcome: "transient",
        error: `Sem resposta do marketplace (${(error as Error).message})`,
        retryAfterMs: null,
        cause: "no_answer",
      };
    }
    const parsed = res.json();
    const body = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
    if (SandboxAdapter.ok(res.status)) return { outcome: "acknowledged", response: body };
    if (res.status === 422 || res.status === 400 || res.status === 404) {
      // Stored and shown as the seller reads it: the marketplace's codes in words, never a bare code or status.
      return { outcome: "rejected", reason: typeof body.reason === "string" ? body.reason : "" };
    }
    return {
      outcome: "transient",
      error:
        res.status === 429 ? "Limite de requisições do marketplace (429)" : `Marketplace respondeu HTTP ${res.status}`,
      retryAfterMs: retryAfterMs(res.header("retry-after")),
      cause: failureCauseOfStatus(res.status),
    };
  }
}
