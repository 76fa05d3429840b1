// Speaks HTTP to SP-API for one connection: the LWA access token in x-amz-access-token, each operation's usage
// plan honoured before sending and corrected by the x-amzn-RateLimit-Limit it answers.
import type { ConnectionInfo } from "../adapter";
import { type HttpAnswer, httpRequest } from "../http-client";
import type { AmazonCredentials } from "./credentials";
import { accessToken } from "./lwa";
import { type Operation, observe, takeToken } from "./rate-limit";

const TIMEOUT_MS = 15_000;

export interface SpApiRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  /** How long the caller may wait for the operation's next token (updates and reads: a third of a lease). */
  maxWaitMs?: number;
}

export class SpApiClient {
  constructor(
    private readonly connection: ConnectionInfo,
    private credentials: AmazonCredentials,
  ) {}

  get marketplaceId(): string {
    return this.credentials.marketplaceId;
  }

  private bucketKey(operation: Operation): string {
    return `${this.connection.baseUrl}|${this.credentials.clientId}|${this.credentials.refreshToken}|${operation}`;
  }

  private async send(request: SpApiRequest, token: string): Promise<HttpAnswer> {
    const url = new URL(request.path, this.connection.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json", "x-amz-access-token": token };
    if (request.json !== undefined) headers["content-type"] = "application/json";
    return httpRequest(url, {
      method: request.method,
      headers,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      timeoutMs: TIMEOUT_MS,
    });
  }

  /**
   * One operation. An expired or revoked access token is answered 403 like a missing role, so a 403 gets one new
   * token and one retry; a second 403 is the caller's (the role is missing).
   */
  async call(operation: Operation, request: SpApiRequest): Promise<HttpAnswer> {
    const key = this.bucketKey(operation);
    this.credentials = await accessToken(this.connection, this.credentials);
    await takeToken(key, operation, request.maxWaitMs);
    let answer = await this.send(request, this.credentials.accessToken ?? "");
    observe(key, operation, { status: answer.status, rateHeader: answer.header("x-amzn-RateLimit-Limit") });
    if (answer.status !== 403) return answer;
    this.credentials = await accessToken(this.connection, this.credentials, {
      force: this.credentials.accessToken ?? "",
    });
    await takeToken(key, operation, request.maxWaitMs);
    answer = await this.send(request, this.credentials.accessToken ?? "");
    observe(key, operation, { status: answer.status, rateHeader: answer.header("x-amzn-RateLimit-Limit") });
    return answer;
  }
}

/** SP-API's `{ errors: [{ code, message, details }] }`, as one line, or null when the body says nothing. */
export function spApiError(answer: HttpAnswer): { code: string; text: string } | null {
  const body = answer.json() as { errors?: unknown } | undefined;
  const first = Array.isArray(body?.errors) ? (body.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (!first) return null;
  const code = typeof first.code === "string" ? first.code : "";
  const message = typeof first.message === "string" ? first.message.trim() : "";
  const details = typeof first.details === "string" ? first.details.trim() : "";
  const text = [message, details].filter((part) => part !== "").join(" — ");
  return { code, text: text === "" ? code : text };
}
