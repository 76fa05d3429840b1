import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseEnv } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import type { getSessionUser as GetSessionUser } from "@/server/api/session";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let getSessionUser: typeof GetSessionUser;

beforeAll(async () => {
  world = await createTestWorld(2);
  // The process-wide database and auth; point them at this test's file before they load.
  Object.assign(process.env, databaseEnv(world.db));
  process.env.BETTER_AUTH_SECRET = "session-test-secret-session-test-secret-01";
  process.env.FLUXO_URL = "http://localhost:3000";
  ({ getSessionUser } = await import("@/server/api/session"));
});
afterAll(() => world.close());
afterEach(() => vi.useRealTimers());

async function signIn(email: string) {
  const { getAuth } = await import("@/server/auth/auth");
  const res = await getAuth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "10.2.2.2" },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    }),
  );
  const token = /better-auth\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
  return { token, id: decodeURIComponent(token.split("=")[1] ?? "").split(".")[0] ?? "" };
}

describe("session of a request", () => {
  it("hands the browser a fresh cookie cache when it only sends the session token", async () => {
    const { token } = await signIn(EMAILS.sellerA);
    const resHeaders = new Headers();
    const user = await getSessionUser(new Headers({ cookie: token }), resHeaders);
    expect(user?.email).toBe(EMAILS.sellerA);
    expect(resHeaders.getSetCookie().some((c) => c.startsWith("better-auth.session_data="))).toBe(true);
  });

  it("reuses a verified user for the same cookies for a few seconds, never past the session's end", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { token, id } = await signIn(EMAILS.managerA);
    const cookie = new Headers({ cookie: token });
    expect((await getSessionUser(cookie))?.name).toBe("Roberto Lima");
    const user = world.userByEmail(EMAILS.managerA);
    world.db.update(users).set({ name: "Roberto Lima Neto" }).where(eq(users.id, user.id)).run();
    // The user is reused for a few seconds…
    expect((await getSessionUser(cookie))?.name).toBe("Roberto Lima");
    vi.advanceTimersByTime(5_001);
    expect((await getSessionUser(cookie))?.name).toBe("Roberto Lima Neto");
    // …but a deleted session (sign-out, revocation) is refused at once, reused or not.
    world.db.delete(sessions).where(eq(sessions.token, id)).run();
    expect(await getSessionUser(cookie)).toBeNull();
    expect(await getSessionUser(new Headers({ cookie: `${token}; fluxo_conta=1` }))).toBeNull();
  });

  it("knows nobody without cookies", async () => {
    expect(await getSessionUser(new Headers())).toBeNull();
  });
});
