import type { ChannelId, LogisticsModeId } from "../channels/channels";
import { CHANNEL_LABELS } from "../channels/channels";
import {
  CHANNEL_RULES,
  cancelElsewhereNotice,
  invoiceNeedsXml,
  marketplaceReportsDelivery,
  marketplaceShips,
} from "../channels/rules";
import type { OrderStatus } from "./status";

export type Actor = "seller" | "marketplace";

/** What a person or a channel asks for; several actions may lead to the same status. */
export type SellerAction =
  | "invoice"
  | "ship"
  | "markDelivered"
  | "reportDeliveryProblem"
  | "markOutOfStock"
  | "restock"
  | "cancel"
  | "requestCancellation"
  | "accept"
  | "refuse";

export type MarketplaceAction =
  | "accept"
  | "approvePayment"
  | "expirePayment"
  | "cancel"
  | "markDelivered"
  | "reportDeliveryProblem"
  | "ship";

interface Transition {
  from: OrderStatus;
  to: OrderStatus;
  by: Actor;
  action: SellerAction | MarketplaceAction;
}

const BEFORE_DELIVERY: OrderStatus[] = [
  "AWAITING_ACCEPTANCE",
  "NEW",
  "PAYMENT_OVERDUE",
  "APPROVED",
  "OUT_OF_STOCK",
  "INVOICED",
  "SHIPPED",
  "SHIPMENT_EXCEPTION",
];

// SPEC §2, the one transition table. A seller's cancellation of an invoiced order is a request the
// marketplace must confirm, so it leaves the status as it is.
export const TRANSITIONS: readonly Transition[] = [
  // Only on channels that require acceptance (the rule's `requiresAcceptance`); no other channel's order is created
  // in AWAITING_ACCEPTANCE. Accepted in the marketplace's own panel, or accepted and paid between two reads.
  { from: "AWAITING_ACCEPTANCE", to: "NEW", by: "seller", action: "accept" },
  { from: "AWAITING_ACCEPTANCE", to: "CANCELED", by: "seller", action: "refuse" },
  { from: "AWAITING_ACCEPTANCE", to: "NEW", by: "marketplace", action: "accept" },
  { from: "AWAITING_ACCEPTANCE", to: "APPROVED", by: "marketplace", action: "approvePayment" },
  { from: "NEW", to: "APPROVED", by: "marketplace", action: "approvePayment" },
  { from: "NEW", to: "PAYMENT_OVERDUE", by: "marketplace", action: "expirePayment" },
  { from: "APPROVED", to: "INVOICED", by: "seller", action: "invoice" },
  { from: "APPROVED", to: "OUT_OF_STOCK", by: "seller", action: "markOutOfStock" },
  { from: "OUT_OF_STOCK", to: "APPROVED", by: "seller", action: "restock" },
  { from: "APPROVED", to: "CANCELED", by: "seller", action: "cancel" },
  { from: "OUT_OF_STOCK", to: "CANCELED", by: "seller", action: "cancel" },
  { from: "INVOICED", to: "INVOICED", by: "seller", action: "requestCancellation" },
  { from: "INVOICED", to: "SHIPPED", by: "seller", action: "ship" },
  { from: "SHIPPED", to: "DELIVERED", by: "seller", action: "markDelivered" },
  { from: "SHIPPED", to: "SHIPMENT_EXCEPTION", by: "seller", action: "reportDeliveryProblem" },
  { from: "SHIPMENT_EXCEPTION", to: "SHIPPED", by: "seller", action: "ship" },
  { from: "SHIPMENT_EXCEPTION", to: "DELIVERED", by: "seller", action: "markDelivered" },
  { from: "SHIPMENT_EXCEPTION", to: "CANCELED", by: "seller", action: "cancel" },
  { from: "SHIPPED", to: "DELIVERED", by: "marketplace", action: "markDelivered" },
  { from: "SHIPMENT_EXCEPTION", to: "DELIVERED", by: "marketplace", action: "markDelivered" },
  { from: "SHIPPED", to: "SHIPMENT_EXCEPTION", by: "marketplace", action: "reportDeliveryProblem" },
  { from: "INVOICED", to: "SHIPPED", by: "marketplace", action: "ship" },
  ...BEFORE_DELIVERY.map((from): Transition => ({ from, to: "CANCELED", by: "marketplace", action: "cancel" })),
];

export function findTransition(
  from: OrderStatus,
  by: Actor,
  action: SellerAction | MarketplaceAction,
): Transition | null {
  return TRANSITIONS.find((t) => t.from === from && t.by === by && t.action === action) ?? null;
}

export function nextStatuses(from: OrderStatus, by: Actor): OrderStatus[] {
  return [...new Set(TRANSITIONS.filter((t) => t.from === from && t.by === by && t.to !== from).map((t) => t.to))];
}

export interface OrderFacts {
  status: OrderStatus;
  channel: ChannelId;
  logisticsMode: LogisticsModeId;
  cancellationRequestedAt: Date | null;
}

const ACTION_LABELS: Record<SellerAction, string> = {
  invoice: "informar a nota fiscal",
  ship: "informar o envio",
  markDelivered: "marcar como entregue",
  reportDeliveryProblem: "informar um problema de entrega",
  markOutOfStock: "marcar como sem estoque",
  restock: "voltar o pedido para aguardando nota fiscal",
  cancel: "cancelar",
  requestCancellation: "solicitar o cancelamento",
  accept: "aceitar o pedido",
  refuse: "recusar o pedido",
};

// What to do instead, by the status the order is in.
const WHAT_TO_DO: Record<OrderStatus, string> = {
  AWAITING_ACCEPTANCE: "O próximo passo é aceitar ou recusar o pedido.",
  NEW: "O pagamento ainda não foi aprovado: aguarde a confirmação do marketplace.",
  PAYMENT_OVERDUE: "O boleto venceu sem pagamento: o marketplace vai cancelar o pedido.",
  APPROVED: "O próximo passo é informar a nota fiscal.",
  OUT_OF_STOCK: "Quando o produto voltar ao estoque, volte o pedido para aguardando nota fiscal; ou cancele-o.",
  INVOICED: "O próximo passo é informar o envio (rastreio).",
  SHIPPED: "O pedido está a caminho: marque como entregue ou informe um problema de entrega.",
  SHIPMENT_EXCEPTION: "Reenvie com um novo rastreio, marque como entregue ou cancele (devolvido).",
  DELIVERED: "O pedido já foi entregue: não há mais o que atualizar.",
  CANCELED: "O pedido está cancelado: não há mais o que atualizar.",
};

export type SellerRefusal = { code: "TRANSITION_NOT_ALLOWED" | "CHANNEL_RULE"; message: string };

/**
 * Why the seller may not take this action now, or null when they may. The single source for the
 * UI's buttons and the server's refusals.
 */
export function sellerRefusal(order: OrderFacts, action: SellerAction): SellerRefusal | null {
  const pendingCancel = order.cancellationRequestedAt != null && order.status !== "CANCELED";
  if (pendingCancel) {
    return {
      code: "TRANSITION_NOT_ALLOWED",
      message:
        "Há um cancelamento solicitado aguardando a confirmação do marketplace. Aguarde a resposta antes de atualizar o pedido.",
    };
  }
  const effective: SellerAction = action === "cancel" && order.status === "INVOICED" ? "requestCancellation" : action;
  if (!findTransition(order.status, "seller", effective)) {
    return {
      code: "TRANSITION_NOT_ALLOWED",
      message: `Não é possível ${ACTION_LABELS[action]} neste momento. ${WHAT_TO_DO[order.status]}`,
    };
  }
  if (action === "ship" && order.status === "INVOICED" && marketplaceShips(order.channel, order.logisticsMode)) {
    return {
      code: "CHANNEL_RULE",
      message: `Neste modo de entrega quem despacha é ${CHANNEL_LABELS[order.channel]}, com a etiqueta do marketplace: o Fluxo atualiza o pedido quando o envio for informado.`,
    };
  }
  if ((action === "cancel" || action === "requestCancellation") && !CHANNEL_RULES[order.channel].sellerCancels) {
    return {
      code: "CHANNEL_RULE",
      message: cancelElsewhereNotice(order.channel),
    };
  }
  if (action === "reportDeliveryProblem" && !CHANNEL_RULES[order.channel].sellerReportsDeliveryProblem) {
    return {
      code: "CHANNEL_RULE",
      message: `${CHANNEL_LABELS[order.channel]} não recebe problemas de entrega da loja: o cliente abre o incidente no marketplace, e a loja o responde no painel do marketplace.`,
    };
  }
  if (action === "markDelivered" && marketplaceReportsDelivery(order.channel, order.logisticsMode)) {
    return {
      code: "CHANNEL_RULE",
      message: `Neste modo de entrega quem informa a entrega é ${CHANNEL_LABELS[order.channel]}: o Fluxo atualiza o pedido quando o marketplace confirmar.`,
    };
  }
  return null;
}

export const canInvoice = (o: OrderFacts) => sellerRefusal(o, "invoice") === null;
export const canShip = (o: OrderFacts) => sellerRefusal(o, "ship") === null;
export const canMarkDelivered = (o: OrderFacts) => sellerRefusal(o, "markDelivered") === null;
export const canReportDeliveryProblem = (o: OrderFacts) => sellerRefusal(o, "reportDeliveryProblem") === null;
export const canMarkOutOfStock = (o: OrderFacts) => sellerRefusal(o, "markOutOfStock") === null;
export const canRestock = (o: OrderFacts) => sellerRefusal(o, "restock") === null;
export const canCancel = (o: OrderFacts) => sellerRefusal(o, "cancel") === null;

/** Mercado Livre refuses an invoice without its XML: the key alone is not enough there. */
export function keyOnlyInvoiceRefusal(channel: ChannelId): string | null {
  return invoiceNeedsXml(channel)
    ? `${CHANNEL_LABELS[channel]} exige o arquivo XML da NF-e: envie o XML em vez de só a chave de acesso.`
    : null;
}

/** The one step the seller should take next, for the order page's headline. */
export function nextStepHint(order: OrderFacts): string | null {
  if (order.cancellationRequestedAt && order.status !== "CANCELED")
    return "Aguardando o marketplace confirmar o cancelamento.";
  switch (order.status) {
    case "AWAITING_ACCEPTANCE":
      return "Aceite ou recuse o pedido: o marketplace só cobra o cliente depois do aceite";
    case "APPROVED":
      return "Informe a nota fiscal";
    case "INVOICED":
      return marketplaceShips(order.channel, order.logisticsMode)
        ? `Aguardando ${CHANNEL_LABELS[order.channel]} despachar o pedido com a etiqueta do marketplace`
        : "Informe o envio (rastreio)";
    case "SHIPPED":
      return marketplaceReportsDelivery(order.channel, order.logisticsMode)
        ? `Aguardando ${CHANNEL_LABELS[order.channel]} confirmar a entrega`
        : "Marque como entregue quando o cliente receber";
    case "SHIPMENT_EXCEPTION":
      return "Reenvie com novo rastreio, marque como entregue ou cancele";
    case "OUT_OF_STOCK":
      return "Volte para aguardando nota fiscal quando houver estoque, ou cancele";
    case "NEW":
      return "Aguardando a aprovação do pagamento pelo marketplace";
    default:
      return null;
  }
}
