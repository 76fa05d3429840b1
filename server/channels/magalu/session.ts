// Magalu's authorized calls: X-Channel-Id beside the bearer token on every call. Whether ID Magalu spends a refresh
// token on use is undocumented; the hub assumes it does (server/channels/oauth-session.ts).
import type { ConnectionInfo } from "../adapter";
import { OAuthSession, type SharedTokens } from "../oauth-session";
import { type MagaluCredentials, readCredentials } from "./credentials";
import { requestTokens } from "./tokens";

const shared: SharedTokens<MagaluCredentials> = { inFlight: new Map(), latest: new Map() };

export class MagaluSession extends OAuthSession<MagaluCredentials> {
  constructor(connection: ConnectionInfo, now: () => number = Date.now) {
    super(connection, now, shared);
  }

  protected read(): MagaluCredentials {
    return readCredentials(this.connection.credentials);
  }

  protected keyOf(): string {
    return `${this.connection.baseUrl}#${this.connection.sellerCnpj}`;
  }

  protected renew(stale: MagaluCredentials): Promise<MagaluCredentials> {
    const grant = { grant_type: "refresh_token", refresh_token: stale.refreshToken } as const;
    return requestTokens(stale, grant, stale.refreshToken, this.now());
  }

  protected store(fresh: MagaluCredentials): void {
    this.connection.saveCredentials({ ...fresh }, new Date(fresh.expiresAt));
  }

  protected extraHeaders(credentials: MagaluCredentials): Record<string, string> {
    return { "x-channel-id": credentials.channelId };
  }

  get channelId(): string {
    return this.current().channelId;
  }
}
