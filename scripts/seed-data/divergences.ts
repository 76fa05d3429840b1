import type { Db } from "../../db/client";
import { newestOrderIn, refuseInvoiceUpdate } from "../../db/queries/demo-data";
import { syncFindings } from "../../db/queries/divergences";
import { updatesForDetection } from "../../db/queries/reconcile";
import type { orders } from "../../db/schema";
import { type ChannelId, LOGISTICS_MODE_IDS } from "../../server/domain/channels/channels";
import { detectDivergences, type MarketplaceSide } from "../../server/domain/divergences/detect";
import { buildAccessKey } from "../../server/domain/invoice/access-key";
import type { OrderStatus } from "../../server/domain/orders/status";
import { s10CheckDigit } from "../../server/domain/shipping/tracking";
import { saoPauloYearMonth } from "../../server/domain/time";
import type { SeedAccount } from "./orders";

const HOUR = 3_600_000;

/** Modes in which the seller ships, so the sandbox never moves these orders on by itself. */
const SELLER_SHIPS = LOGISTICS_MODE_IDS.filter((m) => m === "correios" || m === "own_carrier");

// A marketplace's refusal as SkyHub words it, code and all: the divergence says it in pt-BR (translateCodes).
const REFUSED_INVOICE = "A Americanas respondeu: nota fiscal não encontrada na Sefaz (payload.invoiceKey)";

interface Scenario {
  channel: ChannelId;
  status: OrderStatus;
  /** What the marketplace shows for the order, as its own panel left it. */
  marketplace: (order: typeof orders.$inferSelect, account: SeedAccount, serial: number) => MarketplaceSide;
  /** The hub's invoice update, refused by the marketplace, when that is the disagreement. */
  refusedInvoice?: string;
}

/**
 * The disagreements a seller's morning really brings (SPEC §5), each with a cause a person can act on: an order
 * invoiced by hand in the marketplace's panel (accept the marketplace's state), a tracking code changed there
 * (re-send the hub's, or accept theirs), an invoice the marketplace refused (check the note, re-send).
 */
const SCENARIOS: Scenario[] = [
  {
    channel: "americanas",
    status: "APPROVED",
    marketplace: (order, account, serial) => {
      const { year, month } = saoPauloYearMonth(order.placedAt);
      const accessKey = buildAccessKey({
        stateCode: account.stateCode,
        year,
        month,
        cnpj: account.cnpj,
        series: 2,
        number: 900_000 + serial,
        randomCode: String(10_000_000 + serial * 7919).slice(0, 8),
      });
      return { status: "INVOICED", accessKey, trackingCode: null };
    },
  },
  {
    channel: "magalu",
    status: "SHIPPED",
    marketplace: (order, _account, serial) => {
      const digits = String(70_000_000 + serial * 104_729).slice(0, 8);
      return { status: "SHIPPED", accessKey: order.accessKey, trackingCode: `QB${digits}${s10CheckDigit(digits)}BR` };
    },
  },
  {
    channel: "americanas",
    status: "INVOICED",
    marketplace: () => ({ status: "APPROVED", accessKey: null, trackingCode: null }),
    refusedInvoice: REFUSED_INVOICE,
  },
];

/**
 * A handful of open divergences for the demo, found as reconciliation finds them (the same detection and the same
 * rows), with the marketplace's side kept on each so the sandbox is given that side (db/queries/sandbox-mirror.ts)
 * and the worker's next check agrees. Returns how many were opened.
 */
export function seedDemoDivergences(db: Db, accounts: SeedAccount[], now: number): number {
  let opened = 0;
  let serial = 0;
  for (const account of accounts) {
    for (const scenario of SCENARIOS) {
      // The newest in this state that nothing else is pending on.
      const order = newestOrderIn(db, account.id, { ...scenario, modes: SELLER_SHIPS });
      if (!order) continue;
      serial += 1;
      // Found at the last reconciliation a few hours ago, after the change that caused it.
      const at = new Date(Math.max(order.statusChangedAt.getTime() + HOUR, now - (2 + serial) * HOUR));
      if (scenario.refusedInvoice && !refuseInvoiceUpdate(db, order, scenario.refusedInvoice, at)) continue;
      const marketplace = scenario.marketplace(order, account, serial);
      const findings = detectDivergences(order, updatesForDetection(db, order.id), marketplace);
      const snapshot = {
        hubState: { status: order.status, accessKey: order.accessKey, trackingCode: order.trackingCode },
        marketplaceState: { ...marketplace },
      };
      opened += syncFindings(db, order, findings, snapshot, at).length;
    }
  }
  return opened;
}
