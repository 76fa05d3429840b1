"use client";

import Link from "next/link";
import { invoiceNeedsXml } from "@/server/domain/channels/rules";
import { canInvoice, canShip, nextStepHint } from "@/server/domain/orders/transitions";
import { type BoardRow, rowFacts } from "./board-row";

export type RowAction = "invoice" | "ship";

/** The inline step a seller can take on a row, by the same transition table the order page and the server use. */
export function rowAction(row: BoardRow): RowAction | "invoiceOnPage" | null {
  const facts = rowFacts(row);
  if (canInvoice(facts)) return invoiceNeedsXml(row.channel) ? "invoiceOnPage" : "invoice";
  if (canShip(facts)) return "ship";
  return null;
}

const BUTTON_LABELS: Record<RowAction, string> = { invoice: "Faturar", ship: "Informar envio" };

/**
 * A row's next step: a button that opens the step's form over the board, a link to the order page where the
 * step needs it (Mercado Livre takes only the NF-e XML), or, for who cannot act, what the order waits for.
 */
export function RowNextStep({
  row,
  canAct,
  onAct,
  wide = false,
}: {
  row: BoardRow;
  canAct: boolean;
  onAct: (row: BoardRow, action: RowAction) => void;
  wide?: boolean;
}) {
  const action = canAct ? rowAction(row) : null;
  const size = wide ? "w-full py-2" : "py-1";
  if (action === "invoice" || action === "ship") {
    return (
      <button
        type="button"
        onClick={() => onAct(row, action)}
        aria-label={`${BUTTON_LABELS[action]}: pedido ${row.marketplaceCode}`}
        className={`${size} rounded-md bg-brand-600 px-3 text-sm font-medium whitespace-nowrap text-white hover:bg-brand-700`}
      >
        {BUTTON_LABELS[action]}
      </button>
    );
  }
  if (action === "invoiceOnPage") {
    return (
      <Link
        href={`/pedidos/${row.id}`}
        aria-label={`Faturar com o XML: pedido ${row.marketplaceCode}`}
        className={`${size} inline-block rounded-md border border-brand-600 px-3 text-center text-sm font-medium whitespace-nowrap text-brand-700 hover:bg-brand-50`}
      >
        Faturar com o XML
      </Link>
    );
  }
  const hint = nextStepHint(rowFacts(row));
  return hint ? <span className="text-xs text-slate-600">{hint}</span> : null;
}
