"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { invoiceNeedsXml } from "@/server/domain/channels/rules";
import { formatCnpj } from "@/server/domain/documents";
import { formatAccessKeyGroups, normalizeAccessKey } from "@/server/domain/invoice/access-key";
import { Field, FormError, inputClass, primaryButton, secondaryButton } from "../../../_components/form";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import { fieldError, formLevelError } from "../../../_trpc/errors";
import { type ActionOutcome, useOrderAction } from "./use-order-action";
import { XmlUpload } from "./xml-upload";

interface Props {
  order: { id: number; version: number; channel: ChannelId };
  onDone: (outcome: ActionOutcome) => void;
  onReload: () => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function InvoiceForm({ order, onDone, onReload }: Props) {
  const xmlOnly = invoiceNeedsXml(order.channel);
  const [method, setMethod] = useState<"key" | "xml">(xmlOnly ? "xml" : "key");
  // The version the form was opened with: if the order changes meanwhile, the server says so.
  const [version] = useState(order.version);

  return (
    <section aria-labelledby="invoice-h" className="space-y-4 rounded-lg border border-brand-100 bg-white p-4">
      <h2 id="invoice-h" className="text-lg font-semibold">
        Informe a nota fiscal
      </h2>
      {xmlOnly && (
        <p className="text-sm text-slate-700">
          {CHANNEL_LABELS[order.channel]} exige o arquivo XML da NF-e: a chave de acesso sozinha não é aceita.
        </p>
      )}
      <fieldset className="flex gap-2">
        <legend className="sr-only">Como informar a nota</legend>
        {(["key", "xml"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={method === m}
            onClick={() => setMethod(m)}
            className={`rounded-md border px-3 py-1.5 text-sm ${method === m ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white"}`}
          >
            {m === "key" ? "Chave de acesso" : "Arquivo XML"}
          </button>
        ))}
      </fieldset>
      {method === "key" ? (
        <KeyForm order={order} version={version} onDone={onDone} onReload={onReload} />
      ) : (
        <XmlUpload order={order} version={version} onDone={onDone} onReload={onReload} />
      )}
    </section>
  );
}

function KeyForm({ order, version, onDone, onReload }: Props & { version: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [typed, setTyped] = useState("");
  const key = normalizeAccessKey(typed);
  const debouncedKey = useDebounced(key, 200);
  const preview = useQuery({
    ...trpc.orders.decodeAccessKey.queryOptions({ orderId: order.id, accessKey: debouncedKey }),
    enabled: debouncedKey.length >= 2,
    placeholderData: keepPreviousData,
  });
  const action = useOrderAction(
    (accessKey: string) =>
      client.orders.invoice.mutate({ orderId: order.id, version, invoice: { method: "key", accessKey } }),
    onDone,
  );
  const decoded = key.length >= 2 ? preview.data?.decoded : undefined;
  const checks = key.length >= 2 ? (preview.data?.checks ?? []) : [];

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(key);
      }}
    >
      <Field label="Chave de acesso da NF-e (44 caracteres)" error={fieldError(action.error, "accessKey")}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            value={formatAccessKeyGroups(key)}
            onChange={(e) => {
              setTyped(e.target.value);
              action.inputChanged();
            }}
            onPaste={(e) => {
              e.preventDefault();
              setTyped(e.clipboardData.getData("text"));
              action.inputChanged();
            }}
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000"
            className={`${inputClass} font-mono tracking-wide`}
          />
        )}
      </Field>
      <p className="text-xs text-slate-600" aria-live="polite">
        {key.length} de 44 caracteres
      </p>
      {decoded && (
        <dl
          className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm sm:grid-cols-5"
          aria-label="O que a chave informa"
        >
          <Decoded
            label="UF"
            value={decoded.state ? `${decoded.state.uf} (${decoded.state.code})` : decoded.stateCode}
          />
          <Decoded
            label="Emissão"
            value={
              decoded.month && decoded.year
                ? `${String(decoded.month).padStart(2, "0")}/${decoded.year}`
                : decoded.yearMonth
            }
          />
          <Decoded
            label="CNPJ do emitente"
            value={decoded.cnpj && decoded.cnpj.length === 14 ? formatCnpj(decoded.cnpj) : decoded.cnpj}
          />
          <Decoded label="Série" value={decoded.series?.toString() ?? null} />
          <Decoded label="Número" value={decoded.number?.toString() ?? null} />
        </dl>
      )}
      {checks.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label="Verificações da chave">
          {checks.map((c) => (
            <li key={c.id} className={c.ok ? "text-emerald-800" : "text-red-700"}>
              <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span>{" "}
              <span className="sr-only">{c.ok ? "OK:" : "Falhou:"}</span> {c.message}
            </li>
          ))}
          {preview.data?.alreadyUsed && <li className="text-red-700">✗ Esta chave já foi usada em outro pedido.</li>}
          {preview.data?.channelRefusal && <li className="text-red-700">✗ {preview.data.channelRefusal}</li>}
        </ul>
      )}
      <FormError
        message={formLevelError(action.error, ["accessKey"])}
        onReload={action.isConflict ? onReload : undefined}
      />
      <div className="flex gap-2">
        <button type="submit" disabled={action.pending || key.length === 0} className={primaryButton}>
          {action.pending ? "Salvando…" : "Confirmar nota fiscal"}
        </button>
        {typed && (
          <button type="button" className={secondaryButton} onClick={() => setTyped("")}>
            Limpar
          </button>
        )}
      </div>
    </form>
  );
}

function Decoded({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-mono">{value || "—"}</dd>
    </div>
  );
}
