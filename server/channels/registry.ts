import type { ChannelId } from "../domain/channels/channels";
import { CHANNEL_RULES, type ChannelProtocol } from "../domain/channels/rules";
import type { ChannelAdapter } from "./adapter";
import { MercadoLivreAdapter } from "./mercado-livre/adapter";
import { SandboxAdapter } from "./sandbox-adapter";
import { SkyhubAdapter } from "./skyhub";

/** A connection's secrets as the adapter of its protocol reads them (keys, OAuth tokens); decrypted in memory only. */
export type ChannelCredentials = Record<string, string | number | null>;

export interface ConnectionInfo {
  channel: ChannelId;
  /** The marketplace's address: its real API by default, the sandbox's in the demo and the tests. */
  baseUrl: string;
  sellerCnpj: string;
  credentials: ChannelCredentials | null;
  /**
   * Stores credentials that changed on the way (a rotated OAuth refresh token is valid once: losing it loses the
   * connection), sealed, before the adapter goes on.
   */
  saveCredentials: (credentials: ChannelCredentials, tokenExpiresAt: Date | null) => void;
}

// One adapter per protocol; which protocol a channel speaks is data in the channel-rule table.
const ADAPTERS: Record<ChannelProtocol, (connection: ConnectionInfo) => ChannelAdapter> = {
  sandbox: (c) => new SandboxAdapter(c.baseUrl, c.channel, c.sellerCnpj),
  mercado_livre: (c) => new MercadoLivreAdapter(c),
  skyhub: (c) => new SkyhubAdapter(c),
};

export function adapterFor(connection: ConnectionInfo): ChannelAdapter {
  return ADAPTERS[CHANNEL_RULES[connection.channel].protocol](connection);
}
