import type { ChannelId } from "../../server/domain/channels/channels";
import type { Db } from "../client";
import { channelConnections } from "../schema";

/**
 * A connection authorized through the marketplace's OAuth: its address, its sealed tokens and the seller's id there,
 * written at once and enabled, its last error cleared (a reconnection is the fix the seller was told to make).
 */
export function saveAuthorizedConnection(
  db: Db,
  input: {
    accountId: number;
    channel: ChannelId;
    baseUrl: string;
    sealedCredentials: string;
    tokenExpiresAt: Date;
    // Null where the marketplace routes no notifications by a seller id (Magalu).
    marketplaceUserId: string | null;
  },
  now: Date,
): void {
  const values = {
    baseUrl: input.baseUrl,
    credentials: input.sealedCredentials,
    tokenExpiresAt: input.tokenExpiresAt,
    marketplaceUserId: input.marketplaceUserId,
    enabled: true,
    lastError: null,
    lastErrorAt: null,
  };
  db.insert(channelConnections)
    .values({ accountId: input.accountId, channel: input.channel, createdAt: now, ...values })
    .onConflictDoUpdate({ target: [channelConnections.accountId, channelConnections.channel], set: values })
    .run();
}
