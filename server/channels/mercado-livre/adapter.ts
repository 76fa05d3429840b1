import { failureCauseOfStatus } from "../../domain/replication/outage";
import type {
  ChannelAdapter,
  ConnectionCheck,
  ConnectionInfo,
  MarketplaceOrder,
  PullResult,
  PushResult,
  UpdateToPush,
} from "../adapter";
import { ConnectionLostError } from "./credentials";
import { failedPush, MercadoLivreReadError, mlMessage } from "./errors";
import { toMarketplaceOrder } from "./mapping";
import { pushToMercadoLivre } from "./push";
import { getOrderJson, partsOf } from "./reads";
import { searchChangedOrders } from "./search";
import { MercadoLivreSession } from "./session";
import { TokenEndpointError } from "./tokens";

/** Mercado Livre through its own API (SPEC §7), at the connection's address: the real one or the sandbox's. */
export class MercadoLivreAdapter implements ChannelAdapter {
  private readonly session: MercadoLivreSession;

  constructor(connection: ConnectionInfo, now: () => number = Date.now) {
    this.session = new MercadoLivreSession(connection, now);
  }

  pullOrders(cursor: string | null): Promise<PullResult> {
    return searchChangedOrders(this.session, cursor);
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const order = await getOrderJson(this.session, code);
    return order ? toMarketplaceOrder(await partsOf(this.session, order)) : null;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    try {
      return await pushToMercadoLivre(this.session, update);
    } catch (error) {
      if (error instanceof MercadoLivreReadError) return failedPush(error.answer);
      // A lost connection waits for the seller to reconnect; the update goes once they do.
      if (error instanceof ConnectionLostError || error instanceof TokenEndpointError) {
        return { outcome: "transient", error: error.message, retryAfterMs: null, cause: error.failure };
      }
      const message = `Sem resposta do Mercado Livre (${(error as Error).message})`;
      return { outcome: "transient", error: message, retryAfterMs: null, cause: "no_answer" };
    }
  }

  async checkConnection(): Promise<ConnectionCheck> {
    try {
      const res = await this.session.request("/users/me");
      if (res.status >= 200 && res.status < 300) return { ok: true };
      if (res.status === 401) return { ok: false, message: new ConnectionLostError().message, cause: "refused" };
      return {
        ok: false,
        message: `O Mercado Livre respondeu HTTP ${res.status}: ${mlMessage(res)}.`,
        cause: failureCauseOfStatus(res.status),
      };
    } catch (error) {
      if (error instanceof ConnectionLostError || error instanceof TokenEndpointError) {
        return { ok: false, message: error.message, cause: error.failure };
      }
      return {
        ok: false,
        message: `O Mercado Livre não respondeu (${(error as Error).message}). Confira o endereço da conexão.`,
        cause: "no_answer",
      };
    }
  }
}
