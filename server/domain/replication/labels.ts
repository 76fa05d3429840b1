import type { OutboxState } from "./outbox-states";

export const REPLICATION_STATE_LABELS: Record<OutboxState, string> = {
  held: "Retida — aguardando os dados de envio",
  pending: "Pendente — na fila para o marketplace",
  sent: "Enviada — aguardando resposta",
  retrying: "Nova tentativa agendada",
  acknowledged: "Confirmada pelo marketplace",
  rejected: "Recusada pelo marketplace",
  discarded: "Descartada — não será enviada",
};

export const UPDATE_KIND_LABELS: Record<string, string> = {
  invoice: "Nota fiscal",
  shipment: "Envio",
  delivered: "Entrega",
  delivery_problem: "Problema de entrega",
  cancel: "Cancelamento",
  accept: "Aceite do pedido",
  refuse: "Recusa do pedido",
};
