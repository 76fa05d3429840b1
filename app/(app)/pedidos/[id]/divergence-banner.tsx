import Link from "next/link";
import type { DivergenceKind } from "@/server/domain/divergences/kinds";
import { formatDateTime } from "@/server/domain/format";

interface OpenDivergence {
  id: number;
  kind: DivergenceKind;
  likelyCause: string;
  openedAt: Date;
}

// What happened, in the seller's words; the cause that follows gives the specifics.
const HEADLINES: Record<DivergenceKind, string> = {
  manual_change: "O pedido está diferente no marketplace.",
  data_mismatch: "Os dados do pedido estão diferentes no marketplace.",
  not_acknowledged: "O marketplace não confirmou uma atualização do pedido.",
};

/**
 * SPEC §5: a divergence is explained where the seller looks, with what to do (and what not to do) about it.
 * A late order is not one: its deadline is said with the next step, not here.
 */
export function DivergenceBanner(props: { divergences: OpenDivergence[]; isStaff: boolean; accountId: number }) {
  if (props.divergences.length === 0) return null;
  return (
    <section
      aria-labelledby="divergence-h"
      data-testid="divergence-banner"
      className="space-y-2 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <h2 id="divergence-h" className="font-semibold">
        {props.divergences.length === 1
          ? "Divergência com o marketplace"
          : `${props.divergences.length} divergências com o marketplace`}
      </h2>
      <ul className="space-y-1">
        {props.divergences.map((d) => (
          <li key={d.id}>
            <strong>{HEADLINES[d.kind]}</strong> {d.likelyCause.replace(/[.!?]\s*$/, "")}.{" "}
            <span className="text-xs opacity-80">Desde {formatDateTime(d.openedAt)}.</span>
          </li>
        ))}
      </ul>
      {props.isStaff ? (
        <p>
          Compare os dois lados e escolha uma ação na{" "}
          <Link href={`/suporte/divergencias?conta=${props.accountId}`} className="font-semibold underline">
            fila de divergências
          </Link>
          .
        </p>
      ) : (
        <p>
          Não altere o pedido no painel do marketplace: o suporte do Fluxo foi avisado e vai resolver. Se foi você quem
          alterou o pedido lá, fale com o suporte e conte o que foi feito.
        </p>
      )}
    </section>
  );
}
