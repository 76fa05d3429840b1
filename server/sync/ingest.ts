import type { Db } from "../../db/client";
import { type Connection, saveCursor } from "../../db/queries/connections";
import { writePromisedShipAt } from "../../db/queries/deadlines";
import { findOrderByCode, type NewOrderRow } from "../../db/queries/ingest";
import { insertTimelineEntry } from "../../db/queries/timeline";
import type { ChannelAdapter, MarketplaceOrder } from "../channels/adapter";
import { marketplaceOrderSchema } from "../channels/marketplace-order-schema";
import { CHANNEL_LABELS } from "../domain/channels/channels";
import { normalizeDocument } from "../domain/documents";
import { DomainError } from "../domain/errors";
import { searchableText } from "../domain/format";
import { applyMarketplaceUpdate } from "../domain/orders/commands/marketplace";
import { receiveMarketplaceOrder } from "../domain/orders/commands/receive";
import { deadlineColumns } from "../domain/orders/deadlines";
import { decideMarketplaceSync } from "../domain/orders/marketplace-sync";
import { STATUS_LABELS } from "../domain/orders/status";

/** The marketplace's order as the hub stores it: names searchable, documents and zip codes as digits. */
function orderRowOf(
  accountId: number,
  mo: MarketplaceOrder,
  deadline: Pick<NewOrderRow, "deadlineAt" | "deadlineKind">,
  now: Date,
): NewOrderRow {
  return {
    accountId,
    channel: mo.channel,
    marketplaceCode: mo.code,
    logisticsMode: mo.logisticsMode,
    status: mo.status,
    placedAt: new Date(mo.placedAt),
    approvedAt: mo.approvedAt ? new Date(mo.approvedAt) : null,
    promisedShipAt: mo.shipBy ? new Date(mo.shipBy) : null,
    statusChangedAt: now,
    deadlineAt: deadline.deadlineAt,
    deadlineKind: deadline.deadlineKind,
    customerName: mo.customer.name,
    customerNameSearch: searchableText(mo.customer.name),
    customerDocument: normalizeDocument(mo.customer.document),
    customerEmail: mo.customer.email,
    customerPhone: mo.customer.phone,
    shipStreet: mo.address.street,
    shipNumber: mo.address.number,
    shipComplement: mo.address.complement,
    shipDistrict: mo.address.district,
    shipCity: mo.address.city,
    shipState: mo.address.state,
    shipZip: mo.address.zip.replace(/\D/g, ""),
    itemsCents: mo.items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0),
    shippingCents: mo.shippingCents,
    totalCents: mo.totalCents,
    accessKey: mo.invoice?.accessKey ?? null,
    trackingCode: mo.shipment?.trackingCode ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export interface IngestStats {
  created: number;
  changed: number;
  flagged: number;
  skipped: number;
}

/** One order as the marketplace has it, applied to the hub (also used by the notifications step). */
export function syncOne(db: Db, accountId: number, mo: MarketplaceOrder, now: Date, stats: IngestStats) {
  const existing = findOrderByCode(db, accountId, mo.channel, mo.code);
  if (!existing) {
    const deadline = deadlineColumns({
      status: mo.status,
      channel: mo.channel,
      logisticsMode: mo.logisticsMode,
      placedAt: new Date(mo.placedAt),
      approvedAt: mo.approvedAt ? new Date(mo.approvedAt) : null,
      statusChangedAt: now,
      cancellationRequestedAt: null,
      promisedShipAt: mo.shipBy ? new Date(mo.shipBy) : null,
    });
    const row = orderRowOf(accountId, mo, deadline, now);
    if (receiveMarketplaceOrder(db, { row, items: mo.items, seq: mo.seq }, now) !== null) stats.created++;
    return;
  }
  // Before any status change, whose deadline then already counts from the marketplace's new promise.
  const promised = mo.shipBy === undefined ? undefined : mo.shipBy ? new Date(mo.shipBy) : null;
  if (promised !== undefined && promised?.getTime() !== existing.promisedShipAt?.getTime())
    writePromisedShipAt(db, existing.id, accountId, promised, deadlineColumns);
  const decision = decideMarketplaceSync(existing.status, mo.status, existing);
  if (decision.kind === "apply") {
    try {
      applyMarketplaceUpdate(db, {
        accountId,
        orderId: existing.id,
        action: decision.action,
        data: { seq: mo.seq },
        trackingCode: decision.action === "ship" ? (mo.shipment?.trackingCode ?? null) : null,
      });
      stats.changed++;
    } catch (error) {
      // The order moved in the hub between the read and the write; the next pull sees it again.
      if (!(error instanceof DomainError)) throw error;
    }
  } else if (decision.kind === "unexpected") {
    insertTimelineEntry(db, {
      orderId: existing.id,
      accountId,
      at: now,
      actorType: "system",
      actorUserId: null,
      actorName: "Integração",
      kind: "marketplace.unexpected",
      fromStatus: null,
      toStatus: null,
      summary: `${CHANNEL_LABELS[mo.channel]} informou "${STATUS_LABELS[mo.status]}", mas no Fluxo o pedido está em "${STATUS_LABELS[existing.status]}": a mudança não foi aplicada.`,
      data: { marketplaceStatus: mo.status, hubStatus: existing.status, seq: mo.seq },
    });
    stats.flagged++;
  }
}

/** Pulls every page of new and changed orders since the connection's cursor. */
export async function ingestConnection(
  db: Db,
  connection: Connection,
  adapter: ChannelAdapter,
  now: () => Date = () => new Date(),
): Promise<IngestStats> {
  const stats: IngestStats = { created: 0, changed: 0, flagged: 0, skipped: 0 };
  let cursor = connection.pullCursor;
  for (let page = 0; page < 50; page++) {
    const result = await adapter.pullOrders(cursor);
    // Duplicated events are common; the same order twice in one page is handled once.
    const latest = new Map<string, unknown>();
    for (const raw of result.orders) latest.set((raw as { code?: string }).code ?? "", raw);
    // One transaction per page: one commit for hundreds of orders instead of one each.
    db.transaction(
      () => {
        for (const raw of latest.values()) {
          const parsed = marketplaceOrderSchema.safeParse(raw);
          if (!parsed.success || parsed.data.channel !== connection.channel) {
            stats.skipped++;
            continue;
          }
          syncOne(db, connection.accountId, parsed.data as MarketplaceOrder, now(), stats);
        }
      },
      { behavior: "immediate" },
    );
    if (result.cursor === cursor || result.orders.length === 0) break;
    cursor = result.cursor;
    saveCursor(db, connection.id, cursor, now());
  }
  return stats;
}
