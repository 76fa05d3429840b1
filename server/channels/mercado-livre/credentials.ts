import { type ChannelCredentials, MarketplaceCallError } from "../adapter";

/**
 * What a Mercado Livre connection keeps sealed: the app's keys (so a connection made with another app keeps working
 * after ML_CLIENT_ID changes) and the seller's OAuth pair. `expiresAt` is epoch milliseconds.
 */
export interface MercadoLivreCredentials {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  expiresAt: number;
}

const RECONNECT_MESSAGE =
  'A autorização do Mercado Livre expirou ou foi revogada. Conecte de novo em Conexões, no botão "Conectar com o Mercado Livre".';

export class ConnectionLostError extends MarketplaceCallError {
  constructor(detail?: string) {
    super(detail ? `${RECONNECT_MESSAGE} (${detail})` : RECONNECT_MESSAGE, "refused");
  }
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function readCredentials(raw: ChannelCredentials | null): MercadoLivreCredentials {
  const clientId = text(raw?.clientId);
  const clientSecret = text(raw?.clientSecret);
  const accessToken = text(raw?.accessToken);
  const refreshToken = text(raw?.refreshToken);
  const userId = raw?.userId === undefined || raw.userId === null ? null : String(raw.userId);
  const expiresAt = Number(raw?.expiresAt);
  if (!clientId || !clientSecret || !accessToken || !refreshToken || !userId || !Number.isFinite(expiresAt)) {
    throw new ConnectionLostError("a conexão não tem as credenciais do Mercado Livre");
  }
  return { clientId, clientSecret, accessToken, refreshToken, userId, expiresAt };
}

export function asChannelCredentials(credentials: MercadoLivreCredentials): ChannelCredentials {
  return { ...credentials };
}
