import { type HttpAnswer, httpRequest } from "../http-client";
import type { SkyhubCredentials } from "./credentials";
import { drainBucket, type Limit, takeToken } from "./rate-limit";

const TIMEOUT_MS = 15_000;

export type SkyhubBody = { json: unknown } | { multipart: { boundary: string; bytes: Buffer } };

/** Speaks HTTP to one SkyHub store: its three headers on every request, its rate limits honoured before sending. */
export class SkyhubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: SkyhubCredentials,
  ) {}

  /** The store key the limits are counted on (per address, so the sandbox and production never share one). */
  private bucketKey(name: string): string {
    return `${this.baseUrl}|${this.credentials.apiKey}|${name}`;
  }

  url(path: string): URL {
    return new URL(path.replace(/^\//, ""), this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
  }

  /**
   * One request; `bucket` names the endpoint + method it is limited on. Rejects on a network failure, or with
   * RateLimitBusy when its turn is more than `maxWaitMs` away; every HTTP answer, 429 included, is the caller's.
   */
  async send(
    method: string,
    url: URL,
    bucket: { name: string; limit: Limit },
    options: { body?: SkyhubBody; maxWaitMs?: number } = {},
  ): Promise<HttpAnswer> {
    const key = this.bucketKey(bucket.name);
    await takeToken(key, bucket.limit, options.maxWaitMs);
    const { body } = options;
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-user-email": this.credentials.userEmail,
      "x-api-key": this.credentials.apiKey,
      "x-accountmanager-key": this.credentials.accountManagerKey,
    };
    let payload: string | Buffer | undefined;
    if (body && "json" in body) {
      headers["content-type"] = "application/json; charset=utf-8";
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers["content-type"] = `multipart/form-data; boundary=${body.multipart.boundary}`;
      payload = body.multipart.bytes;
    }
    const answer = await httpRequest(url, { method, headers, body: payload, timeoutMs: TIMEOUT_MS });
    if (answer.status === 429) drainBucket(key, bucket.limit);
    return answer;
  }
}

/** SkyHub's `{ "error": "..." }`, or null when the body says nothing readable. */
export function skyhubError(answer: HttpAnswer): string | null {
  const body = answer.json();
  if (body && typeof body === "object" && typeof (body as { error?: unknown }).error === "string") {
    const text = (body as { error: string }).error.trim();
    return text === "" ? null : text;
  }
  return null;
}
