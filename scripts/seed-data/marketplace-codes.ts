import type { ChannelId } from "../../server/domain/channels/channels";
import type { Random } from "./random";

/** How often each channel sells, for the demo seed and the marketplace sandbox alike. */
export const CHANNEL_WEIGHTS: Record<ChannelId, number> = {
  mercado_livre: 30,
  americanas: 20,
  magalu: 18,
  amazon: 16,
  carrefour: 9,
  zoom: 7,
};

/** Order codes shaped like each marketplace's, so demo codes look alike whichever side made them. */
export function marketplaceCode(random: Random, channel: ChannelId, seq: number): string {
  const tail = String(seq).padStart(6, "0");
  switch (channel) {
    case "americanas":
      return `LAM-${random.digits(4)}${tail}`;
    case "magalu":
      return `MGZ-${random.digits(5)}${tail}`;
    case "mercado_livre":
      return `2000${random.digits(6)}${tail}`;
    case "amazon":
      return `70${random.digits(1)}-${random.digits(7)}-${random.digits(1)}${tail}`;
    case "carrefour":
      return `CRF${random.digits(4)}${tail}-A`;
    case "zoom":
      return `ZM${random.digits(4)}${tail}`;
  }
}
