// Authorized calls for one OAuth 2 connection (Mercado Livre, Magalu): the access token is refreshed before it expires
// or after one 401, and the new pair is stored before it is used, because a spent refresh token cannot be used again.
import type { ConnectionInfo } from "./adapter";
import { type HttpAnswer, httpRequest } from "./http-client";

const TIMEOUT_MS = 10_000;
/** Refreshed this long before it expires, so a request never leaves with a token about to die on the way. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/**
 * A marketplace's read takes several GETs: one 5xx or dropped connection among them would fail the whole read, and
 * with it the worker's read-back before a re-send. GETs change nothing, so each is tried again shortly, twice at most;
 * a 429 is not (the marketplace asks for back-off, which the worker's schedule gives).
 */
const READ_RETRY_WAITS_MS = [100, 400];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

export interface SessionRequest {
  method?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as it is, with the caller's content type. */
  body?: string;
  /** Sent as JSON. */
  json?: Record<string, unknown>;
}

/**
 * The tokens of the connections a process holds, by connection: lanes of the same process share them so that one
 * refresh is in flight per connection, and a lane that decrypted the credentials before another lane rotated them
 * uses the newer pair instead of spending an old refresh token (which answers invalid_grant and loses the connection).
 */
export interface SharedTokens<C extends OAuthTokens> {
  inFlight: Map<string, Promise<C>>;
  latest: Map<string, C>;
}

export abstract class OAuthSession<C extends OAuthTokens> {
  private credentials: C | null = null;

  constructor(
    protected readonly connection: ConnectionInfo,
    protected readonly now: () => number,
    private readonly shared: SharedTokens<C>,
  ) {}

  /** The stored credentials, decrypted. */
  protected abstract read(): C;
  /** Which connection's tokens these are, across lanes and sessions. */
  protected abstract keyOf(credentials: C): string;
  /** A fresh pair for a stale one, from the marketplace's token endpoint. */
  protected abstract renew(stale: C): Promise<C>;
  /** Keeps a fresh pair in the connection, sealed. */
  protected abstract store(fresh: C): void;
  /** What the marketplace wants on every call beside the bearer token. */
  protected extraHeaders(_credentials: C): Record<string, string> {
    return {};
  }

  protected current(): C {
    this.credentials ??= this.read();
    const newer = this.shared.latest.get(this.keyOf(this.credentials));
    if (newer && newer.expiresAt > this.credentials.expiresAt) this.credentials = newer;
    return this.credentials;
  }

  private refresh(stale: C): Promise<C> {
    const key = this.keyOf(stale);
    const running = this.shared.inFlight.get(key);
    if (running) return running;
    const known = this.shared.latest.get(key);
    if (known && known.refreshToken !== stale.refreshToken && known.expiresAt > stale.expiresAt) {
      return Promise.resolve(known);
    }
    const refreshing = this.renew(stale)
      .then((fresh) => {
        // Stored before anything uses it: if the process dies now, the database still holds the valid pair.
        this.store(fresh);
        this.shared.latest.set(key, fresh);
        return fresh;
      })
      .finally(() => this.shared.inFlight.delete(key));
    this.shared.inFlight.set(key, refreshing);
    return refreshing;
  }

  private send(credentials: C, path: string, init: SessionRequest): Promise<HttpAnswer> {
    const url = new URL(path, this.connection.baseUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    return httpRequest(url, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${credentials.accessToken}`,
        ...this.extraHeaders(credentials),
        ...(init.json ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.json ? JSON.stringify(init.json) : init.body,
      timeoutMs: TIMEOUT_MS,
    });
  }

  private async sendOnce(credentials: C, path: string, init: SessionRequest): Promise<HttpAnswer> {
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
  async request(path: string, init: SessionRequest = {}): Promise<HttpAnswer> {
    let credentials = this.current();
    if (credentials.expiresAt - this.now() < REFRESH_MARGIN_MS) credentials = await this.refresh(credentials);
    this.credentials = credentials;
    const first = await this.sendOnce(credentials, path, init);
    if (first.status !== 401) return first;
    this.credentials = await this.refresh(credentials);
    return this.sendOnce(this.credentials, path, init);
  }
}
