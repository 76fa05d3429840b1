// Where intake stands in searchOrders: the window's start (lastUpdatedAfter) and, mid-window, the page token and
// the window's end Amazon chose (its lastUpdatedBefore, at least two minutes in the past).
export interface SearchCursor {
  after: string;
  token: string | null;
  before: string | null;
}

/** A first load reads the orders changed in the last 30 days: older ones need nothing from the seller. */
const FIRST_LOAD_MS = 30 * 24 * 3600_000;

export function parseCursor(cursor: string | null, now = Date.now()): SearchCursor {
  const first = { after: new Date(now - FIRST_LOAD_MS).toISOString(), token: null, before: null };
  if (!cursor) return first;
  try {
    const value = JSON.parse(cursor) as Partial<SearchCursor>;
    if (typeof value.after !== "string" || Number.isNaN(Date.parse(value.after))) return first;
    return {
      after: value.after,
      token: typeof value.token === "string" ? value.token : null,
      before: typeof value.before === "string" ? value.before : null,
    };
  } catch {
    return first;
  }
}

/** After a page: the next page of the same window, or the next window from where Amazon ended this one. */
export function nextCursor(
  current: SearchCursor,
  page: { nextToken: string | null; lastUpdatedBefore: string | null },
) {
  const before = page.lastUpdatedBefore ?? current.before;
  const next: SearchCursor = page.nextToken
    ? { after: current.after, token: page.nextToken, before }
    : { after: before ?? current.after, token: null, before: null };
  return JSON.stringify(next);
}
