import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { createTestWorld, type TestWorld } from "./harness";

let world: TestWorld;
let server: Server;
let base: string;

beforeAll(async () => {
  world = await createTestWorld(8);
  // The handler uses the process-wide database and auth; point them at this test's file before they load.
  Object.assign(process.env, databaseEnv(world.db));
  process.env.BETTER_AUTH_SECRET = "trpc-route-secret-trpc-route-secret-0123";
  const { createTrpcRequestHandler } = await import("@/server/http/trpc-handler");
  server = createServer(createTrpcRequestHandler());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.FLUXO_URL = base;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  world.close();
});

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("@/server/auth/auth");
  const { headers } = await getAuth().api.signInEmail({
    body: { email, password: DEMO_PASSWORD },
    returnHeaders: true,
  });
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function call(path: string, init: { input: unknown; headers?: Record<string, string>; mutation?: boolean }) {
  const batch = { 0: { json: init.input } };
  if (init.mutation) {
    return fetch(`${base}/api/trpc/${path}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...init.headers },
      body: JSON.stringify(batch),
    });
  }
  return fetch(`${base}/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(batch))}`, {
    headers: init.headers,
  });
}

const cancel = { orderId: 1, reason: "teste" };

// The API is served beside Next, so Next's proxy never sees it: its CSRF defence must hold here.
describe("tRPC over node:http", () => {
  it("refuses a mutation from another origin, or one that names none", async () => {
    const refused: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { "sec-fetch-site": "cross-site" },
      {},
    ];
    for (const headers of refused) {
      const res = await call("orders.cancel", { input: cancel, headers, mutation: true });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: "Requisição de outra origem recusada." });
    }
  });

  it("lets a same-origin mutation through to the procedure, which wants a session", async () => {
    const res = await call("orders.cancel", { input: cancel, headers: { origin: base }, mutation: true });
    expect(res.status).toBe(401);
  });

  it("answers a signed-in seller's board with that seller's orders, under the app's security headers", async () => {
    const cookie = await signIn("vendedor@lojaaurora.com.br");
    const res = await call("orders.list", { input: { filters: {}, limit: 5 }, headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    // fetch asks for gzip and reads it back transparently; the page is large enough to be compressed.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toContain("accept-encoding");
    const [body] = await res.json();
    const orders = body.result.data.json.orders as { id: number; placedAt: unknown }[];
    expect(orders).toHaveLength(5);
    expect(typeof orders[0]?.placedAt).toBe("number");

    // Elsewhere dates travel with superjson's annotations, so the client reads them back as dates.
    const detail = await call("orders.get", { input: { id: orders[0]?.id }, headers: { cookie } });
    const [one] = await detail.json();
    expect(one.result.data.meta.values).toMatchObject({ "order.placedAt": ["Date"] });
    expect(new Date(one.result.data.json.order.placedAt).getTime()).toBe(orders[0]?.placedAt);
  });

  it("sends a client that does not ask for gzip plain JSON", async () => {
    const cookie = await signIn("vendedor@lojaaurora.com.br");
    const res = await call("orders.list", {
      input: { filters: {}, limit: 5 },
      headers: { cookie, "accept-encoding": "identity" },
    });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect((await res.json())[0].result.data.json.orders).toHaveLength(5);
  });

  it("answers an invalid input with each field's message, for the form to show", async () => {
    const cookie = await signIn("vendedor@lojaaurora.com.br");
    const res = await call("orders.list", {
      input: { filters: { q: "x".repeat(101) }, limit: 500 },
      headers: { cookie },
    });
    expect(res.status).toBe(400);
    const [body] = await res.json();
    expect(body.error.json.data.fieldErrors).toMatchObject({
      "filters.q": "A busca aceita até 100 caracteres.",
      limit: "Grande demais: esperava que o número fosse <= 100",
    });
  });

  it("sets the cookie a procedure asks for: staff switching account", async () => {
    const cookie = await signIn("suporte@fluxo.com.br");
    const target = world.accounts[1]?.id;
    const res = await call("accounts.switch", {
      input: { accountId: target },
      headers: { cookie, origin: base },
      mutation: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`fluxo_conta=${target};`))).toBe(true);
  });

  it("refuses a body far larger than any upload the app sends", async () => {
    const cookie = await signIn("vendedor@lojaaurora.com.br");
    const res = await fetch(`${base}/api/trpc/orders.cancel?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: "x".repeat(11 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    const [body] = await res.json();
    expect(body.error.json.message).toBe("O envio passa de 10 MB. Envie menos arquivos de cada vez.");
  });
});
