// Recovery polling walks /orders/search in windows of "changed since `from`" (inclusive): offsets advance inside a
// window, and only once it is read to the end does `from` move up to the newest change seen. The ids already read
// at that instant ride along as `skip`, so the next window does not deliver them again.
export interface SearchCursor {
  from: string | null;
  offset: number;
  /** Ids delivered at exactly `from` by the previous window. */
  skip: string[];
  /** Newest date_last_updated read in this window, and the ids read at exactly that instant. */
  max: string | null;
  idsAtMax: string[];
}

const EMPTY: SearchCursor = { from: null, offset: 0, skip: [], max: null, idsAtMax: [] };

const ids = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
const instant = (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : null);

export function parseCursor(raw: string | null): SearchCursor {
  if (!raw) return EMPTY;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const offset = Number(value.offset);
    return {
      from: instant(value.from),
      offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
      skip: ids(value.skip),
      max: instant(value.max),
      idsAtMax: ids(value.idsAtMax),
    };
  } catch {
    // Another protocol's cursor (the sandbox's seq) from before the channel switched adapters: start over.
    return EMPTY;
  }
}

export function withSeen(cursor: SearchCursor, orders: { id: string; lastUpdated: string }[]): SearchCursor {
  let { max, idsAtMax } = cursor;
  for (const order of orders) {
    const at = Date.parse(order.lastUpdated);
    const current = max === null ? Number.NEGATIVE_INFINITY : Date.parse(max);
    if (at > current) {
      max = order.lastUpdated;
      idsAtMax = [order.id];
    } else if (at === current && !idsAtMax.includes(order.id)) {
      idsAtMax = [...idsAtMax, order.id];
    }
  }
  return { ...cursor, max, idsAtMax };
}

/** The window is read to its end: the next one starts at the newest change seen. */
export function nextWindow(cursor: SearchCursor): SearchCursor {
  if (cursor.max === null) return { ...cursor, offset: 0 };
  const sameInstant = cursor.from !== null && Date.parse(cursor.from) === Date.parse(cursor.max);
  const skip = sameInstant ? [...new Set([...cursor.skip, ...cursor.idsAtMax])] : cursor.idsAtMax;
  return { from: cursor.max, offset: 0, skip, max: null, idsAtMax: [] };
}
