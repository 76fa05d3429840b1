import type { DIVERGENCE_KINDS, OUTBOX_STATES } from "../../../db/schema";
import { CHANNEL_LABELS, type ChannelId } from "../channels/channels";
import { CHANNEL_RULES, marketplaceStatusFor } from "../channels/rules";
import { type OrderStatus, STATUS_LABELS } from "../orders/status";
import { UPDATE_KIND_LABELS } from "../replication/labels";

export type DivergenceKind = (typeof DIVERGENCE_KINDS)[number];

export const DIVERGENCE_KIND_LABELS: Record<DivergenceKind, string> = {
  manual_change: "Alteração manual no marketplace",
  not_acknowledged: "Atualização não confirmada",
  data_mismatch: "Dados diferentes",
  stuck: "Pedido parado",
};

/** Past these, an update or an order is not just slow: support should look. */
export const LIMITS = { retryAttempts: 5, heldInvoiceHours: 48 } as const;

export interface HubSide {
  status: OrderStatus;
  channel: ChannelId;
  accessKey: string | null;
  trackingCode: string | null;
  approvedAt: Date | null;
  cancellationRequestedAt: Date | null;
}

export interface UpdateRow {
  kind: string;
  state: (typeof OUTBOX_STATES)[number];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export interface MarketplaceSide {
  status: OrderStatus;
  accessKey: string | null;
  trackingCode: string | null;
}

export interface Finding {
  kind: DivergenceKind;
  likelyCause: string;
}

const UNSENT = new Set(["held", "pending", "sent", "retrying"]);

const MANUAL_CAUSE: Partial<Record<OrderStatus, string>> = {
  INVOICED: "o pedido foi faturado à mão no painel do marketplace",
  SHIPPED: "o envio foi informado à mão no painel do marketplace",
  DELIVERED: "a entrega foi marcada à mão no painel do marketplace",
  CANCELED: "o pedido foi cancelado à mão no painel do marketplace",
  OUT_OF_STOCK: "o pedido foi marcado sem estoque à mão no painel do marketplace",
  APPROVED: "o pedido voltou a “aguardando nota fiscal” no painel do marketplace",
};

const hoursSince = (date: Date, now: Date) => (now.getTime() - date.getTime()) / 3_600_000;

/**
 * Compares the hub's order with the marketplace's view (SPEC §5). An update still on its way (held, pending,
 * retrying) explains a marketplace that is behind; anything else that differs is a divergence.
 */
export function detectDivergences(
  hub: HubSide,
  updates: UpdateRow[],
  marketplace: MarketplaceSide | null,
  now: Date,
): Finding[] {
  const findings: Finding[] = [];
  const channel = CHANNEL_LABELS[hub.channel];
  // Only the latest update of each kind speaks for it: a rejection that was re-sent since is history.
  const latest = [...new Map(updates.map((u) => [u.kind, u])).values()].filter((u) => u.state !== "discarded");

  for (const u of latest) {
    const label = UPDATE_KIND_LABELS[u.kind] ?? u.kind;
    if (u.state === "rejected") {
      findings.push({
        kind: "not_acknowledged",
        likelyCause: `${channel} recusou a atualização “${label}”: ${u.lastError ?? "sem motivo informado"}`,
      });
    } else if (u.state === "retrying" && u.attempts >= LIMITS.retryAttempts) {
      findings.push({
        kind: "not_acknowledged",
        likelyCause: `A atualização “${label}” não foi confirmada por ${channel} após ${LIMITS.retryAttempts} tentativas ou mais`,
      });
    } else if (u.state === "held" && hoursSince(u.createdAt, now) > LIMITS.heldInvoiceHours) {
      findings.push({
        kind: "stuck",
        likelyCause: `Nota fiscal retida há mais de ${LIMITS.heldInvoiceHours} h: faltam os dados de envio`,
      });
    }
  }
  const deadline = CHANNEL_RULES[hub.channel].invoiceDeadlineHours;
  if (hub.status === "APPROVED" && hub.approvedAt && hoursSince(hub.approvedAt, now) > deadline) {
    findings.push({
      kind: "stuck",
      likelyCause: `Pagamento aprovado há mais de ${deadline} h e a nota fiscal ainda não foi informada`,
    });
  }

  if (!marketplace) return findings;
  const pending = latest.some((u) => UNSENT.has(u.state));
  const rejected = latest.some((u) => u.state === "rejected");
  if (marketplace.status !== marketplaceStatusFor(hub.channel, hub.status) && !pending && !rejected) {
    const cause = MANUAL_CAUSE[marketplace.status] ?? "o pedido foi alterado à mão no painel do marketplace";
    findings.push({
      kind: "manual_change",
      likelyCause: `No Fluxo o pedido está “${STATUS_LABELS[hub.status]}”, mas ${channel} diz “${STATUS_LABELS[marketplace.status]}”: provavelmente ${cause}`,
    });
  }
  const keyPending = latest.some((u) => u.kind === "invoice" && UNSENT.has(u.state));
  if (hub.accessKey && marketplace.accessKey && hub.accessKey !== marketplace.accessKey && !keyPending) {
    findings.push({
      kind: "data_mismatch",
      likelyCause: `A chave da NF-e em ${channel} é diferente da informada no Fluxo`,
    });
  }
  const trackingPending = latest.some((u) => u.kind === "shipment" && UNSENT.has(u.state));
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
