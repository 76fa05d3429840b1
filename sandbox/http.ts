// Just enough HTTP plumbing for a JSON API on node:http.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonResponse } from "./types";

// The hub accepts NF-e XML up to 3 MB; base64 adds a third, and demo imports come in batches.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Empty body counts as {} so admin calls without a body work. */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function json(status: number, body: unknown, headers?: Record<string, string>): JsonResponse {
  return { status, body, headers };
}

export function error(status: number, message: string): JsonResponse {
  return { status, body: { error: message } };
}

export function send(res: ServerResponse, response: JsonResponse): void {
  if (res.headersSent) return;
  const text = response.text ?? JSON.stringify(response.body);
  res.writeHead(response.status, {
    "Content-Type": response.text === undefined ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...response.headers,
  });
  res.end(text);
}
