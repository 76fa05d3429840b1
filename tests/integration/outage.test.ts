// A three-minute marketplace outage while the seller keeps working, against the real sandbox and its fault control,
// on the simulated clock the worker schedules by (back-off, probes, leases): one round of the worker's lanes per
// simulated second. The backlog drains within 30 s of recovery, nothing lost, duplicated or out of order, and no
// attempt is spent while the marketplace is down.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listEnabledConnections } from "@/db/queries/connections";
import { channelConnections, orders, outbox, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import type { ChannelAdapter, ConnectionInfo } from "@/server/channels/adapter";
import { adapterFor } from "@/server/channels/registry";
import type { ChannelId, LogisticsModeId } from "@/server/domain/channels/channels";
import { CHANNEL_RULES, marketplaceReportsDelivery } from "@/server/domain/channels/rules";
import { markDelivered } from "@/server/domain/orders/commands/deliver";
import { invoiceOrder } from "@/server/domain/orders/commands/invoice";
import { shipOrder } from "@/server/domain/orders/commands/ship";
import { OUTAGE } from "@/server/domain/replication/outage";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { replicateUntilIdle } from "@/server/sync/replicate";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { buildNfe } from "../fixtures/nfe-builder";
import { accountCnpj, orderRow, spDay, spMonth, tracking, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const OUTAGE_MS = 180_000;
const STEP_MS = 1_000;
const DRAIN_GOAL_MS = 30_000;
const LANES = 4;

// Every protocol: SkyHub (Americanas), Mercado Livre's API (ME1, the seller ships), Amazon's SP-API, Mirakl (Carrefour) and the
// sandbox's /v1.
const PLAN: { channel: ChannelId; logisticsMode: LogisticsModeId; orders: number }[] = [
  { channel: "americanas", logisticsMode: "correios", orders: 6 },
  { channel: "magalu", logisticsMode: "correios", orders: 6 },
  { channel: "amazon", logisticsMode: "correios", orders: 6 },
  { channel: "carrefour", logisticsMode: "correios", orders: 4 },
  { channel: "mercado_livre", logisticsMode: "own_carrier", orders: 5 },
];

let world: TestWorld;
let sandbox: SandboxProcess;
let accountId: number;
let seller: string;
let clock = Date.now();
const now = () => new Date(clock);

/** Every call the worker made to a marketplace, on the simulated clock. */
const calls: { channel: ChannelId; call: "update" | "check"; at: number }[] = [];

function watchedAdapterFor(connection: ConnectionInfo): ChannelAdapter {
  const adapter = adapterFor(connection);
  const note = (call: "update" | "check") => calls.push({ channel: connection.channel, call, at: clock });
  return {
    pullOrders: (cursor) => adapter.pullOrders(cursor),
    pushUpdate: (update) => {
      note("update");
      return adapter.pushUpdate(update);
    },
    readOrder: (code) => {
      note("update");
      return adapter.readOrder(code);
    },
    checkConnection: () => {
      note("check");
      return adapter.checkConnection();
    },
  };
}

const round = () =>
  replicateUntilIdle(
    world.db,
    { owner: "outage-test", leaseMs: 60_000, batch: 50, adapterFor: watchedAdapterFor, now },
    LANES,
  );

const ctx = () => ({
  db: world.db,
  accountId,
  actor: { type: "user" as const, userId: null, name: "Teste" },
  nfeMode: "sandbox" as const,
  now: now(),
});

function unsettled(): number {
  return world.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(inArray(outbox.state, ["held", "pending", "sent", "retrying"]))
    .all().length;
}

function downSince(): Map<ChannelId, number> {
  const rows = world.db
    .select({ channel: channelConnections.channel, since: channelConnections.unreachableSince })
    .from(channelConnections)
    .where(eq(channelConnections.accountId, accountId))
    .all();
  return new Map(rows.flatMap((r) => (r.since ? [[r.channel, r.since.getTime()] as const] : [])));
}

beforeAll(async () => {
  world = await createTestWorld(0);
  accountId = world.accounts[0]?.id ?? 0;
  seller = accountCnpj(world, accountId);
  sandbox = await startSandbox({ sellers: [seller] });
  await connectToSandbox(world.db, sandbox.url);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

it("a 3-minute outage: the hub stops sending, probes once per interval, and drains the backlog within 30 s of recovery", async () => {
  const codes = new Set<string>();
  for (const { channel, logisticsMode, orders: n } of PLAN) {
    for (let i = 0; i < n; i++) {
      const order = await sandbox.admin<{ code: string }>("/admin/orders", {
        seller,
        channel,
        logisticsMode,
        status: "APPROVED",
      });
      codes.add(`${channel} ${order.code}`);
    }
  }
  for (const connection of listEnabledConnections(world.db)) {
    await ingestConnection(world.db, connection, adapterFor(connectionInfo(world.db, connection)));
  }
  // Only the orders made here: the sandbox may generate others of its own, which get no updates.
  const all = world.db
    .select()
    .from(orders)
    .where(eq(orders.accountId, accountId))
    .all()
    .filter((o) => codes.has(`${o.channel} ${o.marketplaceCode}`));
  expect(all).toHaveLength(codes.size);

  // Mercado Livre takes the NF-e XML and confirms it when the label is released: done before the outage, so its
  // orders bring shipment and delivery to the backlog.
  const { year, month } = spMonth(0);
  for (const order of all.filter((o) => CHANNEL_RULES[o.channel].invoiceNeedsXml)) {
    const xml = buildNfe({ key: validKey(seller, year, month), issuedAt: `${spDay(0)}T00:00:00-03:00` });
    invoiceOrder(ctx(), {
      orderId: order.id,
      version: order.version,
      invoice: { method: "xml", fileName: "nota.xml", xml },
    });
  }
  await round();
  await sandbox.admin("/admin/tick", {});
  clock += 31_000;
  await round();
  expect(unsettled()).toBe(0);

  // The seller invoices, ships and delivers every order while the marketplace is down (where the marketplace reports
  // the delivery itself, as Amazon does, the seller does not).
  const actions = [
    ...all.filter((o) => !CHANNEL_RULES[o.channel].invoiceNeedsXml).map((o) => ({ kind: "invoice", id: o.id })),
    ...all.map((o) => ({ kind: "ship", id: o.id })),
    // Where the customer confirms receipt in the marketplace (Carrefour), the seller has no delivery to send.
    ...all
      .filter((o) => !marketplaceReportsDelivery(o.channel, o.logisticsMode))
      .map((o) => ({ kind: "deliver", id: o.id })),
  ];
  await sandbox.admin("/admin/faults", { outage: true });
  const wentDown = new Map<ChannelId, number>();
  let notice: { text: string; waiting: number } | null = null;
  for (let second = 0; second < OUTAGE_MS / STEP_MS; second++) {
    for (const [i, action] of actions.entries()) {
      if (Math.floor((i * 170) / actions.length) !== second) continue;
      const order = orderRow(world, action.id);
      const ref = { orderId: order.id, version: order.version };
      if (action.kind === "invoice") {
        invoiceOrder(ctx(), { ...ref, invoice: { method: "key", accessKey: validKey(seller, year, month) } });
      } else if (action.kind === "ship") {
        shipOrder(ctx(), { ...ref, tracking: tracking({ handedAt: spDay(0) }) });
      } else {
        markDelivered(ctx(), { ...ref, deliveredOn: spDay(0) });
      }
    }
    await round();
    for (const [channel, since] of downSince()) if (!wentDown.has(channel)) wentDown.set(channel, since);
    if (second === 175) {
      const dashboard = await world.callerFor(EMAILS.managerA).dashboard.get({});
      const americanas = dashboard.outages.find((o) => o.channel === "americanas");
      notice = americanas ? { text: americanas.notice, waiting: americanas.waiting } : null;
    }
    clock += STEP_MS;
  }

  // Every connection with work was taken for down, and from then on got probes only, one per interval.
  const upAt = clock;
  expect([...wentDown.keys()].sort()).toEqual(PLAN.map((p) => p.channel).sort());
  for (const [channel, since] of wentDown) {
    const after = calls.filter((c) => c.channel === channel && c.at > since && c.at < upAt);
    expect(after.filter((c) => c.call === "update")).toEqual([]);
    const probes = after.filter((c) => c.call === "check").length;
    expect(probes).toBeGreaterThanOrEqual(Math.floor((upAt - since) / OUTAGE.probeEveryMs) - 1);
    expect(probes).toBeLessThanOrEqual(Math.ceil((upAt - since) / OUTAGE.probeEveryMs));
  }
  const americanasWaiting = world.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.channel, "americanas"), inArray(outbox.state, ["pending", "sent", "retrying"])))
    .all().length;
  expect(americanasWaiting).toBeGreaterThan(0);
  expect(notice?.waiting).toBe(americanasWaiting);
  expect(notice?.text).toMatch(
    new RegExp(`^Americanas fora do ar desde \\d{2}:\\d{2} — ${americanasWaiting} atualizações aguardando; `),
  );

  await sandbox.admin("/admin/faults", { outage: false });
  let drainedAt: number | null = null;
  for (let second = 0; second < 120 && drainedAt === null; second++) {
    await round();
    if (unsettled() === 0) drainedAt = clock;
    else clock += STEP_MS;
  }
  expect(drainedAt).not.toBeNull();
  expect((drainedAt ?? Number.POSITIVE_INFINITY) - upAt).toBeLessThanOrEqual(DRAIN_GOAL_MS);

  // Nothing lost, nothing rejected, no attempt spent while down (a few before the outage was noticed, one after).
  const rows = world.db.select().from(outbox).orderBy(outbox.id).all();
  expect(rows.every((r) => r.state === "acknowledged")).toBe(true);
  expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThanOrEqual(OUTAGE.failuresInARow + 1);
  const acknowledged = world.db
    .select({ id: timelineEntries.id })
    .from(timelineEntries)
    .where(eq(timelineEntries.kind, "replication.acknowledged"))
    .all();
  expect(acknowledged).toHaveLength(rows.length);

  // What the marketplace received: each update once, an order's updates in the order the seller made them.
  const received = await sandbox.admin<{
    updates: { channel: string; code: string; kind: string; result: string; receivedCount: number }[];
  }>(`/admin/updates?seller=${seller}`);
  expect(received.updates.every((u) => u.result === "acknowledged" && u.receivedCount === 1)).toBe(true);
  const codeOf = new Map(all.map((o) => [o.id, `${o.channel} ${o.marketplaceCode}`]));
  const sequence = (entries: { order: string; kind: string }[]) => {
    const byOrder = new Map<string, string[]>();
    for (const { order, kind } of entries) byOrder.set(order, [...(byOrder.get(order) ?? []), kind]);
    return byOrder;
  };
  expect(sequence(received.updates.map((u) => ({ order: `${u.channel} ${u.code}`, kind: u.kind })))).toEqual(
    sequence(rows.map((r) => ({ order: codeOf.get(r.orderId) ?? "", kind: r.kind }))),
  );
}, 300_000);
