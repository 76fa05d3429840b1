import { CHANNEL_RULES, type ChannelProtocol } from "../domain/channels/rules";
import type { ChannelAdapter, ConnectionInfo } from "./adapter";
import { AmazonSpAdapter } from "./amazon-sp/adapter";
import { MagaluAdapter } from "./magalu/adapter";
import { MercadoLivreAdapter } from "./mercado-livre/adapter";
import { MiraklAdapter } from "./mirakl/adapter";
import { SandboxAdapter } from "./sandbox-adapter";
import { SkyhubAdapter } from "./skyhub";

// The connection types live beside the adapter interface; callers may keep naming them from here.
export type { ChannelCredentials, ConnectionInfo } from "./adapter";

// One adapter per protocol; which protocol a channel speaks is data in the channel-rule table.
const ADAPTERS: Record<ChannelProtocol, (connection: ConnectionInfo) => ChannelAdapter> = {
  sandbox: (c) => new SandboxAdapter(c.baseUrl, c.channel, c.sellerCnpj),
  mercado_livre: (c) => new MercadoLivreAdapter(c),
  skyhub: (c) => new SkyhubAdapter(c),
  magalu: (c) => new MagaluAdapter(c),
  amazon_sp: (c) => new AmazonSpAdapter(c),
  mirakl: (c) => new MiraklAdapter(c),
};

export function adapterFor(connection: ConnectionInfo): ChannelAdapter {
  return ADAPTERS[CHANNEL_RULES[connection.channel].protocol](connection);
}
