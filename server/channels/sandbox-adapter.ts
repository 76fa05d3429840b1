import type { ChannelId } from "../domain/channels/channels";
import type { ChannelAdapter, MarketplaceOrder, PullResult, PushResult, UpdateToPush } from "./adapter";

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

  private url(path: string, params: Record<string, string> = {}): string {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set("seller", this.sellerCnpj);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  async pullOrders(cursor: string | null): Promise<PullResult> {
    const res = await fetch(this.url("/v1/orders", { channel: this.channel, since: cursor ?? "0" }), {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`pull ${this.channel}: HTTP ${res.status}`);
    return (await res.json()) as PullResult;
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const res = await fetch(this.url(`/v1/orders/${this.channel}/${encodeURIComponent(code)}`), {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`read ${this.channel}/${code}: HTTP ${res.status}`);
    return (await res.json()) as MarketplaceOrder;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    let res: Response;
    try {
      res = await fetch(this.url(`/v1/orders/${this.channel}/${encodeURIComponent(update.orderCode)}/updates`), {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": update.idempotencyKey },
        body: JSON.stringify({ kind: update.kind, payload: update.payload }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return {
        outcome: "transient",
        error: `Sem resposta do marketplace (${(error as Error).message})`,
        retryAfterMs: null,
      };
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { outcome: "acknowledged", response: body };
    if (res.status === 422 || res.status === 400 || res.status === 404) {
      return { outcome: "rejected", reason: typeof body.reason === "string" ? body.reason : `HTTP ${res.status}` };
    }
    return {
      outcome: "transient",
      error:
        res.status === 429 ? "Limite de requisições do marketplace (429)" : `Marketplace respondeu HTTP ${res.status}`,
      retryAfterMs: retryAfterMs(res.headers.get("retry-after")),
    };
  }
}
