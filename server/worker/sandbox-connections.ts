// The demo and the tests run the real adapters against the marketplace sandbox (SPEC §7): every account is connected
// to every channel at the sandbox's address, with the credentials each protocol needs there, obtained the way a
// seller obtains them (SkyHub's store keys; Mercado Livre's authorization, approved by the sandbox at once).
import type { Db } from "../../db/client";
import { ensureSandboxConnections, listEnabledConnections, saveSealedCredentials } from "../../db/queries/connections";
import { saveAuthorizedConnection } from "../../db/queries/oauth-connections";
import { sandboxAmazonCredentials } from "../channels/amazon-sp/credentials";
import { connectSandboxMagalu } from "../channels/magalu/oauth";
import { connectSandboxMercadoLivre } from "../channels/mercado-livre/oauth";
import { sandboxMiraklCredentials } from "../channels/mirakl/credentials";
import type { ChannelCredentials } from "../channels/registry";
import { sandboxSkyhubCredentials } from "../channels/skyhub/credentials";
import { CHANNEL_IDS } from "../domain/channels/channels";
import { CHANNEL_RULES, type ChannelProtocol } from "../domain/channels/rules";
import { encryptSecret, secretKeys } from "../security/secrets";

type SandboxCredentials = (
  sandboxUrl: string,
  sellerCnpj: string,
) => Promise<{ credentials: ChannelCredentials; tokenExpiresAt: Date | null }>;

const SANDBOX_CREDENTIALS: Partial<Record<ChannelProtocol, SandboxCredentials>> = {
  skyhub: async (_, cnpj) => ({ credentials: sandboxSkyhubCredentials(cnpj), tokenExpiresAt: null }),
  mirakl: async (_, cnpj) => ({ credentials: sandboxMiraklCredentials(cnpj), tokenExpiresAt: null }),
  mercado_livre: async (url, cnpj) => {
    const { credentials, tokenExpiresAt } = await connectSandboxMercadoLivre(url, cnpj);
    return { credentials: { ...credentials }, tokenExpiresAt };
  },
  magalu: async (url, cnpj) => {
    const { credentials, tokenExpiresAt } = await connectSandboxMagalu(url, cnpj);
    return { credentials: { ...credentials }, tokenExpiresAt };
  },
  amazon_sp: async (url, cnpj) => ({ credentials: sandboxAmazonCredentials(url, cnpj), tokenExpiresAt: null }),
};

export async function connectToSandbox(db: Db, sandboxUrl: string, now = new Date()): Promise<void> {
  ensureSandboxConnections(db, sandboxUrl, CHANNEL_IDS, now);
  for (const connection of listEnabledConnections(db)) {
    const obtain = SANDBOX_CREDENTIALS[CHANNEL_RULES[connection.channel].protocol];
    if (!obtain) continue;
    const { credentials, tokenExpiresAt } = await obtain(sandboxUrl, connection.sellerCnpj);
    const sealed = encryptSecret(JSON.stringify(credentials), secretKeys());
    // An OAuth connection also records whose marketplace account it is, so that account's notifications find it.
    if (tokenExpiresAt && credentials.userId != null) {
      saveAuthorizedConnection(
        db,
        {
          accountId: connection.accountId,
          channel: connection.channel,
          baseUrl: sandboxUrl,
          sealedCredentials: sealed,
          tokenExpiresAt,
          marketplaceUserId: String(credentials.userId),
        },
        now,
      );
    } else {
      saveSealedCredentials(db, connection.id, sealed, tokenExpiresAt);
    }
  }
}
