import { formatDateTime } from "@/server/domain/format";
import {
  REPLICATION_STATE_LABELS,
  type ReplicationState,
  UPDATE_KIND_LABELS,
} from "@/server/domain/replication/labels";

interface Row {
  id: number;
  kind: string;
  state: ReplicationState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

const TONES: Record<ReplicationState, string> = {
  held: "bg-slate-100 text-slate-800",
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-sky-100 text-sky-900",
  retrying: "bg-orange-100 text-orange-900",
  acknowledged: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  discarded: "bg-slate-100 text-slate-600",
};

export function ReplicationPanel({
  rows,
  heldNotice,
  onResend,
  resendError,
  headerAction,
}: {
  rows: Row[];
  heldNotice: string | null;
  /** Present for the seller: a rejected update can be sent again once its cause is fixed. */
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
      {heldNotice && (
        <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="held-notice">
          {heldNotice}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nenhuma atualização enviada por este pedido ainda.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="font-medium">{UPDATE_KIND_LABELS[r.kind] ?? r.kind}</span>
              <span className="flex items-center gap-2">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[r.state]}`}
                  data-testid={`replication-${r.kind}`}
                >
                  {REPLICATION_STATE_LABELS[r.state]}
                </span>
                {r.state === "retrying" && r.nextAttemptAt && (
                  <span className="text-xs text-slate-600">
                    tentativa {r.attempts}, próxima em {formatDateTime(r.nextAttemptAt)}
                  </span>
                )}
              </span>
              {r.lastError && <p className="w-full text-xs text-red-700">Resposta do marketplace: {r.lastError}</p>}
              {r.state === "rejected" && onResend && (
                <p className="w-full text-xs text-slate-700">
                  Corrija a causa (por exemplo, no painel do marketplace) e{" "}
                  <button
                    type="button"
                    className="font-semibold text-brand-700 underline"
                    onClick={() => onResend(r.id)}
                  >
                    reenvie esta atualização
                  </button>
                  .
                </p>
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
