/** The deadlines an open order can be under (SPEC §3), and how the order page and the board name them. */
export const DEADLINE_KINDS = ["invoice", "ship", "accept"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  invoice: "Faturar até",
  ship: "Despachar até",
  accept: "Aceitar até",
};

/** The board's deadline filters: open orders past their deadline, or due by the end of today. */
export const DEADLINE_FILTERS = ["late", "today"] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];
