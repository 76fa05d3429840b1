import { type ChannelCredentials, MarketplaceCallError } from "../adapter";

/**
 * What a Magalu connection keeps sealed: the app's keys and ID Magalu's address (so a connection made with another
 * app keeps working after MAGALU_CLIENT_ID changes), the channel it sells on (X-Channel-Id: production and
 * api-sandbox.magalu.com have different ones) and the seller's OAuth pair. `expiresAt` is epoch milliseconds.
 */
export interface MagaluCredentials {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  channelId: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

const RECONNECT_MESSAGE =
  'A autorização da Magalu expirou ou foi revogada. Conecte de novo em Conexões, no botão "Conectar com a Magalu".';

export class MagaluConnectionLost extends MarketplaceCallError {
  constructor(detail?: string) {
    super(detail ? `${RECONNECT_MESSAGE} (${detail})` : RECONNECT_MESSAGE, "refused");
  }
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function readCredentials(raw: ChannelCredentials | null): MagaluCredentials {
  const fields = {
    clientId: text(raw?.clientId),
    clientSecret: text(raw?.clientSecret),
    authUrl: text(raw?.authUrl),
    channelId: text(raw?.channelId),
    accessToken: text(raw?.accessToken),
    refreshToken: text(raw?.refreshToken),
  };
  const expiresAt = Number(raw?.expiresAt);
  if (Object.values(fields).some((value) => value === null) || !Number.isFinite(expiresAt)) {
    throw new MagaluConnectionLost("a conexão não tem as credenciais da Magalu");
  }
  return { ...(fields as Omit<MagaluCredentials, "expiresAt">), expiresAt };
}
