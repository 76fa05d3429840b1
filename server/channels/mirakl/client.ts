import { randomBytes } from "node:crypto";
import { type HttpAnswer, httpRequest } from "../http-client";
import type { MiraklCredentials } from "./credentials";

const TIMEOUT_MS = 15_000;

export type MiraklBody =
  | { json: unknown }
  | { multipart: { files: { name: string; bytes: Buffer; type: string }[]; fields: [string, string][] } };

/** Speaks HTTP to one Mirakl shop: the raw shop key in Authorization, shop_id on every call for multi-shop users. */
export class MiraklClient {
  constructor(
    private readonly baseUrl: string,
    readonly credentials: MiraklCredentials,
  ) {}

  url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path.replace(/^\//, ""), this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    if (this.credentials.shopId) url.searchParams.set("shop_id", this.credentials.shopId);
    return url;
  }

  /** One request; rejects on a network failure only, every HTTP answer is the caller's. */
  send(method: string, url: URL, body?: MiraklBody): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: "application/json", authorization: this.credentials.apiKey };
    let payload: string | Buffer | undefined;
    if (body && "json" in body) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body) {
      const boundary = `fluxo-${randomBytes(12).toString("hex")}`;
      headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
      payload = multipart(boundary, body.multipart);
    }
    return httpRequest(url, { method, headers, body: payload, timeoutMs: TIMEOUT_MS });
  }
}

function multipart(
  boundary: string,
  { files, fields }: { files: { name: string; bytes: Buffer; type: string }[]; fields: [string, string][] },
): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  // OR74's order_documents part is JSON, as Mirakl's curl example sends it (type=application/json).
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: application/json\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}
