/**
 * Only real disagreements with the marketplace (SPEC §5): a late order is a deadline, and a held invoice the
 * channel's rule, never a divergence (migration 0014 removed the old kinds).
 */
export const DIVERGENCE_KINDS = ["manual_change", "not_acknowledged", "data_mismatch"] as const;

export type DivergenceKind = (typeof DIVERGENCE_KINDS)[number];

/** A divergence as detection finds it and the divergences table keeps it open. */
export interface Finding {
  kind: DivergenceKind;
  likelyCause: string;
}

export const DIVERGENCE_KIND_LABELS: Record<DivergenceKind, string> = {
  manual_change: "Alteração manual no marketplace",
  not_acknowledged: "Atualização não confirmada",
  data_mismatch: "Dados diferentes",
};
