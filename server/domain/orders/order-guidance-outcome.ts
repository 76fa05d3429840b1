import { CHANNEL_WITH_ARTICLE } from "../channels/channels";
import { invoiceHeldUntilShipment } from "../channels/rules";
import type { GuidanceOrder } from "./order-guidance";
import type { SellerAction } from "./transitions";

/**
 * What the seller's action sent, and to whom, said once it is accepted: "Nota enviada à Americanas". The order as
 * it was when the seller acted decides (its channel's rules, whether the hub still replicates it).
 */
export function actionDoneMessage(action: SellerAction, order: GuidanceOrder): string {
  const to = CHANNEL_WITH_ARTICLE[order.channel];
  if (order.handledManuallyAt) return `Registrado só no Fluxo: este pedido é tratado manualmente e nada vai ${to}.`;
  const held = invoiceHeldUntilShipment(order.channel, order.logisticsMode);
  switch (action) {
    case "invoice":
      return held ? `Nota registrada; vai ${to} junto com o envio.` : `Nota enviada ${to}.`;
    case "ship":
      return held && order.status === "INVOICED" ? `Nota e rastreio enviados ${to}.` : `Rastreio enviado ${to}.`;
    case "markDelivered":
      return `Entrega informada ${to}.`;
    case "reportDeliveryProblem":
      return `Problema de entrega informado ${to}.`;
    case "markOutOfStock":
      return "Pedido marcado sem estoque só no Fluxo: o marketplace não recebe essa informação.";
    case "restock":
      return "O pedido voltou a aguardar a nota fiscal.";
    case "cancel":
      return `Cancelamento enviado ${to}.`;
    case "requestCancellation":
      return `Pedido de cancelamento enviado ${to}; o pedido fica cancelado quando o marketplace confirmar.`;
    case "accept":
      return `Aceite enviado ${to}; o pedido segue para a confirmação do pagamento.`;
    case "refuse":
      return `Recusa enviada ${to}; o pedido fica cancelado.`;
  }
}
