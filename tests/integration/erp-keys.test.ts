// The API-keys settings procedures, for every role and across accounts: the account's seller, or an admin on the
// account they switched to, lists, creates and revokes; managers and support are refused; another account's key is
// "not found".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erpKeyByHash } from "@/db/queries/erp-keys";
import { hashErpKey } from "@/server/erp-api/keys";
import { expectRefusal } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  world = await createTestWorld(1);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
});
afterAll(() => world?.close());

describe("erpKeys", () => {
  it("the seller creates a key, sees it once, lists it without the key, and revokes it", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const created = await seller.erpKeys.create({ name: "  Bling  " });
    expect(created).toMatchObject({
      name: "Bling",
      userEmail: EMAILS.sellerA,
      key: expect.stringMatching(/^fluxo_erp_/),
    });
    const listed = await seller.erpKeys.list();
    expect(listed).toContainEqual(expect.objectContaining({ id: created.id, name: "Bling", revokedAt: null }));
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(erpKeyByHash(world.db, hashErpKey(created.key))).toMatchObject({ accountId: accountA });
    await seller.erpKeys.revoke({ id: created.id });
    expect((await seller.erpKeys.list()).find((k) => k.id === created.id)?.revokedAt).toBeInstanceOf(Date);
    await expectRefusal(seller.erpKeys.revoke({ id: created.id }), "NOT_FOUND", "ERP_KEY_NOT_FOUND");
  });

  it("refuses a second active key of the same name and a name in two lines", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    await seller.erpKeys.create({ name: "Tiny" });
    await expectRefusal(seller.erpKeys.create({ name: "tiny" }), "BAD_REQUEST", "INVALID_INPUT");
    await expectRefusal(seller.erpKeys.create({ name: "Tiny\nERP" }), "BAD_REQUEST", "INVALID_INPUT");
  });

  it("an admin manages the keys of the account they switched to", async () => {
    const admin = world.callerFor(EMAILS.admin, accountB);
    const created = await admin.erpKeys.create({ name: "Omie" });
    expect(erpKeyByHash(world.db, hashErpKey(created.key))).toMatchObject({ accountId: accountB });
    expect((await world.callerFor(EMAILS.sellerB).erpKeys.list()).map((k) => k.id)).toContain(created.id);
    await admin.erpKeys.revoke({ id: created.id });
  });

  it("managers and support are refused every procedure", async () => {
    for (const caller of [world.callerFor(EMAILS.managerA), world.callerFor(EMAILS.support, accountA)]) {
      await expectRefusal(caller.erpKeys.list(), "FORBIDDEN");
      await expectRefusal(caller.erpKeys.create({ name: "Bling" }), "FORBIDDEN");
      await expectRefusal(caller.erpKeys.revoke({ id: 1 }), "FORBIDDEN");
    }
  });

  it("signed out is refused", async () => {
    await expectRefusal(world.callerFor(null).erpKeys.list(), "UNAUTHORIZED");
  });

  it("another account's seller neither sees nor revokes the key", async () => {
    const created = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "ERP próprio" });
    const sellerB = world.callerFor(EMAILS.sellerB);
    expect((await sellerB.erpKeys.list()).map((k) => k.id)).not.toContain(created.id);
    await expectRefusal(sellerB.erpKeys.revoke({ id: created.id }), "NOT_FOUND", "ERP_KEY_NOT_FOUND");
    expect(erpKeyByHash(world.db, hashErpKey(created.key))?.revokedAt).toBeNull();
  });
});
