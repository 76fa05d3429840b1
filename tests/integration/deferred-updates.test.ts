// An update that waits for the marketplace's published request limit was not sent: it is no attempt (so a burst
// of updates never runs out of attempts waiting its turn) and nothing is written in the order's timeline.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { channelConnections, timelineEntries } from "@/db/schema";
import type { ChannelAdapter, PushResult } from "@/server/channels/adapter";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { replicateOnce } from "@/server/sync/replicate";
import { accountCnpj, insertOrder, outboxOf, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld(0);
  ensureSandboxConnections(world.db, "http://127.0.0.1:9", CHANNEL_IDS, new Date());
});
afterAll(() => world.close());

it("a deferral is not an attempt and leaves no trace in the timeline; the update goes when its turn comes", async () => {
  const accountId = world.accounts[0]?.id ?? 0;
  const order = insertOrder(world, { accountId, channel: "americanas" });
  await world.callerFor(EMAILS.sellerA).orders.invoice({
    orderId: order.id,
    version: order.version,
    invoice: { method: "key", accessKey: validKey(accountCnpj(world, accountId), 2026, 11) },
  });
  let turns = 0;
  const adapter: ChannelAdapter = {
    pullOrders: async () => ({ orders: [], cursor: "0" }),
    readOrder: async () => null,
    checkConnection: async () => ({ ok: true }),
    pushUpdate: async (): Promise<PushResult> => {
      turns += 1;
      return turns <= 20
        ? { outcome: "deferred", reason: "A Americanas limita as requisições", retryAfterMs: 0 }
        : { outcome: "acknowledged", response: {} };
    },
  };
  // Far more deferrals than the worker's 12 attempts: none of them counts.
  for (let pass = 0; pass < 21; pass++) {
    await replicateOnce(world.db, { owner: "t", leaseMs: 10_000, batch: 10, adapterFor: () => adapter });
    await new Promise((resolve) => setTimeout(resolve, 260));
  }
  const [invoice] = outboxOf(world, order.id);
  expect(invoice).toMatchObject({ kind: "invoice", state: "acknowledged", attempts: 1 });
  const replication = world.db
    .select({ kind: timelineEntries.kind })
    .from(timelineEntries)
    .where(and(eq(timelineEntries.orderId, order.id), like(timelineEntries.kind, "replication.%")))
    .all();
  expect(replication).toEqual([{ kind: "replication.acknowledged" }]);
  // The connections page can say the marketplace's limit held the account's updates.
  const americanas = world.db
    .select({ until: channelConnections.rateLimitedUntil })
    .from(channelConnections)
    .where(and(eq(channelConnections.accountId, accountId), eq(channelConnections.channel, "americanas")))
    .get();
  expect(americanas?.until).toBeInstanceOf(Date);
}, 20_000);
