import { CHANNEL_LABELS, type ChannelId } from "../channels/channels";
import { marketplaceStatusFor } from "../channels/rules";
import { type OrderStatus, STATUS_LABELS } from "../orders/status";
import { UPDATE_KIND_LABELS } from "../replication/labels";
import { isOneOf, type OutboxState, UNSETTLED } from "../replication/outbox-states";
import { translateCodes } from "../replication/reason-labels";
import type { Finding } from "./kinds";

/** Past this many attempts, an update is not just slow: support should look. */
export const LIMITS = { retryAttempts: 5 } as const;

export interface HubSide {
  status: OrderStatus;
  channel: ChannelId;
  accessKey: string | null;
  trackingCode: string | null;
  cancellationRequestedAt: Date | null;
}

export interface UpdateRow {
  kind: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
}

export interface MarketplaceSide {
  status: OrderStatus;
  accessKey: string | null;
  trackingCode: string | null;
}

const MANUAL_CAUSE: Partial<Record<OrderStatus, string>> = {
  INVOICED: "o pedido foi faturado à mão no painel do marketplace",
  SHIPPED: "o envio foi informado à mão no painel do marketplace",
  DELIVERED: "a entrega foi marcada à mão no painel do marketplace",
  CANCELED: "o pedido foi cancelado à mão no painel do marketplace",
  OUT_OF_STOCK: "o pedido foi marcado sem estoque à mão no painel do marketplace",
  APPROVED: "o pedido voltou a “aguardando nota fiscal” no painel do marketplace",
};

/**
 * Compares the hub's order with the marketplace's view (SPEC §5). An update still on its way (held, pending,
 * retrying) explains a marketplace that is behind; anything else that differs is a divergence. An order that is
 * late, or whose invoice the channel's rule holds for the shipment, agrees with the marketplace: its deadline
 * (server/domain/orders/deadlines.ts) is the seller's to act on, never a finding here.
 */
export function detectDivergences(hub: HubSide, updates: UpdateRow[], marketplace: MarketplaceSide | null): Finding[] {
  const findings: Finding[] = [];
  const channel = CHANNEL_LABELS[hub.channel];
  // Only the latest update of each kind speaks for it: a rejection that was re-sent since is history.
  const latest = [...new Map(updates.map((u) => [u.kind, u])).values()].filter((u) => u.state !== "discarded");

  for (const u of latest) {
    const label = UPDATE_KIND_LABELS[u.kind] ?? u.kind;
    if (u.state === "rejected") {
      findings.push({
        kind: "not_acknowledged",
        likelyCause: `${channel} recusou a atualização “${label}”: ${u.lastError ? translateCodes(u.lastError) : "sem motivo informado"}`,
      });
    } else if (u.state === "retrying" && u.attempts >= LIMITS.retryAttempts) {
      findings.push({
        kind: "not_acknowledged",
        likelyCause: `A atualização “${label}” não foi confirmada por ${channel} após ${LIMITS.retryAttempts} tentativas ou mais`,
      });
    }
  }

  if (!marketplace) return findings;
  const pending = latest.some((u) => isOneOf(UNSETTLED, u.state));
  const rejected = latest.some((u) => u.state === "rejected");
  if (marketplace.status !== marketplaceStatusFor(hub.channel, hub.status) && !pending && !rejected) {
    const cause = MANUAL_CAUSE[marketplace.status] ?? "o pedido foi alterado à mão no painel do marketplace";
    findings.push({
      kind: "manual_change",
      likelyCause: `No Fluxo o pedido está “${STATUS_LABELS[hub.status]}”, mas ${channel} diz “${STATUS_LABELS[marketplace.status]}”: provavelmente ${cause}`,
    });
  }
  const keyPending = latest.some((u) => u.kind === "invoice" && isOneOf(UNSETTLED, u.state));
  if (hub.accessKey && marketplace.accessKey && hub.accessKey !== marketplace.accessKey && !keyPending) {
    findings.push({
      kind: "data_mismatch",
      likelyCause: `A chave da NF-e em ${channel} é diferente da informada no Fluxo`,
    });
  }
  const trackingPending = latest.some((u) => u.kind === "shipment" && isOneOf(UNSETTLED, u.state));
  if (
    hub.trackingCode &&
    marketplace.trackingCode &&
    hub.trackingCode !== marketplace.trackingCode &&
    !trackingPending
  ) {
    findings.push({
      kind: "data_mismatch",
      likelyCause: `O código de rastreio em ${channel} é diferente do informado no Fluxo`,
    });
  }
  return findings;
}
