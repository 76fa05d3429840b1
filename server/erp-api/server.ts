// The ERP API's HTTP server: authenticate, rate-limit per key, route, answer JSON; one log line per call with the
// key's name. Synchronous SQLite like the web tier, so each call runs to the end before the next.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Db } from "../../db/client";
import { NFE_XML_MAX_BYTES } from "../domain/invoice/nfe-xml";
import { authenticate } from "./auth";
import { type ErpResponse, fail, INTERNAL_ERROR } from "./http";
import { OPENAPI } from "./openapi";
import { createRateLimiter, type RateLimits, SKYHUB_LIMITS } from "./rate-limit";
import { route, routeName } from "./routes";

// The XML of an NF-e plus the multipart around it.
const MAX_BODY = NFE_XML_MAX_BYTES + 64 * 1024;

export interface ErpServerOptions {
  limits?: RateLimits;
  log?: (line: string) => void;
  /** The rate limiter's clock (tests hold it still so a window cannot end between two calls). */
  clock?: () => number;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function createErpApiServer(db: Db, options: ErpServerOptions = {}): Server {
  const limiter = createRateLimiter(options.limits ?? SKYHUB_LIMITS);
  const log = options.log ?? (() => {});
  const clock = options.clock ?? Date.now;

  async function handle(req: IncomingMessage): Promise<{ response: ErpResponse; who: string; name: string }> {
    const url = new URL(req.url ?? "/", "http://erp.local");
    const method = req.method ?? "GET";
    const name = routeName(url.pathname);
    if (url.pathname === "/openapi.json" && method === "GET")
      return { response: { status: 200, body: OPENAPI }, who: "-", name };
    const body = await readBody(req);
    if (body === null)
      return { response: fail(413, "O envio passa de 3 MB: envie um XML de NF-e por vez."), who: "-", name };
    const now = new Date();
    const caller = authenticate(db, req.headers, now);
    if ("status" in caller) return { response: caller, who: "-", name };
    const wait = limiter.retryAfter(caller.keyId, method, name, clock());
    if (wait !== null) {
      const response = fail(429, `Limite de requisições desta chave excedido: aguarde ${wait} s e envie de novo.`, {
        "Retry-After": String(wait),
      });
      return { response, who: caller.keyName, name };
    }
    const response = route(db, caller, {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      contentType: String(req.headers["content-type"] ?? ""),
    });
    return { response, who: caller.keyName, name };
  }

  return createServer((req, res) => {
    const started = Date.now();
    handle(req)
      .catch((error: unknown) => {
        log(`erro: ${error instanceof Error ? error.message : String(error)}`);
        return { response: fail(500, INTERNAL_ERROR), who: "-", name: "-" };
      })
      .then(({ response, who, name }) => {
        const headers: Record<string, string> = { ...response.headers };
        if (response.body !== null) headers["content-type"] = "application/json; charset=utf-8";
        res.writeHead(response.status, headers);
        res.end(response.body === null ? undefined : JSON.stringify(response.body));
        log(`${who} ${req.method} ${name} ${response.status} ${Date.now() - started} ms`);
      });
  });
}
