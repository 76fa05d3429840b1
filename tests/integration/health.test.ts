import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hubHealth } from "@/server/domain/health-report";
import { cancelOrder } from "@/server/domain/orders/commands/stock-and-cancel";
import { partsStatusPath, writePartsStatus } from "@/server/runtime/parts-status";
import { insertOrder } from "./flow-helpers";
import { createTestWorld, FIXED_NOW, type TestWorld } from "./harness";

let world: TestWorld;
const dir = mkdtempSync(join(tmpdir(), "fluxo-health-"));
const statusFile = partsStatusPath(join(dir, "fluxo.db"));

beforeAll(async () => {
  world = await createTestWorld(60);
  // Two updates on their way, one made days before the report and one an hour before.
  const accountId = world.accounts[0]?.id ?? 0;
  const ctx = { db: world.db, accountId, actor: { type: "user" as const, userId: null, name: "Teste" } };
  for (const at of [FIXED_NOW, FIXED_NOW + 47 * 3_600_000]) {
    const order = insertOrder(world, { accountId, channel: "americanas" });
    cancelOrder({ ...ctx, now: new Date(at) }, { orderId: order.id, version: order.version, reason: "Sem estoque" });
  }
});
afterAll(() => {
  world?.close();
  rmSync(dir, { recursive: true, force: true });
});

function sql<T>(query: string, ...params: unknown[]): T {
  return world.db.$client.prepare(query).get(...params) as T;
}

it("the backlog per state, its oldest update and those stuck for a day are read from the outbox", () => {
  const now = FIXED_NOW + 2 * 24 * 3_600_000;
  writePartsStatus(statusFile, {
    writtenAt: now,
    parts: { worker: { state: "up", restarts: 1, lastCrash: { at: now - 60_000, exitCode: 1, signal: null } } },
  });
  const health = hubHealth(world.db, statusFile, now);

  const expected = sql<{ pending: number; sent: number; retrying: number; oldest: number }>(
    `select count(*) filter (where state = 'pending') pending, count(*) filter (where state = 'sent') sent,
            count(*) filter (where state = 'retrying') retrying,
            min(created_at) oldest from outbox where state in ('pending', 'sent', 'retrying')`,
  );
  expect(expected.pending + expected.retrying).toBeGreaterThan(0);
  const { stale } = sql<{ stale: number }>(
    "select count(*) stale from outbox where state in ('pending', 'sent', 'retrying') and created_at < ?",
    now - 24 * 3_600_000,
  );
  expect(stale).toBeGreaterThan(0);
  expect(health.outbox).toEqual({
    pending: expected.pending,
    sent: expected.sent,
    retrying: expected.retrying,
    oldestAt: new Date(expected.oldest).toISOString(),
    oldestAgeSeconds: Math.floor((now - expected.oldest) / 1_000),
    stale,
  });
  expect(health.whole).toBe(true);
  expect(health.parts.worker).toMatchObject({ up: true, restarts: 1, lastCrash: { exitCode: 1, signal: null } });
});

it("says nothing the public should not see: no process ids, no paths", () => {
  const now = Date.now();
  writePartsStatus(statusFile, { writtenAt: now, parts: { worker: { state: "up", restarts: 0, lastCrash: null } } });
  const text = JSON.stringify(hubHealth(world.db, statusFile, now));
  expect(text).not.toContain(dir);
  expect(text).not.toContain(String(process.pid));
  expect(text).not.toMatch(/"pid"/i);
});
