"use client";

import { useState } from "react";
import type { LogisticsModeId } from "@/server/domain/channels/channels";
import { CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { CHANNEL_RULES } from "@/server/domain/channels/rules";
import { CARRIERS, type CarrierId } from "@/server/domain/shipping/tracking";
import { parseBrDate } from "@/server/domain/time";
import { Field, FormError, inputClass, primaryButton } from "../../../_components/form";
import { useTRPCClient } from "../../../_trpc/client";
import { fieldError, formLevelError } from "../../../_trpc/errors";
import { BrDateInput } from "./br-date-input";
import { type ActionOutcome, useOrderAction } from "./use-order-action";

const FIELDS = ["carrier", "code", "method", "url", "handedAt"] as const;

export function ShipForm(props: {
  order: { id: number; version: number; channel: ChannelId; logisticsMode: LogisticsModeId };
  resend: boolean;
  /** Where no other notice on the screen says so already (the board's row dialog). */
  heldNotice?: string | null;
  onDone: (outcome: ActionOutcome) => void;
  onReload: () => void;
}) {
  const client = useTRPCClient();
  const [version] = useState(props.order.version);
  const urlRequired = CHANNEL_RULES[props.order.channel].trackingUrlRequired;
  // Mercado Envios orders go out with Mercado Envios' label; the rest most often by Correios.
  const [carrier, setCarrier] = useState<CarrierId>(
    props.order.logisticsMode === "me2" || props.order.logisticsMode === "mercado_envios_coleta"
      ? "mercado-envios"
      : "correios",
  );
  const action = useOrderAction(
    (tracking: { carrier: CarrierId; code: string; method: string; url?: string; handedAt: string }) =>
      client.orders.ship.mutate({ orderId: props.order.id, version, tracking }),
    props.onDone,
  );

  return (
    <section aria-labelledby="ship-h" className="space-y-4 rounded-lg border border-brand-100 bg-white p-4">
      <h2 id="ship-h" className="text-lg font-semibold">
        {props.resend ? "Reenviar com novo rastreio" : "Informe o envio"}
      </h2>
      {props.heldNotice && <p className="text-sm text-slate-700">{props.heldNotice}</p>}
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const url = String(form.get("url") ?? "").trim();
          const handedAt = String(form.get("handedAt") ?? "");
          void action.run({
            carrier,
            code: String(form.get("code") ?? ""),
            method: String(form.get("method") ?? ""),
            url: url || undefined,
            // The tracking rules read ISO days; a day that does not parse goes as typed, for the server to refuse.
            handedAt: parseBrDate(handedAt) ?? handedAt,
          });
        }}
      >
        <Field label="Transportadora" error={fieldError(action.error, "carrier")}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={carrier}
              onChange={(e) => setCarrier(e.target.value as CarrierId)}
              className={inputClass}
            >
              {CARRIERS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Código de rastreio"
          error={fieldError(action.error, "code")}
          hint={carrier === "correios" ? "Ex.: AA123456785BR (2 letras, 9 números, 2 letras)" : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="code"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
              className={`${inputClass} font-mono uppercase`}
            />
          )}
        </Field>
        <Field label="Forma de envio" error={fieldError(action.error, "method")} hint="Ex.: PAC, SEDEX, Expresso">
          {({ id, describedBy, invalid }) => (
            <input id={id} name="method" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />
          )}
        </Field>
        <Field
          label="Data de entrega à transportadora"
          error={fieldError(action.error, "handedAt")}
          hint="Dia, mês e ano: dd/mm/aaaa"
        >
          {({ id, describedBy, invalid }) => (
            <BrDateInput id={id} name="handedAt" describedBy={describedBy} invalid={invalid} />
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field
            label={urlRequired ? "Link de rastreio" : "Link de rastreio (opcional)"}
            error={fieldError(action.error, "url")}
            hint={
              urlRequired
                ? `${CHANNEL_LABELS[props.order.channel]} só aceita o código junto com o link. Até 200 caracteres.`
                : "Até 200 caracteres"
            }
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="url"
                type="url"
                required={urlRequired}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <div className="space-y-2 sm:col-span-2">
          <FormError
            message={formLevelError(action.error, FIELDS)}
            onReload={action.isConflict ? props.onReload : undefined}
          />
          <button type="submit" disabled={action.pending} className={primaryButton}>
            {action.pending ? "Salvando…" : "Confirmar envio"}
          </button>
        </div>
      </form>
    </section>
  );
}
