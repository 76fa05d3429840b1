// The outage rule as the worker applies it, against an in-process marketplace whose answers the test decides, on a
// simulated clock: taken for down after failures without an answer, probed once per interval, the backlog due at once
// on recovery (even an update whose back-off ran minutes past it), and no attempt given up during the outage.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { channelConnections, outbox } from "@/db/schema";
import { type ChannelAdapter, MarketplaceCallError, type PushResult } from "@/server/channels/adapter";
import { CHANNEL_IDS, type ChannelId } from "@/server/domain/channels/channels";
import { type FailureCause, OUTAGE } from "@/server/domain/replication/outage";
import { BACKOFF } from "@/server/sync/backoff";
import { replicateOnce } from "@/server/sync/replicate";
import { accountCnpj, insertOrder, outboxOf, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountId: number;
// Ahead of the real time the updates are written at (the procedures stamp them with it), so they are due at once.
let clock = Date.now() + 60 * 60_000;
const now = () => new Date(clock);

beforeAll(async () => {
  world = await createTestWorld(0);
  accountId = world.accounts[0]?.id ?? 0;
  ensureSandboxConnections(world.db, "http://127.0.0.1:9", CHANNEL_IDS, new Date());
});
afterAll(() => world.close());

/** A marketplace that fails with `failing` (or answers when null), counting what it is asked. */
function marketplace() {
  const state = { failing: null as FailureCause | null, pushes: 0, reads: 0, checks: 0 };
  const adapter: ChannelAdapter = {
    pullOrders: async () => ({ orders: [], cursor: "0" }),
    readOrder: async () => {
      state.reads++;
      if (state.failing) throw new Error("sem resposta em 10 s");
      return null;
    },
    checkConnection: async () => {
      state.checks++;
      return state.failing
        ? { ok: false, message: "O marketplace não respondeu.", cause: state.failing }
        : { ok: true };
    },
    pushUpdate: async (): Promise<PushResult> => {
      state.pushes++;
      return state.failing
        ? { outcome: "transient", error: "Marketplace respondeu HTTP 503", retryAfterMs: null, cause: state.failing }
        : { outcome: "acknowledged", response: {} };
    },
  };
  return { state, adapter };
}

async function invoicedOrders(channel: ChannelId, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const order = insertOrder(world, { accountId, channel });
    await world.callerFor(EMAILS.sellerA).orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(accountCnpj(world, accountId), 2026, 11) },
    });
    ids.push(order.id);
  }
  return ids;
}

function connection(channel: ChannelId) {
  const row = world.db
    .select()
    .from(channelConnections)
    .where(and(eq(channelConnections.accountId, accountId), eq(channelConnections.channel, channel)))
    .get();
  if (!row) throw new Error(`no ${channel} connection`);
  return row;
}

const pass = (adapter: ChannelAdapter) =>
  replicateOnce(world.db, { owner: "t", leaseMs: 30_000, batch: 50, adapterFor: () => adapter, now });

it("down after failures without an answer: no attempt given up, one probe per interval, the whole backlog due on recovery", async () => {
  // As many as it takes, all in flight at once (no more than a pass sends to one connection).
  const ids = await invoicedOrders("americanas", Math.min(OUTAGE.failuresInARow, OUTAGE.callsInFlight));
  const [last] = ids;
  // An update one failure away from being given up, when the outage begins.
  world.db
    .update(outbox)
    .set({ attempts: BACKOFF.maxAttempts - 1 })
    .where(eq(outbox.orderId, last ?? 0))
    .run();
  const { state, adapter } = marketplace();
  state.failing = "server_error";

  expect(await pass(adapter)).toBe(ids.length);
  const down = connection("americanas");
  expect(down.unreachableSince).toEqual(now());
  expect(down.nextProbeAt).toEqual(new Date(clock + OUTAGE.probeEveryMs));
  const shown = await world.callerFor(EMAILS.sellerA).connections.mine();
  expect(shown.find((c) => c.channel === "americanas")?.unreachableSince).toEqual(now());
  const waiting = outboxOf(world, last ?? 0)[0];
  expect(waiting).toMatchObject({ state: "retrying", attempts: BACKOFF.maxAttempts });
  // Its back-off runs minutes past the recovery below.
  expect((waiting?.nextAttemptAt?.getTime() ?? 0) - clock).toBeGreaterThan(60_000);

  // While down: nothing is claimed, one probe per interval.
  for (let second = 1; second <= 25; second++) {
    clock += 1_000;
    expect(await pass(adapter)).toBe(0);
  }
  // The update with earlier attempts was read back instead of sent; the read got no answer either.
  expect(state).toMatchObject({ pushes: ids.length - 1, reads: 1, checks: 2 });
  expect(outboxOf(world, last ?? 0)[0]?.attempts).toBe(BACKOFF.maxAttempts);

  // Back: the probe answers and every update goes in the same pass, read back first where an attempt had failed.
  state.failing = null;
  clock += 5_000;
  expect(await pass(adapter)).toBe(ids.length);
  expect(state.checks).toBe(3);
  for (const id of ids) expect(outboxOf(world, id)[0]?.state).toBe("acknowledged");
  expect(connection("americanas")).toMatchObject({ consecutiveFailures: 0, unreachableSince: null, nextProbeAt: null });
});

it("a 429 or a refusal of access is an answer: the connection is never taken for down", async () => {
  for (const cause of ["rate_limited", "refused"] as const) {
    const ids = await invoicedOrders("americanas", OUTAGE.failuresInARow * 2);
    const { state, adapter } = marketplace();
    state.failing = cause;
    expect(await pass(adapter)).toBe(ids.length);
    expect(connection("americanas")).toMatchObject({ consecutiveFailures: 0, unreachableSince: null });
    state.failing = null;
    clock += BACKOFF.maxMs;
    expect(await pass(adapter)).toBe(ids.length);
    expect(state.checks).toBe(0);
  }
});

it("a read-back that waits for the marketplace's request limit is deferred: no attempt, due when its turn comes", async () => {
  const [id] = await invoicedOrders("americanas", 1);
  world.db
    .update(outbox)
    .set({ attempts: 3 })
    .where(eq(outbox.orderId, id ?? 0))
    .run();
  const { state, adapter } = marketplace();
  const limited: ChannelAdapter = {
    ...adapter,
    readOrder: async () => {
      state.reads++;
      throw new MarketplaceCallError("limite de requisições da Americanas: próxima vez em 3 s", "rate_limited", 3_000);
    },
  };
  expect(await pass(limited)).toBe(1);
  const [deferred] = outboxOf(world, id ?? 0);
  expect(deferred).toMatchObject({ state: "retrying", attempts: 3 });
  expect((deferred?.nextAttemptAt?.getTime() ?? 0) - clock).toBeGreaterThanOrEqual(3_000);
  expect(state).toMatchObject({ reads: 1, pushes: 0 });
  clock += 3_500;
  expect(await pass(adapter)).toBe(1);
  expect(outboxOf(world, id ?? 0)[0]).toMatchObject({ state: "acknowledged", attempts: 4 });
});

it("an outage that begins mid-pass stops the rest of the pass: those updates are not sent and spend no attempt", async () => {
  const ids = await invoicedOrders("americanas", OUTAGE.callsInFlight * 4);
  const { state, adapter } = marketplace();
  state.failing = "no_answer";
  expect(await pass(adapter)).toBe(ids.length);
  expect(connection("americanas").unreachableSince).toEqual(now());
  // Those in flight when it was noticed were sent; no more.
  expect(state.pushes).toBeLessThanOrEqual(OUTAGE.callsInFlight + OUTAGE.failuresInARow);
  const rows = ids.map((id) => outboxOf(world, id)[0]);
  expect(rows.filter((r) => r?.attempts === 1)).toHaveLength(state.pushes);
  expect(rows.filter((r) => r?.attempts === 0)).toHaveLength(ids.length - state.pushes);
  expect(rows.every((r) => r?.state === "retrying")).toBe(true);
  state.failing = null;
  clock += OUTAGE.probeEveryMs;
  expect(await pass(adapter)).toBe(ids.length);
  for (const id of ids) expect(outboxOf(world, id)[0]?.state).toBe("acknowledged");
});
