// When a marketplace is down, per connection (account + channel): sending its backlog one update at a time into a
// dead endpoint burns attempts and stretches back-off far past the outage. Instead the connection is taken for down
// after a few failures in a row, one probe asks now and then whether it answers, and the backlog goes out as soon as
// it does (issue 15).
import { CHANNEL_LABELS, type ChannelId } from "../channels/channels";
import { plural } from "../format";
import { SAO_PAULO_TZ, toSaoPauloYmd } from "../time";

/**
 * Why a call to the marketplace ended without a final answer. `no_answer` (network error, timeout) and
 * `server_error` (5xx) say the marketplace may be down; `rate_limited` (429) and `refused` (credentials, another
 * 4xx) are answers from a marketplace that is up.
 */
export type FailureCause = "no_answer" | "server_error" | "rate_limited" | "refused";

export const OUTAGE = {
  /**
   * Failures without any answer in a row that make a connection unreachable. A marketplace failing a third of its
   * calls at random (the crash test's) makes 5 in a row every few hundred calls, and would pause for a probe each
   * time; 10 in a row is a rare chance there, and seconds into a real outage.
   */
  failuresInARow: 10,
  /** While unreachable, one probe this often: the longest a recovery waits to be noticed. */
  probeEveryMs: 10_000,
  /**
   * Calls of one pass in flight at once per connection: when an outage begins mid-pass, the rest of the pass sees it
   * and is not sent, so few updates are left in doubt (each is read back before it is sent again). SkyHub's 9 writes
   * a second are below it anyway.
   */
  callsInFlight: 10,
} as const;

export function failureCauseOfStatus(status: number): FailureCause {
  if (status === 429) return "rate_limited";
  if (status === 408 || status >= 500) return "server_error";
  return "refused";
}

/** Whether a failure says the marketplace did not answer at all (only these count towards an outage). */
export function isOutageFailure(cause: FailureCause): boolean {
  return cause === "no_answer" || cause === "server_error";
}

export interface OutageState {
  consecutiveFailures: number;
  unreachableSince: Date | null;
  nextProbeAt: Date | null;
}

/** What one pass's calls to a connection showed: any answer at all, and how many got none. */
export interface CallTally {
  answered: number;
  unanswered: number;
}

export type OutageChange = "went_down" | "recovered" | null;

/**
 * A connection's bookkeeping after some calls: any answer proves the marketplace is up (and ends an outage); calls
 * that got none add up until the threshold marks it unreachable, with its first probe one interval later.
 */
export function afterCalls(
  state: OutageState,
  calls: CallTally,
  now: Date,
): { state: OutageState; change: OutageChange } {
  if (calls.answered > 0) {
    const cleared = { consecutiveFailures: 0, unreachableSince: null, nextProbeAt: null };
    return { state: cleared, change: state.unreachableSince ? "recovered" : null };
  }
  if (calls.unanswered === 0) return { state, change: null };
  const consecutiveFailures = state.consecutiveFailures + calls.unanswered;
  if (state.unreachableSince || consecutiveFailures < OUTAGE.failuresInARow) {
    return { state: { ...state, consecutiveFailures }, change: null };
  }
  return {
    state: { consecutiveFailures, unreachableSince: now, nextProbeAt: new Date(now.getTime() + OUTAGE.probeEveryMs) },
    change: "went_down",
  };
}

const clock = new Intl.DateTimeFormat("pt-BR", { timeZone: SAO_PAULO_TZ, hour: "2-digit", minute: "2-digit" });
const dayAndClock = new Intl.DateTimeFormat("pt-BR", {
  timeZone: SAO_PAULO_TZ,
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** "Americanas fora do ar desde 14:05 — 358 atualizações aguardando; …", the day shown when it is not today. */
export function outageNotice(channel: ChannelId, since: Date, waiting: number, now: Date): string {
  const when = toSaoPauloYmd(since) === toSaoPauloYmd(now) ? clock.format(since) : dayAndClock.format(since);
  const updates = `${plural(waiting, "atualização", "atualizações")} aguardando`;
  return `${CHANNEL_LABELS[channel]} fora do ar desde ${when} — ${updates}; o Fluxo envia tudo sozinho assim que o marketplace voltar.`;
}
