import { formatDateTime } from "@/server/domain/format";
import { type OrderStatus, STATUS_LABELS } from "@/server/domain/orders/status";
import { translateCodes } from "@/server/domain/replication/reason-labels";

interface Entry {
  id: number;
  at: Date;
  actorType: "user" | "channel" | "system";
  actorName: string;
  summary: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
}

const ACTOR_PREFIX: Record<Entry["actorType"], string> = { user: "", channel: "Marketplace: ", system: "Fluxo: " };

export function Timeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="mt-2 text-sm text-slate-600">Nenhum evento registrado.</p>;
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
      {entries.map((e) => (
        <li key={e.id} className="text-sm">
          <div className="text-xs text-slate-600">
            {formatDateTime(e.at)} · {ACTOR_PREFIX[e.actorType]}
            {e.actorName}
          </div>
          {/* Answers the worker recorded quote the marketplace, codes and all. */}
          <div>{translateCodes(e.summary)}</div>
          {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
            <div className="text-xs text-slate-600">
              {STATUS_LABELS[e.fromStatus]} → {STATUS_LABELS[e.toStatus]}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
