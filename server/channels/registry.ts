import type { ChannelId } from "../domain/channels/channels";
import type { ChannelAdapter } from "./adapter";
import { SandboxAdapter } from "./sandbox-adapter";

export interface ConnectionInfo {
  channel: ChannelId;
  baseUrl: string;
  sellerCnpj: string;
}

/** Every connection speaks to the sandbox today; a real marketplace adapter is chosen here by channel. */
export function adapterFor(connection: ConnectionInfo): ChannelAdapter {
  return new SandboxAdapter(connection.baseUrl, connection.channel, connection.sellerCnpj);
}
