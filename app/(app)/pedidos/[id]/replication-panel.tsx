import { formatDateTime } from "@/server/domain/format";
import type { UpdateLine } from "@/server/domain/orders/order-guidance";
import type { OutboxState } from "@/server/domain/replication/outbox-states";

const TONES: Record<OutboxState, string> = {
  held: "bg-slate-100 text-slate-800",
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-sky-100 text-sky-900",
  retrying: "bg-orange-100 text-orange-900",
  acknowledged: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  discarded: "bg-slate-100 text-slate-600",
};

export function ReplicationPanel({
  lines,
  onResend,
  resendError,
  headerAction,
}: {
  lines: UpdateLine[];
  /** Present for the seller: a rejected update can be sent again once its cause is resolved. */
  onResend?: (updateId: number) => void;
  resendError?: string | null;
  headerAction?: React.ReactNode;
}) {
  return (
    <section aria-labelledby="replication-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="replication-h" className="font-semibold">
          Sincronização com o marketplace
        </h2>
        {headerAction}
      </div>
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nenhuma atualização enviada por este pedido ainda.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {lines.map((line) => (
            <li key={line.id} className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 py-2">
              <span className="font-medium">{line.label}</span>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[line.state]}`}
                data-testid={`replication-${line.kind}`}
              >
                {line.stateLabel}
              </span>
              <p className="w-full text-xs text-slate-600" data-testid={`replication-${line.kind}-moments`}>
                {line.moments.map((m) => `${m.what} em ${formatDateTime(m.at)}`).join(" · ")}
                {line.retry && ` · tentativa ${line.retry.attempt}, a próxima em ${formatDateTime(line.retry.at)}`}
              </p>
              {line.reason && (
                <p className={`w-full text-xs ${line.state === "rejected" ? "text-red-700" : "text-slate-700"}`}>
                  {line.state === "rejected" || line.state === "discarded" ? "Motivo: " : "Última resposta: "}
                  {line.reason}
                </p>
              )}
              {line.resendable && onResend && (
                <button
                  type="button"
                  className="text-xs font-semibold text-brand-700 underline"
                  onClick={() => onResend(line.id)}
                >
                  Reenviar “{line.label}”
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {resendError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {resendError}
        </p>
      )}
    </section>
  );
}
