// Authorized calls for one Magalu connection: Bearer token and X-Channel-Id on every call, the access token refreshed
// before it expires or after one 401, the new pair stored before it is used.
import type { ConnectionInfo } from "../adapter";
import { type HttpAnswer, httpRequest } from "../http-client";
import { type MagaluCredentials, readCredentials } from "./credentials";
import { requestTokens } from "./tokens";

const TIMEOUT_MS = 10_000;
/** Refreshed this long before it expires, so a request never leaves with a token about to die on the way. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A read is two GETs; one 5xx or dropped connection would fail the worker's read-back, so GETs are tried twice more. */
const READ_RETRY_WAITS_MS = [100, 400];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Whether ID Magalu spends a refresh token on use is undocumented; the hub assumes it does. Lanes of one process
// share these maps so that one refresh is in flight per connection and a lane holding an older pair uses the newer.
const inFlight = new Map<string, Promise<MagaluCredentials>>();
const latest = new Map<string, MagaluCredentials>();

export interface RequestInit {
  method?: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

export class MagaluSession {
  private credentials: MagaluCredentials | null = null;
  private readonly key: string;

  constructor(
    private readonly connection: ConnectionInfo,
    private readonly now: () => number = Date.now,
  ) {
    this.key = `${connection.baseUrl}#${connection.sellerCnpj}`;
  }

  private current(): MagaluCredentials {
    this.credentials ??= readCredentials(this.connection.credentials);
    const newer = latest.get(this.key);
    if (newer && newer.expiresAt > this.credentials.expiresAt) this.credentials = newer;
    return this.credentials;
  }

  get channelId(): string {
    return this.current().channelId;
  }

  private refresh(stale: MagaluCredentials): Promise<MagaluCredentials> {
    const running = inFlight.get(this.key);
    if (running) return running;
    const known = latest.get(this.key);
    if (known && known.refreshToken !== stale.refreshToken && known.expiresAt > stale.expiresAt) {
      return Promise.resolve(known);
    }
    const refreshing = requestTokens(
      stale,
      { grant_type: "refresh_token", refresh_token: stale.refreshToken },
      stale.refreshToken,
      this.now(),
    )
      .then((fresh) => {
        // Stored before anything uses it: if the process dies now, the database still holds the valid pair.
        this.connection.saveCredentials({ ...fresh }, new Date(fresh.expiresAt));
        latest.set(this.key, fresh);
        return fresh;
      })
      .finally(() => inFlight.delete(this.key));
    inFlight.set(this.key, refreshing);
    return refreshing;
  }

  private send(credentials: MagaluCredentials, path: string, init: RequestInit): Promise<HttpAnswer> {
    const url = new URL(path, this.connection.baseUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    return httpRequest(url, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${credentials.accessToken}`,
        "x-channel-id": credentials.channelId,
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
      timeoutMs: TIMEOUT_MS,
    });
  }

  private async sendOnce(credentials: MagaluCredentials, path: string, init: RequestInit): Promise<HttpAnswer> {
    const read = (init.method ?? "GET") === "GET";
    for (let attempt = 0; ; attempt++) {
      const wait = read ? READ_RETRY_WAITS_MS[attempt] : undefined;
      try {
        const res = await this.send(credentials, path, init);
        if (res.status < 500 || wait === undefined) return res;
      } catch (error) {
        if (wait === undefined) throw error;
      }
      await sleep(wait);
    }
  }

  /** One API call; a 401 gets one refresh and one retry, never more. */
  async request(path: string, init: RequestInit = {}): Promise<HttpAnswer> {
    let credentials = this.current();
    if (credentials.expiresAt - this.now() < REFRESH_MARGIN_MS) credentials = await this.refresh(credentials);
    this.credentials = credentials;
    const first = await this.sendOnce(credentials, path, init);
    if (first.status !== 401) return first;
    this.credentials = await this.refresh(credentials);
    return this.sendOnce(this.credentials, path, init);
  }
}
