import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "./harness";

let world: TestWorld;
let POST: (req: Request) => Promise<Response> | Response;

beforeAll(async () => {
  world = await createTestWorld(2);
  // The route uses the process-wide database and auth; point them at this test's file before they load.
  process.env.DATABASE_PATH = world.db.$client.name;
  process.env.BETTER_AUTH_SECRET = "trpc-route-secret-trpc-route-secret-0123";
  process.env.FLUXO_URL = "http://localhost:3000";
  ({ POST } = await import("@/app/api/trpc/[trpc]/route"));
});
afterAll(() => world.close());

function mutation(headers: Record<string, string>) {
  return new Request("http://localhost:3000/api/trpc/orders.cancel?batch=1", {
    method: "POST",
    headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
    body: JSON.stringify({ 0: { json: { orderId: 1, reason: "teste" } } }),
  });
}

// The proxy leaves the tRPC route alone, so its CSRF defence must hold here.
describe("tRPC route", () => {
  it("refuses a mutation from another origin, or one that names none", async () => {
    expect((await POST(mutation({ origin: "http://evil.example" }))).status).toBe(403);
    expect((await POST(mutation({ "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect((await POST(mutation({}))).status).toBe(403);
  });

  it("lets a same-origin mutation through to the procedure, which wants a session", async () => {
    expect((await POST(mutation({ origin: "http://localhost:3000" }))).status).toBe(401);
  });
});
