// SkyHub names an order "<site>-<marketplace code>" ("Lojas Americanas-1517940500554-01"): ERPs file orders by it and
// some read the site from it. Fluxo's orders of every channel are named the same way, with the channel's name.
import type { Db } from "../../db/client";
import { erpOrderIdByCode } from "../../db/queries/erp-orders";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "../domain/channels/channels";
import { comparableCode } from "../domain/orders/order-code";

// Codes SkyHub itself issued already carry their site.
const SKYHUB_SITE = /^(Lojas Americanas|Americanas|Submarino|Shoptime)-/;

export function erpOrderCode(channel: ChannelId, marketplaceCode: string): string {
  return SKYHUB_SITE.test(marketplaceCode) ? marketplaceCode : `${CHANNEL_LABELS[channel]}-${marketplaceCode}`;
}

/** The order an ERP names by its SkyHub-style code, or by the marketplace's code alone. */
export function findErpOrderId(db: Db, accountId: number, code: string): number | null {
  for (const channel of CHANNEL_IDS) {
    const prefix = `${CHANNEL_LABELS[channel]}-`;
    if (!code.startsWith(prefix)) continue;
    const bare = code.slice(prefix.length);
    const found = erpOrderIdByCode(db, accountId, bare, comparableCode(bare), channel);
    if (found !== null) return found;
  }
  return erpOrderIdByCode(db, accountId, code, comparableCode(code), null);
}
