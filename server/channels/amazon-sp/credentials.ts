import { normalizeCnpj } from "../../domain/documents";
import type { FailureCause } from "../../domain/replication/outage";
import { type ChannelCredentials, MarketplaceCallError } from "../adapter";

/** Amazon Brazil's marketplace id; Brazil is served by the North America region. */
export const BRAZIL_MARKETPLACE_ID = "A2Q3Y263D00KWC";
/** Login with Amazon's token endpoint, the same for every region. */
export const LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token";

/**
 * What an Amazon connection keeps sealed: the seller's own (self-authorized) app's LWA client and its refresh token,
 * and the last access token with its expiry (epoch ms), so a restart does not cost a token call.
 */
export interface AmazonCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUrl: string;
  marketplaceId: string;
  accessToken: string | null;
  expiresAt: number;
}

export const KEYS_MISSING =
  "A conexão com a Amazon não tem as credenciais do SP-API. Informe o Client ID, o Client Secret e o refresh token do seu app em Conexões.";

/** The connection cannot authenticate: "refused" is the seller's to fix in Conexões; other causes pass. */
export class AmazonAuthError extends MarketplaceCallError {
  constructor(message = KEYS_MISSING, failure: FailureCause = "refused") {
    super(message, failure);
  }
}

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

export function amazonCredentials(raw: ChannelCredentials | null): AmazonCredentials | null {
  const clientId = text(raw?.clientId);
  const clientSecret = text(raw?.clientSecret);
  const refreshToken = text(raw?.refreshToken);
  if (!clientId || !clientSecret || !refreshToken) return null;
  const expiresAt = Number(raw?.expiresAt);
  return {
    clientId,
    clientSecret,
    refreshToken,
    tokenUrl: text(raw?.tokenUrl) ?? LWA_TOKEN_URL,
    marketplaceId: text(raw?.marketplaceId) ?? BRAZIL_MARKETPLACE_ID,
    accessToken: text(raw?.accessToken),
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0,
  };
}

/**
 * The app the marketplace sandbox registers for a seller (sandbox/README.md, "Amazon"): derived from the CNPJ, so
 * the demo and the tests connect without a sign-up, through the sandbox's own LWA token endpoint.
 */
export function sandboxAmazonCredentials(sandboxUrl: string, sellerCnpj: string): ChannelCredentials {
  const cnpj = normalizeCnpj(sellerCnpj);
  return {
    clientId: "amzn1.application-oa2-client.fluxo-sandbox",
    clientSecret: "fluxo-sandbox-secret",
    refreshToken: `Atzr|sandbox-${cnpj}`,
    tokenUrl: new URL("/auth/o2/token", sandboxUrl).toString(),
    marketplaceId: BRAZIL_MARKETPLACE_ID,
  };
}
