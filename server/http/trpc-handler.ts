import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { isSameOriginRequest } from "./same-origin";
import { SECURITY_HEADERS } from "./security-headers";

export const TRPC_PATH = "/api/trpc/";

// Bulk NF-e uploads send at most 4 MB of notes per call; anything far beyond is not the app talking.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/**
 * The API served by node:http directly, beside Next rather than through a Next route handler: on the board's
 * calls Next's request pipeline cost more than the procedure and its query together (see bench/RESULTS.md).
 * Pages, auth and downloads stay with Next.
 */
export function createTrpcRequestHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PATH,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) =>
      createTRPCContext({
        headers: requestHeaders(req),
        resHeaders: { append: (name, value) => void res.appendHeader(name, value) },
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed`, error);
    },
  });
  return (req, res) => {
    for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
    // A request another site makes the browser send carries this user's cookies: refuse it before any work.
    const headers = { get: (name: string) => req.headers[name.toLowerCase()]?.toString() ?? null };
    if (!isSameOriginRequest(req.method ?? "GET", headers)) {
      res.statusCode = 403;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: "Requisição de outra origem recusada." }));
      return;
    }
    handle(req, res);
  };
}
