// What an attacker or an API client meets through the real HTTP API (issue 13): sign-out and revocation end a
// session at the next request, and every refusal reads as one pt-BR sentence, never a library's English or JSON.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { sessions } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let server: Server;
let base: string;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]): [string, string][] =>
      v === undefined ? [] : [[k, String(v)]],
    ),
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

beforeAll(async () => {
  world = await createTestWorld(4);
  // The handlers use the process-wide database and auth; point them at this test's file before they load.
  Object.assign(process.env, databaseEnv(world.db));
  process.env.BETTER_AUTH_SECRET = "http-trust-secret-http-trust-secret-0123";
  process.env.AUTH_SIGNIN_LIMIT_PER_MINUTE = "3";
  const { createTrpcRequestHandler } = await import("@/server/http/trpc-handler");
  const { handleAuthRequest } = await import("@/server/auth/handler");
  const trpc = createTrpcRequestHandler();
  // The two HTTP edges of the app on one port, as scripts/web.ts serves them (Next passes /api/auth/* through).
  server = createServer((req, res) => {
    if (req.url?.startsWith("/api/trpc/")) return trpc(req, res);
    void toRequest(req, base)
      .then(handleAuthRequest)
      .then(async (response) => {
        res.statusCode = response.status;
        for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
        res.setHeader("set-cookie", response.headers.getSetCookie());
        res.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.FLUXO_URL = base;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  world.close();
});

function signIn(email: string, password: string, address: string) {
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, "x-forwarded-for": address },
    body: JSON.stringify({ email, password }),
  });
}

/** Every cookie the sign-in set (the session token and the signed cookie cache), as a browser would send them. */
let signIns = 0;
async function signedInCookie(email: string): Promise<string> {
  // One address per sign-in: the limit per address is the last test's subject, not these.
  signIns += 1;
  const res = await signIn(email, DEMO_PASSWORD, `10.9.0.${signIns}`);
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function list(cookie: string) {
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { filters: {}, limit: 5 } } }));
  return fetch(`${base}/api/trpc/orders.list?batch=1&input=${input}`, { headers: { cookie } });
}

function post(path: string, body: string, cookie: string) {
  return fetch(`${base}/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body,
  });
}

async function errorOf(res: Response): Promise<{ message: string; code: string }> {
  const [body] = await res.json();
  return { message: body.error.json.message, code: body.error.json.data.code };
}

const ENGLISH = /\b(the|expected|invalid|must|error|json|property|quote|too many|requests|not allowed)\b/i;

describe("sign-out and revocation", () => {
  it("after sign-out, the very next request with the old cookies is 401", async () => {
    const cookie = await signedInCookie(EMAILS.sellerA);
    expect(cookie).toContain("better-auth.session_data=");
    expect((await list(cookie)).status).toBe(200);
    const out = await fetch(`${base}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, origin: base, "content-type": "application/json" },
      body: "{}",
    });
    expect(out.status).toBe(200);
    const after = await list(cookie);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toBe("Sua sessão expirou. Entre novamente.");
  });

  it("a session revoked on the server is refused at its next request", async () => {
    const cookie = await signedInCookie(EMAILS.managerA);
    expect((await list(cookie)).status).toBe(200);
    expect((await list(cookie)).status).toBe(200);
    const user = world.userByEmail(EMAILS.managerA);
    world.db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    expect((await list(cookie)).status).toBe(401);
  });
});

describe("every refusal is a pt-BR sentence", () => {
  it("invalid input: the top-level message is the summary of the fields, not the issues' JSON", async () => {
    const cookie = await signedInCookie(EMAILS.sellerB);
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { filters: { q: "x".repeat(101) }, limit: 500 } } }));
    const res = await fetch(`${base}/api/trpc/orders.list?batch=1&input=${input}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    const { message } = await errorOf(res);
    expect(message).toBe("A busca aceita até 100 caracteres; corrija também mais 1 campo, indicados na resposta.");
    expect(message).not.toMatch(/[[{]/);
  });

  it("a body that is not JSON, or JSON with a __proto__ key, is refused in Portuguese", async () => {
    const cookie = await signedInCookie(EMAILS.sellerB);
    const broken = await post("orders.cancel", "{'0':", cookie);
    expect(broken.status).toBe(400);
    const parse = await errorOf(broken);
    expect(parse.message).toBe(
      "O corpo da requisição não é um JSON válido. Envie os dados em JSON, no formato da API do Fluxo.",
    );
    // A key that walks an object's prototype, in the transformer's metadata.
    const proto = await post(
      "orders.cancel",
      '{"0":{"json":{"a":1},"meta":{"values":{"__proto__":["undefined"]}}}}',
      cookie,
    );
    expect(proto.status).toBe(400);
    expect((await errorOf(proto)).message).toBe(
      "Os dados enviados usam um nome de campo proibido (__proto__, prototype ou constructor). Remova-o e envie de novo.",
    );
  });

  it("an unknown procedure and a wrong method are answered in Portuguese", async () => {
    const cookie = await signedInCookie(EMAILS.sellerB);
    const unknown = await fetch(`${base}/api/trpc/orders.nothing?batch=1&input=%7B%7D`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).not.toMatch(ENGLISH);
    const wrongMethod = await fetch(`${base}/api/trpc/orders.cancel?batch=1&input=%7B%7D`, { headers: { cookie } });
    expect(wrongMethod.status).toBe(405);
    expect((await errorOf(wrongMethod)).message).toBe(
      "Método HTTP não aceito aqui: use GET para consultas e POST para alterações.",
    );
  });

  it("a tracking sheet with a broken quote names the line and the fix", async () => {
    const cookie = await signedInCookie(EMAILS.sellerA);
    const csv =
      'Pedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem\r\nLAM-1;Correios;"AA"A;SEDEX;27/11/2026\r\n';
    const res = await post("orders.importTracking", JSON.stringify({ 0: { json: { csv, apply: false } } }), cookie);
    expect(res.status).toBe(400);
    const { message } = await errorOf(res);
    expect(message).toBe(
      'A planilha tem aspas (") no meio de um campo na linha 2. Remova as aspas, ou ponha o campo todo entre aspas dobrando as de dentro (""), e envie de novo.',
    );
  });

  it("a wrong password and the sign-in limit answer in Portuguese, with better-auth's status", async () => {
    const statuses: number[] = [];
    let last: { code: string; message: string } | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await signIn(EMAILS.support, "senha-errada", "10.9.9.9");
      statuses.push(res.status);
      last = await res.json();
      if (i === 0)
        expect(last).toEqual({
          code: "INVALID_EMAIL_OR_PASSWORD",
          message: "E-mail ou senha incorretos. Confira e tente de novo.",
        });
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last?.message).toBe("Muitas tentativas de entrada. Aguarde um minuto e tente de novo.");
  });
});
