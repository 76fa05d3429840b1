import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import { resolveResponse } from "@trpc/server/http";
import { Refusal, TRANSPORT_MESSAGES } from "@/server/api/errors";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { asDomainError } from "@/server/domain/storage-errors";
import { isSameOriginRequest } from "./same-origin";
import { SECURITY_HEADERS } from "./security-headers";

export const TRPC_PATH = "/api/trpc/";

// Bulk NF-e uploads send at most 4 MB of notes per call; anything far beyond is not the app talking.
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TOO_LARGE = Symbol("too large");
// A board page is ~19 KB of JSON and ~3 KB gzipped. The fastest level keeps most of that gain, and zlib runs on
// libuv's thread pool, off the thread that answers requests.
const COMPRESS_FROM_BYTES = 1024;
const gzipAsync = promisify(gzip);

function readBody(req: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping what arrives; the connection is closed once the refusal is sent.
      req.off("data", onData);
      req.resume();
      resolve(TOO_LARGE);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/**
 * One API call: the request as a fetch Request for tRPC's own `resolveResponse` (the public entry point tRPC
 * gives adapters), its answer written back in one piece. tRPC's node adapter does the same through web
 * streams, built for streamed answers this app never sends; on the board's calls they cost a fifth of the
 * request (bench/RESULTS.md).
 */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  // A request another site makes the browser send carries this user's cookies: refuse it before any work.
  const get = (name: string) => req.headers[name.toLowerCase()]?.toString() ?? null;
  if (!isSameOriginRequest(req.method ?? "GET", { get })) {
    res.statusCode = 403;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ error: "Requisição de outra origem recusada." }));
    return;
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const body = hasBody ? await readBody(req) : undefined;
  if (body === TOO_LARGE) res.setHeader("connection", "close");
  const url = new URL(req.url ?? "/", "http://localhost");
  // node:http joins repeated headers with ", " except Set-Cookie, which a request does not carry.
  const request = new Request(url, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]): [string, string][] =>
      value === undefined ? [] : [[name, String(value)]],
    ),
    // Buffer.concat gives the body an ArrayBuffer of its own, so it goes in as is, not copied again.
    body: body instanceof Buffer ? (body as Buffer<ArrayBuffer>) : undefined,
  });
  const response = await resolveResponse({
    router: appRouter,
    req: request,
    path: url.pathname.slice(TRPC_PATH.length),
    error:
      body === TOO_LARGE
        ? new Refusal("PAYLOAD_TOO_LARGE", "O envio passa de 10 MB. Envie menos arquivos de cada vez.")
        : null,
    createContext: () =>
      createTRPCContext({
        headers: request.headers,
        resHeaders: { append: (name, value) => void res.appendHeader(name, value) },
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed`, error);
      // Whoever runs the server needs to hear of a full or read-only disk; the client already got its sentence.
      if (error.code === "SERVICE_UNAVAILABLE") console.error(`tRPC ${path ?? "?"}: ${error.message}`);
    },
  });
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const payload = Buffer.from(await response.arrayBuffer());
  res.appendHeader("vary", "accept-encoding");
  if (payload.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(get("accept-encoding") ?? "")) {
    res.setHeader("content-encoding", "gzip");
    res.end(await gzipAsync(payload, { level: constants.Z_BEST_SPEED }));
    return;
  }
  res.end(payload);
}

/** The API, served by node:http beside Next (scripts/web.ts): pages, auth and downloads stay with Next. */
export function createTrpcRequestHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("tRPC request failed", error);
      // Outside any procedure (a body cut short, a disk that fails while the answer is made): still a pt-BR sentence.
      const known = asDomainError(error);
      if (!res.headersSent) {
        res.statusCode = known ? 503 : 500;
        res.setHeader("content-type", "application/json");
      }
      res.end(JSON.stringify({ error: known?.message ?? TRANSPORT_MESSAGES.INTERNAL_SERVER_ERROR }));
    });
  };
}
