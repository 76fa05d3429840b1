import Link from "next/link";
import { CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import {
  averageMs,
  formatDuration,
  formatShare,
  lateNow,
  lateShare,
  type StageTally,
} from "@/server/domain/dashboard/figures";
import type { salesBoardLinks } from "@/server/domain/dashboard/links";
import { plural } from "@/server/domain/format";

interface Stages {
  invoice: StageTally;
  ship: StageTally;
  acceptOpenLate: number;
}

/** Late share and average time of the invoice and the shipment, for all channels and for each. */
export function StageFigures(props: {
  channels: ({ channel: ChannelId } & Stages)[];
  total: Stages;
  links: ReturnType<typeof salesBoardLinks>;
}) {
  return (
    <section aria-labelledby="stages-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="stages-h" className="text-lg font-semibold">
          Prazos e tempos
        </h2>
        <p className="text-sm text-slate-600">
          Atraso é a parte dos pedidos do período que passou do prazo do canal: entregues à etapa depois dele ou ainda
          esperando com ele vencido. O envio conta só os pedidos que o vendedor despacha; os tempos contam da aprovação
          do pagamento.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <StageCard title="Todos os canais" stages={props.total} lateHref={props.links.lateNow(null)} />
        {props.channels.map((c) => (
          <StageCard
            key={c.channel}
            title={CHANNEL_LABELS[c.channel]}
            stages={c}
            lateHref={props.links.lateNow(c.channel)}
          />
        ))}
      </div>
    </section>
  );
}

function StageCard({ title, stages, lateHref }: { title: string; stages: Stages; lateHref: string }) {
  const late = lateNow(stages);
  return (
    <article aria-label={title} className="rounded-lg border border-slate-200 p-3 text-sm">
      <h3 className="font-semibold">{title}</h3>
      <dl className="mt-2 space-y-2">
        <Figure label="Atraso no faturamento" value={formatShare(lateShare(stages.invoice))}>
          {lateDetail(stages.invoice, "sem nota")}
        </Figure>
        <Figure label="Atraso no envio" value={formatShare(lateShare(stages.ship))}>
          {lateDetail(stages.ship, "sem envio")}
        </Figure>
        <Figure label="Da aprovação à nota" value={formatDuration(averageMs(stages.invoice))}>
          média de {plural(stages.invoice.timed, "pedido faturado", "pedidos faturados")}
        </Figure>
        <Figure label="Da aprovação ao envio" value={formatDuration(averageMs(stages.ship))}>
          média de {plural(stages.ship.timed, "pedido enviado", "pedidos enviados")}
        </Figure>
      </dl>
      {late > 0 ? (
        <Link href={lateHref} className="mt-3 inline-block font-medium text-red-700 underline">
          Ver {plural(late, "pedido atrasado agora", "pedidos atrasados agora")}
        </Link>
      ) : (
        <p className="mt-3 text-slate-600">Nenhum pedido atrasado agora.</p>
      )}
    </article>
  );
}

function lateDetail(stage: StageTally, waiting: string): string {
  if (!stage.orders) return "nenhum pedido chegou a esta etapa";
  return `${plural(stage.doneLate, "concluído", "concluídos")} depois do prazo e ${stage.openLate} ainda ${waiting}, de ${plural(stage.orders, "pedido", "pedidos")}`;
}

function Figure(props: { label: string; value: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{props.label}</dt>
      <dd>
        <span className="text-lg font-semibold tabular-nums">{props.value}</span>{" "}
        <span className="text-xs text-slate-600">{props.children}</span>
      </dd>
    </div>
  );
}
