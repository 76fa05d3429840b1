// How a seller connects each protocol (SPEC §7), as data beside the channel rules: the page offers the keys form,
// the marketplace's authorization, or says plainly that there is no direct integration yet.
import { CHANNEL_WITH_DEFINITE_ARTICLE, type ChannelId } from "./channels";
import { CHANNEL_RULES } from "./rules";

/** `shop_key`: one key and the instance's address, with how the instance takes the NF-e (Mirakl). */
export type ConnectionSetup = "keys" | "shop_key" | "oauth" | "none";

interface Setup {
  label: string;
  setup: ConnectionSetup;
  /** OAuth: the hub's route that sends the seller to the marketplace, and whom the button names. */
  connect?: { path: string; with: string };
}

const SETUP: Record<string, Setup> = {
  sandbox: {
    label: "Integração direta com {channel} ainda não disponível: pedidos pelo sandbox do Fluxo",
    setup: "none",
  },
  skyhub: { label: "API Americanas Marketplace (SkyHub)", setup: "keys" },
  mercado_livre: {
    label: "API do Mercado Livre (autorização OAuth)",
    setup: "oauth",
    connect: { path: "/api/canais/mercado-livre/conectar", with: "com o Mercado Livre" },
  },
  magalu: {
    label: "API Magalu (autorização pelo ID Magalu)",
    setup: "oauth",
    connect: { path: "/api/canais/magalu/conectar", with: "com a Magalu" },
  },
  amazon_sp: { label: "Selling Partner API da Amazon (app autorizado na sua conta)", setup: "keys" },
  mirakl: { label: "API Mirakl do Carrefour (chave da loja)", setup: "shop_key" },
};

export function connectionSetup(channel: ChannelId): Setup {
  const setup = SETUP[CHANNEL_RULES[channel].protocol] ?? { label: CHANNEL_RULES[channel].protocol, setup: "none" };
  return { ...setup, label: setup.label.replace("{channel}", CHANNEL_WITH_DEFINITE_ARTICLE[channel]) };
}

/** What identifies a stored connection without revealing its secrets. */
export function credentialIdentity(credentials: Record<string, unknown> | null): string | null {
  if (!credentials) return null;
  const text = (key: string) => (typeof credentials[key] === "string" ? (credentials[key] as string) : null);
  const email = text("userEmail");
  const apiKey = text("apiKey");
  if (email && apiKey) return `${email} · chave terminada em ${apiKey.slice(-4)}`;
  if (text("channelId") && text("refreshToken")) return "Empresa autorizada pelo ID Magalu";
  const lwaClient = text("clientId");
  const refreshToken = text("refreshToken");
  if (lwaClient && refreshToken)
    return `App ${lwaClient.slice(-8)} · refresh token terminado em ${refreshToken.slice(-4)}`;
  const invoiceMethod = text("invoiceMethod");
  if (apiKey && invoiceMethod) {
    const nfe = invoiceMethod === "documents" ? "NF-e enviada como arquivo XML" : "NF-e enviada em campos do pedido";
    return `Chave da loja terminada em ${apiKey.slice(-4)} · ${nfe}`;
  }
  const user = credentials.userId ?? credentials.user_id;
  if (user !== undefined && user !== null) return `Usuário ${String(user)} do Mercado Livre`;
  return "Credenciais guardadas";
}
