import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpRequest } from "./http-client";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/silent") return; // never answers
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      if (req.url === "/text") {
        res.end("not json");
        return;
      }
      res.setHeader("content-type", "application/json");
      res.setHeader("retry-after", "7");
      res.statusCode = 429;
      res.end(
        JSON.stringify({ method: req.method, key: req.headers["idempotency-key"], body: JSON.parse(body || "null") }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("httpRequest", () => {
  it("sends the body and headers and gives back status, headers and JSON", async () => {
    const res = await httpRequest(new URL("/updates", base), {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "k-1" },
      body: JSON.stringify({ kind: "invoice", note: "ação" }),
      timeoutMs: 2_000,
    });
    expect(res.status).toBe(429);
    expect(res.header("Retry-After")).toBe("7");
    expect(res.header("x-missing")).toBeNull();
    expect(res.json()).toEqual({ method: "POST", key: "k-1", body: { kind: "invoice", note: "ação" } });
  });

  it("answers undefined for a body that is not JSON", async () => {
    const res = await httpRequest(new URL("/text", base), { timeoutMs: 2_000 });
    expect(res.json()).toBeUndefined();
  });

  it("gives up when the whole exchange takes longer than the timeout", async () => {
    await expect(httpRequest(new URL("/silent", base), { timeoutMs: 150 })).rejects.toThrow("sem resposta em 0.15 s");
  });

  it("rejects when nothing listens", async () => {
    await expect(httpRequest(new URL("http://127.0.0.1:9/"), { timeoutMs: 2_000 })).rejects.toThrow();
  });
});
