// Mercado Livre's authorized calls: its refresh token is valid once, so the rotated one is stored before the new
// access token is used (server/channels/oauth-session.ts).
import type { ConnectionInfo } from "../adapter";
import { OAuthSession, type SharedTokens } from "../oauth-session";
import { asChannelCredentials, type MercadoLivreCredentials, readCredentials } from "./credentials";
import { requestTokens } from "./tokens";

const shared: SharedTokens<MercadoLivreCredentials> = { inFlight: new Map(), latest: new Map() };

export class MercadoLivreSession extends OAuthSession<MercadoLivreCredentials> {
  constructor(connection: ConnectionInfo, now: () => number = Date.now) {
    super(connection, now, shared);
  }

  protected read(): MercadoLivreCredentials {
    return readCredentials(this.connection.credentials);
  }

  protected keyOf(credentials: MercadoLivreCredentials): string {
    return `${this.connection.baseUrl}#${credentials.clientId}#${credentials.userId}`;
  }

  protected renew(stale: MercadoLivreCredentials): Promise<MercadoLivreCredentials> {
    const grant = { grant_type: "refresh_token", refresh_token: stale.refreshToken } as const;
    return requestTokens(this.connection.baseUrl, stale, grant, this.now());
  }

  protected store(fresh: MercadoLivreCredentials): void {
    this.connection.saveCredentials(asChannelCredentials(fresh), new Date(fresh.expiresAt));
  }

  get userId(): string {
    return this.current().userId;
  }

  get clientId(): string {
    return this.current().clientId;
  }
}
