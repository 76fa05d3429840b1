import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { type Auth, createAuth } from "@/server/auth/auth";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let auth: Auth;

beforeAll(async () => {
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
  process.env.FLUXO_URL = "http://localhost:3000";
  process.env.AUTH_SIGNIN_LIMIT_PER_MINUTE = "4";
  world = await createTestWorld(2);
  auth = createAuth(world.db);
});
afterAll(() => world.close());

function signIn(email: string, password: string, ip: string) {
  return auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function sessionCookie(response: Response): string {
  const raw = response.headers.get("set-cookie") ?? "";
  const match = /better-auth\.session_token=[^;]+/.exec(raw);
  if (!match) throw new Error(`no session cookie in ${raw}`);
  return match[0];
}

describe("sign-in", () => {
  it("signs in with the demo password into an http-only cookie, and the session resolves the role", async () => {
    const response = await signIn(EMAILS.sellerA, DEMO_PASSWORD, "10.0.0.1");
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie(response) }) });
    expect(session?.user.email).toBe(EMAILS.sellerA);
    expect((session?.user as { role?: string } | undefined)?.role).toBe("seller");
  });

  it("refuses a wrong password", async () => {
    const response = await signIn(EMAILS.sellerA, "senha-errada", "10.0.0.2");
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session_token=[^;]/);
  });

  it("stores passwords hashed, never in clear", () => {
    const rows = world.db.$client.prepare("select password from auth_accounts").all() as { password: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.password).not.toContain(DEMO_PASSWORD);
  });

  it("rate-limits sign-in attempts per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(EMAILS.managerA, "tentativa", "10.0.0.9")).status);
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await signIn(EMAILS.managerA, DEMO_PASSWORD, "10.0.0.10")).status).toBe(200);
  });

  it("an expired session no longer signs anyone in", async () => {
    const response = await signIn(EMAILS.support, DEMO_PASSWORD, "10.0.0.3");
    const cookie = sessionCookie(response);
    const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    world.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.token, token))
      .run();
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session).toBeNull();
  });

  it("signs out", async () => {
    const response = await signIn(EMAILS.admin, DEMO_PASSWORD, "10.0.0.4");
    const cookie = sessionCookie(response);
    const out = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-out", {
        method: "POST",
        headers: { cookie, origin: "http://localhost:3000", "x-forwarded-for": "10.0.0.4" },
      }),
    );
    expect(out.status).toBe(200);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });
});
