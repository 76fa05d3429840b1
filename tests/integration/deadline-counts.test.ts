// The late and due-today figures are added up from daily and hourly counters and the deadline index's ragged ends
// (db/queries/deadline-ranges.ts): at any minute of the day, under any channel, they must equal a plain count of
// the orders themselves, the tabs' per-status figures too.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countDeadlines, countOrdersByStatus } from "@/db/queries/orders";
import { orders } from "@/db/schema";
import type { ChannelId } from "@/server/domain/channels/channels";
import { boardQuery, orderFilters } from "@/server/domain/orders/board-query";
import { endOfToday } from "@/server/domain/orders/deadlines";
import { insertOrder } from "./flow-helpers";
import { createTestWorld, FIXED_NOW, type TestWorld } from "./harness";

const MINUTE = 60_000;
const DAY = 86_400_000;
const CHANNELS: ChannelId[] = ["americanas", "mercado_livre", "amazon"];

let world: TestWorld;
let accountId: number;

beforeAll(async () => {
  world = await createTestWorld(0);
  accountId = world.accounts[0]?.id as number;
  // Deadlines every 23 minutes over four days around FIXED_NOW's day, on three channels, some on the hour exactly.
  const dayStart = Math.floor(FIXED_NOW / DAY) * DAY;
  for (let at = dayStart - 2 * DAY, i = 0; at < dayStart + 2 * DAY; at += 23 * MINUTE, i += 1) {
    const order = insertOrder(world, {
      accountId,
      channel: CHANNELS[i % CHANNELS.length],
      status: i % 5 === 0 ? "INVOICED" : "APPROVED",
    });
    const deadlineAt = new Date(i % 7 === 0 ? Math.floor(at / 3_600_000) * 3_600_000 : at);
    world.db.update(orders).set({ deadlineAt, deadlineKind: "invoice" }).where(eq(orders.id, order.id)).run();
  }
});
afterAll(() => {
  world?.close();
  vi.useRealTimers();
});

function plainCount(from: number, to: number, channels?: ChannelId[], status?: string): number {
  return world.db.$client
    .prepare(`SELECT deadline_at AS at, channel, status FROM orders WHERE account_id = ? AND deadline_at IS NOT NULL`)
    .all(accountId)
    .filter((r) => {
      const row = r as { at: number; channel: ChannelId; status: string };
      return (
        row.at >= from &&
        row.at < to &&
        (!channels || channels.includes(row.channel)) &&
        (!status || row.status === status)
      );
    }).length;
}

describe("late and due-today figures from the counters", () => {
  const dayStart = Math.floor(FIXED_NOW / DAY) * DAY;
  const instants = [
    0,
    1,
    3 * 60 * MINUTE - 1,
    3 * 60 * MINUTE,
    14 * 60 * MINUTE + 25 * MINUTE,
    23 * 60 * MINUTE + 59 * MINUTE,
  ].map((offset) => dayStart + offset);
  for (const now of instants)
    it(`equal a plain count of the orders at ${new Date(now).toISOString()}`, () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(now);
      const end = endOfToday(new Date(now)).getTime();
      for (const channels of [undefined, ["mercado_livre"] as ChannelId[], ["americanas", "amazon"] as ChannelId[]]) {
        expect(countDeadlines(world.db, accountId, boardQuery({ channels }))).toEqual({
          late: plainCount(0, now, channels),
          dueToday: plainCount(now, end, channels),
        });
        const lateTabs = countOrdersByStatus(world.db, accountId, orderFilters({ channels, deadline: "late" }));
        expect({ all: lateTabs.all, INVOICED: lateTabs.INVOICED }).toEqual({
          all: plainCount(0, now, channels),
          INVOICED: plainCount(0, now, channels, "INVOICED"),
        });
        const todayTabs = countOrdersByStatus(world.db, accountId, orderFilters({ channels, deadline: "today" }));
        expect({ all: todayTabs.all, APPROVED: todayTabs.APPROVED }).toEqual({
          all: plainCount(now, end, channels),
          APPROVED: plainCount(now, end, channels, "APPROVED"),
        });
      }
      vi.useRealTimers();
    });
});
