/**
 * The states of an update to a marketplace (SPEC §5), and the sets of them the hub asks about. `held`: waits for
 * the seller's shipment (an invoice the channel takes only with it). `sent`: leased to a worker, answer awaited.
 * `discarded`: never to be sent, because a later decision made it moot (a cancellation, support accepting the
 * marketplace's state, an order handled manually). Acknowledged, rejected and discarded are final.
 */
export const OUTBOX_STATES = ["held", "pending", "sent", "retrying", "acknowledged", "rejected", "discarded"] as const;

export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * What the hub owes the marketplace now: queued, in flight or due again. Held is not among them: it waits for the
 * seller, not for the hub or the marketplace, so it is neither backlog nor stuck nor sent when a connection returns.
 */
export const ON_ITS_WAY = ["pending", "sent", "retrying"] as const satisfies readonly OutboxState[];
export type OnItsWay = (typeof ON_ITS_WAY)[number];

/** No final answer yet, held included: an order's later update waits behind any of these, and the marketplace may still be behind. */
export const UNSETTLED = ["held", "pending", "sent", "retrying"] as const satisfies readonly OutboxState[];

/** The marketplace's answer (or the hub's decision) is final: nothing of these is ever sent again. */
export const SETTLED = ["acknowledged", "rejected", "discarded"] as const satisfies readonly OutboxState[];

/**
 * Not gone out: a decision that makes them moot can still discard them. A `sent` update is on the wire, and its
 * answer must be recorded, so it is not among them.
 */
export const NOT_GONE_OUT = ["held", "pending", "retrying"] as const satisfies readonly OutboxState[];

/** Waiting in the queue for their time to come (back-off included): what a returning connection makes due at once. */
export const QUEUED = ["pending", "retrying"] as const satisfies readonly OutboxState[];

/**
 * What the dashboard's replication figures count: everything without a final answer, and refusals, which are final
 * but stay in view because the seller has to act on them.
 */
export const NEEDS_ATTENTION = [...UNSETTLED, "rejected"] as const satisfies readonly OutboxState[];

/** The board's replication filter: NEEDS_ATTENTION but `sent`, whose lease lasts seconds, too short to list by. */
export const BOARD_REPLICATION_FILTERS = [
  "held",
  "pending",
  "retrying",
  "rejected",
] as const satisfies readonly OutboxState[];

export type BoardReplicationFilter = (typeof BOARD_REPLICATION_FILTERS)[number];

/** A state's membership of one of the sets above, narrowed for TypeScript. */
export function isOneOf<S extends OutboxState>(set: readonly S[], state: OutboxState): state is S {
  return (set as readonly OutboxState[]).includes(state);
}
