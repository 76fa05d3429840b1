// Authorized calls for one connection: the access token refreshed before it expires or after one 401, the rotated
// refresh token stored before the new access token is used.

import type { ConnectionInfo } from "../adapter";
import { type HttpAnswer, httpRequest } from "../http-client";
import { asChannelCredentials, type MercadoLivreCredentials, readCredentials } from "./credentials";
import { requestTokens } from "./tokens";

const TIMEOUT_MS = 10_000;
/** Refreshed this long before it expires, so a request never leaves with a token about to die on the way. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/**
 * A read takes four GETs (order, shipment, billing, NF-e): one 5xx or dropped connection among them would fail the
 * whole read, and with it the worker's read-back before a re-send. GETs change nothing, so each is tried again
 * shortly, twice at most; a 429 is not (ML asks for back-off, which the worker's schedule gives).
 */
const READ_RETRY_WAITS_MS = [100, 400];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A refresh token is valid once. Lanes of the same process share these two maps so that one refresh is in flight
// per connection, and a lane that decrypted the credentials before another lane rotated them uses the newer pair
// instead of spending an old refresh token (which would answer invalid_grant and lose the connection).
const inFlight = new Map<string, Promise<MercadoLivreCredentials>>();
const latest = new Map<string, MercadoLivreCredentials>();

const keyOf = (baseUrl: string, credentials: MercadoLivreCredentials) =>
  `${baseUrl}#${credentials.clientId}#${credentials.userId}`;

export interface RequestInit {
  method?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export class MercadoLivreSession {
  private credentials: MercadoLivreCredentials | null = null;

  constructor(
    private readonly connection: ConnectionInfo,
    private readonly now: () => number = Date.now,
  ) {}

  private current(): MercadoLivreCredentials {
    this.credentials ??= readCredentials(this.connection.credentials);
    const newer = latest.get(keyOf(this.connection.baseUrl, this.credentials));
    if (newer && newer.expiresAt > this.credentials.expiresAt) this.credentials = newer;
    return this.credentials;
  }

  get userId(): string {
    return this.current().userId;
  }

  get clientId(): string {
    return this.current().clientId;
  }

  private refresh(stale: MercadoLivreCredentials): Promise<MercadoLivreCredentials> {
    const key = keyOf(this.connection.baseUrl, stale);
    const running = inFlight.get(key);
    if (running) return running;
    const known = latest.get(key);
    if (known && known.refreshToken !== stale.refreshToken && known.expiresAt > stale.expiresAt) {
      return Promise.resolve(known);
    }
    const refreshing = requestTokens(
      this.connection.baseUrl,
      stale,
      { grant_type: "refresh_token", refresh_token: stale.refreshToken },
      this.now(),
    )
      .then((fresh) => {
        // Stored before anything uses it: if the process dies now, the database still holds the only valid token.
        this.connection.saveCredentials(asChannelCredentials(fresh), new Date(fresh.expiresAt));
        latest.set(key, fresh);
        return fresh;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, refreshing);
    return refreshing;
  }

  private async send(credentials: MercadoLivreCredentials, path: string, init: RequestInit): Promise<HttpAnswer> {
    const url = new URL(path, this.connection.baseUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    return httpRequest(url, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${credentials.accessToken}`, ...init.headers },
      body: init.body,
      timeoutMs: TIMEOUT_MS,
    });
  }

  private async sendOnce(credentials: MercadoLivreCredentials, path: string, init: RequestInit): Promise<HttpAnswer> {
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
