// An update the marketplace took for processing and confirms only later (Magalu's SEFAZ validation, Mercado Livre's
// label release): the worker keeps it open and reads the order back, so it is "retrying" in the outbox. What the
// seller reads must say it arrived and waits for the marketplace, not that a send failed and is tried again.

const PREFIX = "Recebida por ";

/** The note the worker keeps on such an update; `awaitsConfirmation` recognises it. */
export function awaitingConfirmationNote(channel: string): string {
  return `${PREFIX}${channel}; aguardando a confirmação do marketplace.`;
}

export function awaitsConfirmation(update: { state: string; lastError: string | null }): boolean {
  return update.state === "retrying" && (update.lastError?.startsWith(PREFIX) ?? false);
}

export const AWAITING_CONFIRMATION_LABEL = "Recebida — aguardando a confirmação do marketplace";
