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
import { MarketplaceCallError } from "../adapter";
import { MagaluConnectionLost } from "./credentials";
import { failedPush, MagaluReadError, magaluMessage } from "./errors";
import { toMarketplaceOrder } from "./mapping";
import { pullChanged } from "./pull";
import { pushToMagalu } from "./push";
import { deliveryOf, orderByCode } from "./reads";
import { MagaluSession } from "./session";

/** Magalu through its Open API (SPEC §7), at the connection's address: api.magalu.com, its sandbox, or Fluxo's. */
export class MagaluAdapter implements ChannelAdapter {
  private readonly session: MagaluSession;

  constructor(connection: ConnectionInfo, now: () => number = Date.now) {
    this.session = new MagaluSession(connection, now);
  }

  pullOrders(cursor: string | null): Promise<PullResult> {
    return pullChanged(this.session, cursor);
  }

  async readOrder(code: string): Promise<MarketplaceOrder | null> {
    const order = await orderByCode(this.session, code);
    const delivery = order ? await deliveryOf(this.session, order) : null;
    return order && delivery ? toMarketplaceOrder(order, delivery) : null;
  }

  async pushUpdate(update: UpdateToPush): Promise<PushResult> {
    try {
      return await pushToMagalu(this.session, update);
    } catch (error) {
      if (error instanceof MagaluReadError) return failedPush(error.answer);
      // A lost connection waits for the seller to reconnect; the update goes once they do.
      if (error instanceof MarketplaceCallError) {
        return { outcome: "transient", error: error.message, retryAfterMs: null, cause: error.failure };
      }
      const message = `Sem resposta da Magalu (${(error as Error).message})`;
      return { outcome: "transient", error: message, retryAfterMs: null, cause: "no_answer" };
    }
  }

  async checkConnection(): Promise<ConnectionCheck> {
    try {
      const res = await this.session.request("/seller/v1/orders", { query: { _limit: "1" } });
      if (res.status >= 200 && res.status < 300) return { ok: true };
      if (res.status === 401) return { ok: false, message: new MagaluConnectionLost().message, cause: "refused" };
      return {
        ok: false,
        message: `A Magalu respondeu HTTP ${res.status} (“${magaluMessage(res)}”): confira o endereço e o canal da conexão.`,
        cause: failureCauseOfStatus(res.status),
      };
    } catch (error) {
      if (error instanceof MarketplaceCallError) return { ok: false, message: error.message, cause: error.failure };
      return {
        ok: false,
        message: `A Magalu não respondeu (${(error as Error).message}): confira o endereço da conexão.`,
        cause: "no_answer",
      };
    }
  }
}
