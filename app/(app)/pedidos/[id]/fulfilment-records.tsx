import { formatDate, formatDateTime } from "@/server/domain/format";
import { formatAccessKeyGroups } from "@/server/domain/invoice/access-key";
import { CARRIERS } from "@/server/domain/shipping/tracking";

interface Invoice {
  id: number;
  accessKey: string;
  source: "key" | "xml";
  xmlFileName: string | null;
  series: string;
  number: string;
  createdAt: Date;
}

interface Shipment {
  id: number;
  carrier: string;
  trackingCode: string;
  method: string;
  trackingUrl: string | null;
  handedAt: Date;
}

export function FulfilmentRecords({ invoices, shipments }: { invoices: Invoice[]; shipments: Shipment[] }) {
  if (invoices.length === 0 && shipments.length === 0) return null;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      {invoices.length > 0 && (
        <section aria-labelledby="invoices-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="invoices-h" className="font-semibold">
            Nota fiscal
          </h2>
          {invoices.map((inv) => (
            <div key={inv.id} className="mt-2 space-y-1 text-sm">
              <p className="font-mono text-xs break-all" data-testid="invoice-key">
                {formatAccessKeyGroups(inv.accessKey)}
              </p>
              <p className="text-slate-600">
                Série {inv.series} · número {inv.number} · informada em {formatDateTime(inv.createdAt)}{" "}
                {inv.source === "xml" ? "pelo XML" : "pela chave"}
              </p>
              {inv.source === "xml" && (
                <a href={`/api/invoices/${inv.id}/xml`} className="break-all text-brand-700 underline" download>
                  Baixar XML ({inv.xmlFileName})
                </a>
              )}
            </div>
          ))}
        </section>
      )}
      {shipments.length > 0 && (
        <section aria-labelledby="shipments-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="shipments-h" className="font-semibold">
            Envio
          </h2>
          {shipments.map((s) => (
            <div key={s.id} className="mt-2 text-sm">
              <p>
                {CARRIERS.find((c) => c.id === s.carrier)?.label ?? s.carrier} · {s.method} ·{" "}
                <span className="font-mono">{s.trackingCode}</span>
              </p>
              <p className="text-slate-600">Entregue à transportadora em {formatDate(s.handedAt)}</p>
              {s.trackingUrl && (
                <a href={s.trackingUrl} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
                  Acompanhar entrega
                </a>
              )}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
