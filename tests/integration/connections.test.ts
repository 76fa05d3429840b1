import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld(0);
  ensureSandboxConnections(world.db, "http://127.0.0.1:4010", CHANNEL_IDS, new Date());
});
afterAll(() => world.close());

describe("channel connections", () => {
  it("an admin lists and changes an account's connection", async () => {
    const admin = world.callerFor(EMAILS.admin);
    const all = await admin.connections.list();
    expect(all).toHaveLength(world.accounts.length * CHANNEL_IDS.length);
    const accountId = world.accounts[1]?.id ?? 0;
    await admin.connections.save({
      accountId,
      channel: "zoom",
      baseUrl: "https://api.zoom.example/v1",
      enabled: false,
    });
    const zoom = (await admin.connections.list()).find((c) => c.accountId === accountId && c.channel === "zoom");
    expect(zoom).toMatchObject({ baseUrl: "https://api.zoom.example/v1", enabled: false });
  });

  it("refuses a URL that is not http(s), with a pt-BR message, and an unknown account", async () => {
    const admin = world.callerFor(EMAILS.admin);
    const accountId = world.accounts[0]?.id ?? 0;
    await expect(
      admin.connections.save({ accountId, channel: "amazon", baseUrl: "ftp://x", enabled: true }),
    ).rejects.toThrow(/http:\/\/ ou https:\/\//);
    await expect(
      admin.connections.save({ accountId: 9999, channel: "amazon", baseUrl: "https://x.example", enabled: true }),
    ).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND");
  });

  it("is for admins only", async () => {
    for (const email of [EMAILS.support, EMAILS.sellerA, EMAILS.managerA]) {
      await expect(world.callerFor(email).connections.list()).rejects.toSatisfy(
        (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
      );
    }
  });
});
