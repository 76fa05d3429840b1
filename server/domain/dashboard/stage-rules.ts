import type { StageRules } from "../../../db/queries/dashboard";
import { CHANNEL_IDS, type ChannelId } from "../channels/channels";
import { CHANNEL_RULES } from "../channels/rules";

const HOUR_MS = 3_600_000;

/** The channel rules in the terms of server/domain/orders/deadlines.ts, as the dashboard's query takes them. */
export function stageRules(): StageRules {
  const perChannel = (hours: (channel: ChannelId) => number) =>
    Object.fromEntries(CHANNEL_IDS.map((c) => [c, hours(c) * HOUR_MS])) as Record<ChannelId, number>;
  return {
    invoiceMs: perChannel((c) => CHANNEL_RULES[c].invoiceDeadlineHours),
    shipMs: perChannel((c) => CHANNEL_RULES[c].shipDeadlineHours),
    marketplaceShips: CHANNEL_IDS.map((channel) => ({ channel, modes: CHANNEL_RULES[channel].marketplaceShipsModes })),
  };
}
