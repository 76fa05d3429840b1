import { CHANNEL_IDS, type ChannelId, type LogisticsModeId } from "../channels/channels";
import { CHANNEL_RULES } from "../channels/rules";

const HOUR_MS = 3_600_000;

/**
 * What the dashboard's query needs of the channel rules to tell a late stage, in the terms of
 * server/domain/orders/deadlines.ts: the invoice is due `invoiceMs` after the approval, the dispatch `shipMs` after
 * the invoice, and where the marketplace dispatches the parcel the seller has no shipment stage.
 */
export interface StageRules {
  invoiceMs: Record<ChannelId, number>;
  shipMs: Record<ChannelId, number>;
  marketplaceShips: { channel: ChannelId; modes: readonly LogisticsModeId[] }[];
}

export function stageRules(): StageRules {
  const perChannel = (hours: (channel: ChannelId) => number) =>
    Object.fromEntries(CHANNEL_IDS.map((c) => [c, hours(c) * HOUR_MS])) as Record<ChannelId, number>;
  return {
    invoiceMs: perChannel((c) => CHANNEL_RULES[c].invoiceDeadlineHours),
    shipMs: perChannel((c) => CHANNEL_RULES[c].shipDeadlineHours),
    marketplaceShips: CHANNEL_IDS.map((channel) => ({ channel, modes: CHANNEL_RULES[channel].marketplaceShipsModes })),
  };
}
