// Whether the marketplace accepts a seller's update, and what it does to the order. Pure: the caller stores the
// result. Reasons are pt-BR and say what to do, since the hub shows them to the seller as they are.
import { CHANNEL_LABELS, type ChannelId, LOGISTICS_MODE_LABELS } from "../server/domain/channels/channels";
import {
  CHANNEL_RULES,
  invoiceHeldUntilShipment,
  invoiceNeedsXml,
  marketplaceReportsDelivery,
} from "../server/domain/channels/rules";
import { invoiceNumberFields } from "../server/domain/invoice/invoice-number";
import { isUpdateKind, type Payloads, parsePayload, type ShipmentData, UPDATE_KINDS } from "./payloads";
import type { MarketplaceOrder, OrderShipment, OrderStatus } from "./types";

export type Decision = { ok: true; order: MarketplaceOrder; changed: boolean } | { ok: false; reason: string };

export interface RuleContext {
  now: Date;
  /** Marketplaces refuse an NF-e already attached to another of their orders. */
  invoiceKeyUsedElsewhere: (accessKey: string) => boolean;
}

// Channels that acknowledge the invoice at once but validate it later (Magalu checks it with SEFAZ first; Mercado
// Livre keeps the shipment in invoice_pending until it releases the label).
const ASYNC_INVOICE_VALIDATION: readonly ChannelId[] = ["magalu", "mercado_livre"];

export const STATUS_LABELS: Record<OrderStatus, string> = {
  AWAITING_ACCEPTANCE: "Aguardando aceite do vendedor",
  NEW: "Aguardando pagamento",
  PAYMENT_OVERDUE: "Boleto vencido",
  APPROVED: "Pagamento confirmado — aguardando nota fiscal",
  OUT_OF_STOCK: "Temporariamente sem estoque",
  INVOICED: "Nota fiscal emitida",
  SHIPPED: "Enviado",
  SHIPMENT_EXCEPTION: "Problema de entrega",
  DELIVERED: "Entregue",
  CANCELED: "Cancelado",
};

// Portuguese needs the article: "a Amazon", "o Mercado Livre".
const FEMININE: readonly ChannelId[] = ["americanas", "magalu", "amazon", "zoom"];
function theChannel(channel: ChannelId, capital = false): string {
  const article = FEMININE.includes(channel) ? "a" : "o";
  return `${capital ? article.toUpperCase() : article} ${CHANNEL_LABELS[channel]}`;
}

const ACCESS_KEY = /^[0-9A-Z]{44}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const reject = (reason: string): Decision => ({ ok: false, reason });
const acknowledge = (order: MarketplaceOrder): Decision => ({ ok: true, order, changed: false });
const change = (order: MarketplaceOrder): Decision => ({ ok: true, order, changed: true });

function inStatus(order: MarketplaceOrder): string {
  return `o pedido está em "${STATUS_LABELS[order.status]}"`;
}

function toShipment(data: ShipmentData): OrderShipment {
  return {
    carrier: data.carrier,
    trackingCode: data.trackingCode,
    method: data.method,
    url: data.url ? data.url : null,
    handedAt: data.handedAt,
  };
}

export function decideUpdate(order: MarketplaceOrder, kind: unknown, payload: unknown, ctx: RuleContext): Decision {
  if (!isUpdateKind(kind)) {
    return reject(`Tipo de atualização desconhecido: "${String(kind)}". Use um destes: ${UPDATE_KINDS.join(", ")}.`);
  }
  if (order.status === "CANCELED" && kind !== "cancel") {
    const why = order.cancelReason ? ` (motivo: ${order.cancelReason})` : "";
    return reject(`O pedido foi cancelado no marketplace${why}; ele não aceita mais atualizações.`);
  }
  switch (kind) {
    case "invoice":
      return parsed(kind, payload, (data) => invoice(order, data, ctx));
    case "shipment":
      return parsed(kind, payload, (data) => shipment(order, data));
    case "delivered":
      return parsed(kind, payload, (data) => delivered(order, data));
    case "delivery_problem":
      return parsed(kind, payload, () => deliveryProblem(order));
    case "cancel":
      return parsed(kind, payload, (data) => cancel(order, data, ctx));
    case "accept":
      return parsed(kind, payload, () => accept(order));
    case "refuse":
      return parsed(kind, payload, (data) => refuse(order, data, ctx));
  }
}

function parsed<K extends keyof Payloads>(kind: K, payload: unknown, then: (data: Payloads[K]) => Decision): Decision {
  const result = parsePayload(kind, payload);
  return result.ok ? then(result.data) : reject(result.reason);
}

function invoice(order: MarketplaceOrder, data: Payloads["invoice"], ctx: RuleContext): Decision {
  const key = data.accessKey;
  if (!ACCESS_KEY.test(key)) {
    return reject(
      `payload.accessKey: a chave de acesso deve ter exatamente 44 caracteres, só números (e letras maiúsculas na parte do CNPJ), sem espaços nem pontos; a enviada tem ${key.length}.`,
    );
  }
  if (order.invoice) {
    if (order.invoice.accessKey !== key) {
      return reject(
        `O pedido já tem outra nota fiscal registrada no marketplace (chave ${order.invoice.accessKey}). Confira se a nota enviada é deste pedido.`,
      );
    }
    // Same key again: a re-send of what the marketplace already has, unless it now brings the shipping data.
    if (order.status === "INVOICED" && data.shipment && !order.cancellationRequested) {
      return change({ ...order, status: "SHIPPED", shipment: toShipment(data.shipment) });
    }
    return acknowledge(order);
  }
  if (order.status !== "APPROVED") {
    return reject(invoiceStatusReason(order));
  }
  if (ctx.invoiceKeyUsedElsewhere(key)) {
    return reject(
      `Esta chave de acesso já está em outro pedido d${theChannel(order.channel).slice(0, 1)} ${CHANNEL_LABELS[order.channel]}. Confira se a nota fiscal é mesmo deste pedido.`,
    );
  }
  if (invoiceNeedsXml(order.channel)) {
    if (!data.xmlBase64) {
      return reject(
        `${theChannel(order.channel, true)} não aceita a nota fiscal só pela chave: envie também o XML da NF-e (payload.xmlBase64).`,
      );
    }
  }
  if (data.xmlBase64 && !BASE64.test(data.xmlBase64.replace(/\s/g, ""))) {
    return reject("payload.xmlBase64: o XML da NF-e deve ser enviado codificado em base64.");
  }
  if (invoiceHeldUntilShipment(order.channel, order.logisticsMode) && !data.shipment) {
    return reject(
      `${theChannel(order.channel, true)} só aceita a nota fiscal junto com os dados de envio: envie a nota com transportadora, código de rastreio, forma de envio e data de entrega à transportadora (payload.shipment).`,
    );
  }
  const numberRefusal = data.shipment ? invoiceNumberRefusal(order, key, data) : null;
  if (numberRefusal) return reject(numberRefusal);
  const next: MarketplaceOrder = {
    ...order,
    status: data.shipment ? "SHIPPED" : "INVOICED",
    invoice: { accessKey: key, issuedAt: data.issuedAt ?? null, hasXml: Boolean(data.xmlBase64) },
    invoiceValidation: ASYNC_INVOICE_VALIDATION.includes(order.channel) ? "awaiting_validation" : null,
    shipment: data.shipment ? toShipment(data.shipment) : order.shipment,
  };
  return change(next);
}

/** Zoom's shipped update carries the NF-e's number and series beside its key; they must be the key's. */
function invoiceNumberRefusal(order: MarketplaceOrder, key: string, data: Payloads["invoice"]): string | null {
  if (!CHANNEL_RULES[order.channel].shipmentCarriesInvoiceNumber) return null;
  if (!data.invoiceNumber || !data.invoiceSeries) {
    return `${theChannel(order.channel, true)} só aceita o envio com número e série da NF-e junto com a chave, a data de envio, o rastreio e a transportadora: envie payload.invoiceNumber e payload.invoiceSeries.`;
  }
  const fromKey = invoiceNumberFields(key);
  if (
    fromKey?.invoiceNumber !== String(Number(data.invoiceNumber)) ||
    fromKey.invoiceSeries !== String(Number(data.invoiceSeries))
  ) {
    return `payload.invoiceNumber e payload.invoiceSeries: o número e a série informados não são os da chave de acesso (número ${fromKey?.invoiceNumber}, série ${fromKey?.invoiceSeries}). Confira a nota.`;
  }
  return null;
}

function invoiceStatusReason(order: MarketplaceOrder): string {
  switch (order.status) {
    case "NEW":
      return "O pagamento deste pedido ainda não foi aprovado; emita e envie a nota fiscal só depois da aprovação.";
    case "PAYMENT_OVERDUE":
      return "O boleto deste pedido venceu sem pagamento; não emita nota fiscal para ele.";
    case "OUT_OF_STOCK":
      return "O pedido está marcado como sem estoque; informe a reposição (restock) antes de enviar a nota fiscal.";
    default:
      return `O marketplace só aceita a nota fiscal de pedidos com pagamento confirmado, e ${inStatus(order)}.`;
  }
}

function shipment(order: MarketplaceOrder, data: Payloads["shipment"]): Decision {
  if (order.status === "SHIPPED") {
    if (order.shipment?.trackingCode === data.trackingCode) return acknowledge(order);
    return reject(
      `O pedido já foi enviado com o rastreio ${order.shipment?.trackingCode ?? "(sem código)"}. Para enviar de novo com outro rastreio, informe antes um problema de entrega (delivery_problem).`,
    );
  }
  if (order.cancellationRequested) {
    return reject(
      "Há um pedido de cancelamento em análise para este pedido; aguarde a resposta do marketplace antes de enviá-lo.",
    );
  }
  if (order.status === "APPROVED") {
    return reject(
      invoiceHeldUntilShipment(order.channel, order.logisticsMode)
        ? `${theChannel(order.channel, true)} recebe a nota fiscal junto com os dados de envio: envie uma atualização "invoice" com a chave e os dados de envio (payload.shipment).`
        : "O pedido ainda não tem nota fiscal; envie a nota fiscal antes dos dados de envio.",
    );
  }
  if (order.status !== "INVOICED" && order.status !== "SHIPMENT_EXCEPTION") {
    return reject(`Os dados de envio só são aceitos para pedidos com nota fiscal emitida, e ${inStatus(order)}.`);
  }
  if (data.invoiceKey && order.invoice && data.invoiceKey !== order.invoice.accessKey) {
    return reject(
      `payload.invoiceKey: a chave informada não é a da nota fiscal deste pedido (${order.invoice.accessKey}). Confira a nota.`,
    );
  }
  return change({ ...order, status: "SHIPPED", shipment: toShipment(data) });
}

function delivered(order: MarketplaceOrder, data: Payloads["delivered"]): Decision {
  if (order.status === "DELIVERED") return acknowledge(order);
  if (marketplaceReportsDelivery(order.channel, order.logisticsMode)) {
    return reject(
      `No modo ${LOGISTICS_MODE_LABELS[order.logisticsMode]}, a entrega é informada pel${theChannel(order.channel)} (o próprio marketplace); não é preciso marcar o pedido como entregue.`,
    );
  }
  if (order.status !== "SHIPPED" && order.status !== "SHIPMENT_EXCEPTION") {
    return reject(`Só é possível marcar como entregue um pedido enviado, e ${inStatus(order)}. Informe o envio antes.`);
  }
  return change({ ...order, status: "DELIVERED", deliveredAt: data.deliveredAt });
}

function deliveryProblem(order: MarketplaceOrder): Decision {
  if (order.status === "SHIPMENT_EXCEPTION") return acknowledge(order);
  if (order.status !== "SHIPPED") {
    return reject(`Problemas de entrega só podem ser informados para pedidos enviados, e ${inStatus(order)}.`);
  }
  return change({ ...order, status: "SHIPMENT_EXCEPTION" });
}

function cancel(order: MarketplaceOrder, data: Payloads["cancel"], ctx: RuleContext): Decision {
  if (!CHANNEL_RULES[order.channel].sellerCancels) {
    return reject(
      `${theChannel(order.channel, true)} não recebe cancelamento pela integração: o lojista abre um chamado no atendimento, que cancela o pedido.`,
    );
  }
  const at = ctx.now.toISOString();
  switch (order.status) {
    case "CANCELED":
      return acknowledge(order);
    case "APPROVED":
    case "OUT_OF_STOCK":
    case "SHIPMENT_EXCEPTION":
      return change({ ...order, status: "CANCELED", canceledAt: at, cancelReason: data.reason });
    case "INVOICED":
      // The NF-e already exists: the marketplace must confirm, which the generator does at its next tick.
      if (order.cancellationRequested) return acknowledge(order);
      return change({ ...order, cancellationRequested: true, cancelReason: data.reason });
    case "AWAITING_ACCEPTANCE":
      return reject("O pedido ainda aguarda o seu aceite: recuse-o em vez de cancelar.");
    case "NEW":
    case "PAYMENT_OVERDUE":
      return reject(
        "Pedidos aguardando pagamento são cancelados pelo próprio marketplace quando o pagamento não é feito; não é preciso cancelar.",
      );
    case "SHIPPED":
      return reject(
        "O pedido já foi enviado. Se a entrega não vai acontecer, informe antes um problema de entrega (delivery_problem) e depois cancele.",
      );
    case "DELIVERED":
      return reject("O pedido já foi entregue e não pode ser cancelado; trate o caso como devolução no marketplace.");
  }
}

/** The seller's acceptance (Mirakl's OR21): the order goes on to the payment; once past it, a repeat is acknowledged. */
function accept(order: MarketplaceOrder): Decision {
  return order.status === "AWAITING_ACCEPTANCE" ? change({ ...order, status: "NEW" }) : acknowledge(order);
}

function refuse(order: MarketplaceOrder, data: Payloads["refuse"], ctx: RuleContext): Decision {
  if (order.status !== "AWAITING_ACCEPTANCE") {
    return reject(`Só é possível recusar um pedido que aguarda o aceite, e ${inStatus(order)}.`);
  }
  return change({ ...order, status: "CANCELED", canceledAt: ctx.now.toISOString(), cancelReason: data.reason });
}
