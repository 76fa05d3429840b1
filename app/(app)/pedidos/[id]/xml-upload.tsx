"use client";

import { useState } from "react";
import type { ChannelId } from "@/server/domain/channels/channels";
import { formatCnpj, formatDocument } from "@/server/domain/documents";
import { formatBrl, formatDateTime } from "@/server/domain/format";
import { FileDropZone } from "../../../_components/file-drop-zone";
import { FormError, primaryButton, secondaryButton } from "../../../_components/form";
import { useTRPCClient } from "../../../_trpc/client";
import { fieldError, formLevelError, toUiError } from "../../../_trpc/errors";
import { type ActionOutcome, useOrderAction } from "./use-order-action";

interface Props {
  order: { id: number; channel: ChannelId };
  version: number;
  onDone: (outcome: ActionOutcome) => void;
  onReload: () => void;
}

type Preview = Awaited<ReturnType<ReturnType<typeof useTRPCClient>["orders"]["previewInvoiceXml"]["mutate"]>>;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  // Chunked so a large file does not overflow the argument list of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const MAX_BYTES = 3 * 1024 * 1024;

export function XmlUpload({ order, version, onDone, onReload }: Props) {
  const client = useTRPCClient();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const action = useOrderAction(
    (f: { name: string; base64: string }) =>
      client.orders.invoice.mutate({
        orderId: order.id,
        version,
        invoice: { method: "xml", fileName: f.name, xmlBase64: f.base64 },
      }),
    onDone,
  );

  async function choose(picked: File | undefined) {
    setPreview(null);
    setReadError(null);
    setFile(null);
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setReadError(
        "O arquivo passa de 3 MB: uma NF-e tem de alguns KB a algumas centenas de KB. Confira se escolheu o XML certo.",
      );
      return;
    }
    setReading(true);
    try {
      const chosen = { name: picked.name, base64: await toBase64(picked) };
      setFile(chosen);
      setPreview(
        await client.orders.previewInvoiceXml.mutate({
          orderId: order.id,
          fileName: chosen.name,
          xmlBase64: chosen.base64,
        }),
      );
    } catch (e) {
      setReadError(toUiError(e).message);
    } finally {
      setReading(false);
    }
  }

  const xmlError = fieldError(action.error, "xml");
  return (
    <div className="space-y-3">
      <FileDropZone
        inputLabel="Arquivo XML da NF-e"
        accept=".xml,application/xml,text/xml"
        onFiles={(files) => void choose(files[0])}
      >
        <span className="font-medium text-slate-800">Arraste o XML da NF-e aqui ou clique para escolher</span>
        <span className="mt-1 text-xs text-slate-600">Arquivo .xml autorizado pela SEFAZ, até 3 MB</span>
      </FileDropZone>
      {reading && <p className="text-sm text-slate-600">Lendo o arquivo…</p>}
      <FormError message={readError} />
      {preview && !preview.ok && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <strong>{file?.name}:</strong> {preview.error.message}
        </div>
      )}
      {preview?.ok && (
        <div className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
          <p className="font-medium">Lido do arquivo {file?.name}:</p>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
            <Row label="Chave de acesso" value={preview.nfe.accessKey} mono />
            <Row label="Emitente" value={`${preview.nfe.emitterName} — ${formatCnpj(preview.nfe.emitterCnpj)}`} />
            <Row
              label="Destinatário"
              value={
                preview.nfe.recipientDocument
                  ? `${preview.nfe.recipientName ?? ""} — ${formatDocument(preview.nfe.recipientDocument)}`
                  : "não informado"
              }
            />
            <Row label="Valor total" value={formatBrl(preview.nfe.totalCents)} />
            <Row label="Emissão" value={preview.nfe.issuedAt ? formatDateTime(preview.nfe.issuedAt) : "—"} />
            <Row
              label="Protocolo"
              value={`${preview.nfe.protocol.number ?? "—"} (situação ${preview.nfe.protocol.status})${preview.nfe.environment === 2 ? " · ambiente de homologação" : ""}`}
            />
          </dl>
          {preview.warnings.length > 0 && (
            <ul
              className="space-y-1 rounded-md bg-amber-50 p-2 text-amber-900"
              aria-label="Diferenças em relação ao pedido"
            >
              {preview.warnings.map((w) => (
                <li key={w.code}>⚠ {w.message}</li>
              ))}
            </ul>
          )}
          {preview.alreadyUsed && <p className="text-red-700">Esta nota já foi usada em outro pedido.</p>}
        </div>
      )}
      {xmlError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {xmlError}
        </p>
      )}
      <FormError
        message={formLevelError(action.error, ["xml", "accessKey"]) ?? fieldError(action.error, "accessKey")}
        onReload={action.isConflict ? onReload : undefined}
      />
      {file && preview?.ok && (
        <div className="flex gap-2">
          <button
            type="button"
            disabled={action.pending}
            className={primaryButton}
            onClick={() => void action.run(file)}
          >
            {action.pending
              ? "Salvando…"
              : preview.warnings.length
                ? "Confirmar mesmo com as diferenças"
                : "Confirmar nota fiscal"}
          </button>
          <button type="button" className={secondaryButton} onClick={() => void choose(undefined)}>
            Escolher outro arquivo
          </button>
        </div>
      )}
    </div>
  );
}

function Row({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={mono ? "font-mono text-xs break-all" : ""}>{value}</dd>
    </div>
  );
}
