import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { syncFindings } from "../../db/queries/divergences";
import { orders, outbox, timelineEntries } from "../../db/schema";
import { type ChannelId, LOGISTICS_MODE_IDS } from "../../server/domain/channels/channels";
import { detectDivergences, type MarketplaceSide } from "../../server/domain/divergences/detect";
import { buildAccessKey } from "../../server/domain/invoice/access-key";
import type { OrderStatus } from "../../server/domain/orders/status";
import { s10CheckDigit } from "../../server/domain/shipping/tracking";
import { saoPauloYearMonth } from "../../server/domain/time";
import type { SeedAccount } from "./orders";

const HOUR = 3_600_000;

/** Modes in which the seller ships, so the sandbox never moves these orders on by itself. */
const SELLER_SHIPS = LOGISTICS_MODE_IDS.filter((m) => m === "correios" || m === "own_carrier");

// A marketplace's refusal as SkyHub words it, code and all: the divergence says it in pt-BR (translateCodes).
const REFUSED_INVOICE = "A Americanas respondeu: nota fiscal não encontrada na Sefaz (payload.invoiceKey)";

interface Scenario {
  channel: ChannelId;
  status: OrderStatus;
  /** What the marketplace shows for the order, as its own panel left it. */
  marketplace: (order: typeof orders.$inferSelect, account: SeedAccount, serial: number) => MarketplaceSide;
  /** The hub's invoice update, refused by the marketplace, when that is the disagreement. */
  refusedInvoice?: string;
}

/**
 * The disagreements a seller's morning really brings (SPEC §5), each with a cause a person can act on: an order
 * invoiced by hand in the marketplace's panel (accept the marketplace's state), a tracking code changed there
 * (re-send the hub's, or accept theirs), an invoice the marketplace refused (check the note, re-send).
 */
const SCENARIOS: Scenario[] = [
  {
    channel: "americanas",
    status: "APPROVED",
    marketplace: (order, account, serial) => {
      const { year, month } = saoPauloYearMonth(order.placedAt);
      const accessKey = buildAccessKey({
        stateCode: account.stateCode,
        year,
        month,
        cnpj: account.cnpj,
        series: 2,
        number: 900_000 + serial,
        randomCode: String(10_000_000 + serial * 7919).slice(0, 8),
      });
      return { status: "INVOICED", accessKey, trackingCode: null };
    },
  },
  {
    channel: "magalu",
    status: "SHIPPED",
    marketplace: (order, _account, serial) => {
      const digits = String(70_000_000 + serial * 104_729).slice(0, 8);
      return { status: "SHIPPED", accessKey: order.accessKey, trackingCode: `QB${digits}${s10CheckDigit(digits)}BR` };
    },
  },
  {
    channel: "americanas",
    status: "INVOICED",
    marketplace: () => ({ status: "APPROVED", accessKey: null, trackingCode: null }),
    refusedInvoice: REFUSED_INVOICE,
  },
];

/** The account's newest order in this state that nothing else is pending on. */
function candidate(db: Db, accountId: number, scenario: Scenario) {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.channel, scenario.channel),
        eq(orders.status, scenario.status),
        inArray(orders.logisticsMode, SELLER_SHIPS),
        isNull(orders.cancellationRequestedAt),
      ),
    )
    .orderBy(desc(orders.placedAt))
    .get();
}

function refuseInvoice(db: Db, order: typeof orders.$inferSelect, reason: string, at: Date) {
  const update = db
    .update(outbox)
    .set({ state: "rejected", lastError: reason, attempts: 1, updatedAt: at })
    .where(and(eq(outbox.orderId, order.id), eq(outbox.kind, "invoice")))
    .returning({ id: outbox.id })
    .get();
  if (!update) return false;
  db.insert(timelineEntries)
    .values({
      orderId: order.id,
      accountId: order.accountId,
      at,
      actorType: "channel",
      actorUserId: null,
      actorName: "Americanas",
      kind: "replication.rejected",
      fromStatus: null,
      toStatus: null,
      summary: `Americanas recusou: Nota fiscal — ${reason}`,
      data: { outboxId: update.id, kind: "invoice", attempt: 1 },
    })
    .run();
  return true;
}

/**
 * A handful of open divergences for the demo, found as reconciliation finds them (the same detection and the same
 * rows), with the marketplace's side kept on each so the sandbox is given that side (db/queries/sandbox-mirror.ts)
 * and the worker's next check agrees. Returns how many were opened.
 */
export function seedDemoDivergences(db: Db, accounts: SeedAccount[], now: number): number {
  let opened = 0;
  let serial = 0;
  for (const account of accounts) {
    for (const scenario of SCENARIOS) {
      const order = candidate(db, account.id, scenario);
      if (!order) continue;
      serial += 1;
      // Found at the last reconciliation a few hours ago, after the change that caused it.
      const at = new Date(Math.max(order.statusChangedAt.getTime() + HOUR, now - (2 + serial) * HOUR));
      if (scenario.refusedInvoice && !refuseInvoice(db, order, scenario.refusedInvoice, at)) continue;
      const marketplace = scenario.marketplace(order, account, serial);
      const updates = db
        .select({ kind: outbox.kind, state: outbox.state, attempts: outbox.attempts, lastError: outbox.lastError })
        .from(outbox)
        .where(eq(outbox.orderId, order.id))
        .all();
      const findings = detectDivergences(order, updates, marketplace);
      const snapshot = {
        hubState: { status: order.status, accessKey: order.accessKey, trackingCode: order.trackingCode },
        marketplaceState: { ...marketplace },
      };
      opened += syncFindings(db, order, findings, snapshot, at).length;
    }
  }
  return opened;
}
