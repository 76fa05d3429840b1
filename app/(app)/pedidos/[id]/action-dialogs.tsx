"use client";

import { useState } from "react";
import { Dialog, Field, FormError, inputClass, primaryButton, secondaryButton } from "../../../_components/form";
import { useTRPCClient } from "../../../_trpc/client";
import { fieldError, formLevelError } from "../../../_trpc/errors";
import { BrDateInput } from "./br-date-input";
import { type ActionOutcome, useOrderAction } from "./use-order-action";

export type DialogKind =
  | "markDelivered"
  | "reportDeliveryProblem"
  | "markOutOfStock"
  | "restock"
  | "cancel"
  | "requestCancellation"
  | "accept"
  | "refuse";

export const DIALOG_LABELS: Record<DialogKind, string> = {
  markDelivered: "Marcar como entregue",
  reportDeliveryProblem: "Informar problema de entrega",
  markOutOfStock: "Marcar sem estoque",
  restock: "Voltar ao estoque",
  cancel: "Cancelar pedido",
  requestCancellation: "Solicitar cancelamento",
  accept: "Aceitar pedido",
  refuse: "Recusar pedido",
};

interface FieldSpec {
  name: string;
  label: string;
  type: "date" | "text" | "textarea";
  required: boolean;
  hint?: string;
}

const DAY_HINT = "Dia, mês e ano: dd/mm/aaaa";

const FORMS: Record<DialogKind, { fields: FieldSpec[]; intro?: string }> = {
  markDelivered: {
    fields: [{ name: "deliveredOn", label: "Data da entrega", type: "date", required: true, hint: DAY_HINT }],
  },
  reportDeliveryProblem: {
    fields: [
      { name: "occurredOn", label: "Data da ocorrência", type: "date", required: true, hint: DAY_HINT },
      {
        name: "observation",
        label: "O que aconteceu",
        type: "textarea",
        required: true,
        hint: "Ex.: destinatário ausente em três tentativas",
      },
    ],
  },
  markOutOfStock: { fields: [{ name: "reason", label: "Motivo", type: "textarea", required: true }] },
  restock: {
    intro: "O pedido volta para “aguardando nota fiscal”.",
    fields: [{ name: "note", label: "Observação (opcional)", type: "text", required: false }],
  },
  cancel: { fields: [{ name: "reason", label: "Motivo do cancelamento", type: "textarea", required: true }] },
  requestCancellation: {
    intro:
      "A nota fiscal já foi emitida: o cancelamento será solicitado ao marketplace, que precisa confirmar. Até lá o pedido aparece como “Cancelamento solicitado”. Lembre-se de cancelar a NF-e na SEFAZ.",
    fields: [{ name: "reason", label: "Motivo do cancelamento", type: "textarea", required: true }],
  },
  accept: {
    intro:
      "Aceite só se tiver o produto para enviar: depois do aceite o marketplace cobra o cliente e o pedido segue para a nota fiscal.",
    fields: [],
  },
  refuse: {
    intro: "O pedido será recusado no marketplace e ficará cancelado; o cliente não é cobrado.",
    fields: [{ name: "reason", label: "Motivo da recusa", type: "textarea", required: true }],
  },
};

export function ActionDialog(props: {
  kind: DialogKind | null;
  order: { id: number; version: number };
  onClose: () => void;
  onDone: (outcome: ActionOutcome) => void;
  onReload: () => void;
}) {
  return (
    <Dialog open={props.kind !== null} onClose={props.onClose} title={props.kind ? DIALOG_LABELS[props.kind] : ""}>
      {props.kind && <DialogForm {...props} kind={props.kind} />}
    </Dialog>
  );
}

function DialogForm(props: {
  kind: DialogKind;
  order: { id: number; version: number };
  onClose: () => void;
  onDone: (outcome: ActionOutcome) => void;
  onReload: () => void;
}) {
  const client = useTRPCClient();
  const [version] = useState(props.order.version);
  const spec = FORMS[props.kind];
  const action = useOrderAction(
    (values: Record<string, string>) => {
      const ref = { orderId: props.order.id, version };
      switch (props.kind) {
        case "markDelivered":
          return client.orders.markDelivered.mutate({ ...ref, deliveredOn: values.deliveredOn ?? "" });
        case "reportDeliveryProblem":
          return client.orders.reportDeliveryProblem.mutate({
            ...ref,
            occurredOn: values.occurredOn ?? "",
            observation: values.observation ?? "",
          });
        case "markOutOfStock":
          return client.orders.markOutOfStock.mutate({ ...ref, reason: values.reason ?? "" });
        case "restock":
          return client.orders.restock.mutate({ ...ref, note: values.note || undefined });
        case "cancel":
        case "requestCancellation":
          return client.orders.cancel.mutate({ ...ref, reason: values.reason ?? "" });
        case "accept":
          return client.orders.accept.mutate(ref);
        case "refuse":
          return client.orders.refuse.mutate({ ...ref, reason: values.reason ?? "" });
      }
    },
    (outcome) => {
      props.onDone(outcome);
      props.onClose();
    },
  );

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        void action.run(Object.fromEntries(spec.fields.map((f) => [f.name, String(data.get(f.name) ?? "")])));
      }}
    >
      {spec.intro && <p className="text-sm text-slate-700">{spec.intro}</p>}
      {spec.fields.map((f) => (
        <Field key={f.name} label={f.label} hint={f.hint} error={fieldError(action.error, f.name)}>
          {({ id, describedBy, invalid }) =>
            f.type === "textarea" ? (
              <textarea
                id={id}
                name={f.name}
                rows={3}
                onChange={action.inputChanged}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            ) : f.type === "date" ? (
              <BrDateInput
                id={id}
                name={f.name}
                describedBy={describedBy}
                invalid={invalid}
                onChange={action.inputChanged}
              />
            ) : (
              <input
                id={id}
                name={f.name}
                onChange={action.inputChanged}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )
          }
        </Field>
      ))}
      <FormError
        message={formLevelError(
          action.error,
          spec.fields.map((f) => f.name),
        )}
        onReload={action.isConflict ? props.onReload : undefined}
      />
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={props.onClose}>
          Voltar
        </button>
        <button type="submit" disabled={action.pending} className={primaryButton}>
          {action.pending ? "Salvando…" : "Confirmar"}
        </button>
      </div>
    </form>
  );
}
