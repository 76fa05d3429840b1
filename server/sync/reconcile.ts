import type { Db } from "../../db/client";
import { connectionFor } from "../../db/queries/connections";
import { syncFindings } from "../../db/queries/divergences";
import { orderRowById, reconcileCandidates, updatesForDetection } from "../../db/queries/reconcile";
import type { ChannelAdapter, MarketplaceOrder } from "../channels/adapter";
import { marketplaceOrderSchema } from "../channels/marketplace-order-schema";
import type { ConnectionInfo } from "../channels/registry";
import { detectDivergences } from "../domain/divergences/detect";
import type { Finding } from "../domain/divergences/kinds";
import { DomainError } from "../domain/errors";
import { applyMarketplaceUpdate } from "../domain/orders/commands/marketplace";
import { decideMarketplaceSync } from "../domain/orders/marketplace-sync";
import { connectionInfo } from "./connection-info";

type AdapterFor = (connection: ConnectionInfo) => ChannelAdapter;

function marketplaceSide(view: MarketplaceOrder) {
  return {
    status: view.status,
    accessKey: view.invoice?.accessKey ?? null,
    trackingCode: view.shipment?.trackingCode ?? null,
  };
}

/**
 * Reads the order on the marketplace and compares (SPEC §5). A move the marketplace may make by itself is
 * applied first, as ingestion would; what remains different is a divergence. Returns what was found, or
 * null when the marketplace could not be read (nothing is concluded from silence).
 */
export async function reconcileOrder(
  db: Db,
  orderId: number,
  adapterFor: AdapterFor,
  now = new Date(),
): Promise<Finding[] | null> {
  let order = orderRowById(db, orderId);
  if (!order || order.handledManuallyAt) return [];
  const connection = connectionFor(db, order.accountId, order.channel);
  // Without a connection there is no marketplace to compare with: say so rather than "all agrees".
  if (!connection) return null;
  let view: MarketplaceOrder | null = null;
  try {
    const raw = await adapterFor(connectionInfo(db, connection)).readOrder(order.marketplaceCode);
    if (raw) {
      // Checked as ingestion checks it: what cannot be read is not compared, nor ever accepted by support.
      const parsed = marketplaceOrderSchema.safeParse(raw);
      if (!parsed.success) return null;
      view = parsed.data as MarketplaceOrder;
    }
  } catch {
    return null;
  }
  if (view) {
    const decision = decideMarketplaceSync(order.status, view.status, order);
    if (decision.kind === "apply") {
      try {
        applyMarketplaceUpdate(db, {
          accountId: order.accountId,
          orderId: order.id,
          action: decision.action,
          data: { seq: view.seq },
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
      order = orderRowById(db, orderId) ?? order;
    }
  }
  const findings = detectDivergences(order, updatesForDetection(db, order.id), view ? marketplaceSide(view) : null);
  return syncFindings(
    db,
    order,
    findings,
    {
      hubState: { status: order.status, accessKey: order.accessKey, trackingCode: order.trackingCode },
      marketplaceState: view ? marketplaceSide(view) : { unavailable: true },
    },
    now,
  );
}

/** Orders worth checking: not finished, or finished recently, or already divergent. */
export function ordersToReconcile(db: Db, now: Date): number[] {
  return reconcileCandidates(db, {
    finished: ["DELIVERED", "CANCELED"],
    changedSince: new Date(now.getTime() - 3 * 24 * 3_600_000),
  });
}

export async function reconcileAll(db: Db, adapterFor: AdapterFor, now = new Date(), concurrency = 8): Promise<number> {
  const ids = ordersToReconcile(db, now);
  let next = 0;
  let found = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        if (id === undefined) break;
        found += (await reconcileOrder(db, id, adapterFor, now))?.length ?? 0;
      }
    }),
  );
  return found;
}
