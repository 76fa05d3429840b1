// SPEC §7 connections a seller can make: keys stored sealed and never sent back, a test call whose answer becomes
// the connection's health, the seller's own account only, an admin on the account they selected.
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { channelConnections } from "@/db/schema";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
const API_KEY = "loja-aurora-chave-9f8e7d6c";

beforeAll(async () => {
  process.env.FLUXO_SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
  world = await createTestWorld(0);
  // Nothing listens on port 9: a test call meets a refused connection.
  ensureSandboxConnections(world.db, "http://127.0.0.1:9", CHANNEL_IDS, new Date());
});
afterAll(() => world.close());

const forbidden = (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN";

describe("account connections", () => {
  it("a seller stores the Americanas keys sealed; the list says whose they are and never returns them", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    await seller.connections.setKeys({
      channel: "americanas",
      userEmail: "integracao@lojaaurora.com.br",
      apiKey: API_KEY,
      accountManagerKey: "fluxo-plataforma-0001",
    });
    const accountA = world.accounts[0]?.id ?? 0;
    const stored = world.db
      .select({ credentials: channelConnections.credentials })
      .from(channelConnections)
      .where(eq(channelConnections.accountId, accountA))
      .all()
      .map((r) => r.credentials ?? "")
      .join("\n");
    expect(stored).toMatch(/^v1\./m);
    expect(stored).not.toContain(API_KEY);
    const list = await seller.connections.mine();
    expect(JSON.stringify(list)).not.toContain(API_KEY);
    expect(list.find((c) => c.channel === "americanas")).toMatchObject({
      identity: "integracao@lojaaurora.com.br · chave terminada em 7d6c",
      setup: expect.any(String),
    });
    expect(list).toHaveLength(CHANNEL_IDS.length);
  });

  it("refuses keys that cannot be right, in pt-BR", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    await expect(
      seller.connections.setKeys({ channel: "americanas", userEmail: "não é e-mail", apiKey: "curta" }),
    ).rejects.toThrow(/e-mail de acesso|chave de API/);
  });

  it("a seller stores the Amazon app and its refresh token sealed, refused in pt-BR when a field is not Amazon's", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const refreshToken = "Atzr|IwEBIJ-refresh-token-of-the-seller-0001";
    await expect(
      seller.connections.setAmazonKeys({
        clientId: "amzn1.sp.solution.1234",
        clientSecret: "segredo-123",
        refreshToken,
      }),
    ).rejects.toThrow(/Client ID \(LWA\) começa com “amzn1.application-oa2-client.”/);
    await seller.connections.setAmazonKeys({
      clientId: "amzn1.application-oa2-client.4f1c2a9b",
      clientSecret: "amzn1.oa2-cs.v1.segredo-123",
      refreshToken,
    });
    const list = await seller.connections.mine();
    expect(JSON.stringify(list)).not.toContain(refreshToken);
    expect(list.find((c) => c.channel === "amazon")).toMatchObject({
      identity: "App 4f1c2a9b · refresh token terminado em 0001",
      setup: "keys",
    });
  });

  it("a test call that fails says so in plain words and is kept as the connection's last error", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const result = await seller.connections.test({ channel: "zoom" });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/não respondeu|Confira o endereço/);
    const zoom = (await seller.connections.mine()).find((c) => c.channel === "zoom");
    expect(zoom?.lastError).toBe(result.message);
    expect(zoom?.lastErrorAt).toBeInstanceOf(Date);
  });

  it("each seller sees only their account; managers and support do not manage connections", async () => {
    const other = await world.callerFor(EMAILS.sellerB).connections.mine();
    expect(other.find((c) => c.channel === "americanas")?.identity).toBeNull();
    for (const email of [EMAILS.managerA, EMAILS.support]) {
      await expect(world.callerFor(email).connections.mine()).rejects.toSatisfy(forbidden);
      await expect(world.callerFor(email).connections.test({ channel: "zoom" })).rejects.toSatisfy(forbidden);
    }
  });

  it("an admin manages the account they selected", async () => {
    const accountB = world.accounts[1]?.id ?? 0;
    const admin = world.callerFor(EMAILS.admin, accountB);
    await admin.connections.setKeys({
      channel: "americanas",
      userEmail: "integracao@casaverde.com.br",
      apiKey: "casa-verde-chave-0001",
      accountManagerKey: "fluxo-plataforma-0001",
    });
    const seen = await world.callerFor(EMAILS.sellerB).connections.mine();
    expect(seen.find((c) => c.channel === "americanas")?.identity).toMatch(/^integracao@casaverde/);
  });
});
