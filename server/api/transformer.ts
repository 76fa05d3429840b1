import superjson from "superjson";

type SuperJSONResult = ReturnType<typeof superjson.serialize>;

/** Thrown by the check when a value needs more than JSON and dates: superjson takes over. */
const NOT_PLAIN = Symbol("not plain");

function escapeKey(key: string | number): string {
  if (typeof key === "number") return String(key);
  return key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that a response is JSON plus dates and notes where the dates are. `path` holds the keys down to the
 * current value and is joined only at a date. Nothing is copied: JSON.stringify, which tRPC runs next, writes
 * a date as its ISO string, exactly the text superjson sends.
 */
function findDates(value: unknown, path: (string | number)[], dates: Record<string, ["Date"]>, seen: Set<object>) {
  if (typeof value !== "object") {
    if (typeof value === "string" || typeof value === "boolean") return;
    // NaN, ±Infinity and -0 need superjson's annotations; so do undefined, bigint, symbol and functions.
    if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return;
    throw NOT_PLAIN;
  }
  if (value === null) return;
  // superjson records shared references; a repeated object is rare enough to leave to it.
  if (seen.has(value)) throw NOT_PLAIN;
  seen.add(value);
  if (value instanceof Date) {
    // superjson annotates a date at the root differently from one inside a value.
    if (Number.isNaN(value.getTime()) || path.length === 0) throw NOT_PLAIN;
    dates[path.map(escapeKey).join(".")] = ["Date"];
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw NOT_PLAIN;
      path.push(i);
      findDates(value[i], path, dates, seen);
      path.pop();
    }
    return;
  }
  if (!isPlainObject(value)) throw NOT_PLAIN;
  // A plain object's prototype has no enumerable keys, so for…in sees its own keys, without Object.keys' array.
  for (const key in value) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") throw NOT_PLAIN;
    const child = (value as Record<string, unknown>)[key];
    // Most values of a page are strings, nulls and whole numbers: settled here, without a call or a path step.
    if (typeof child === "string" || child === null || (Number.isSafeInteger(child) && !Object.is(child, -0))) continue;
    path.push(key);
    findDates(child, path, dates, seen);
    path.pop();
  }
}

/**
 * superjson's wire format for responses, produced without its general-purpose walker, which copies the value
 * and the path at every level: on a 50-row board page it took longer than the database query. JSON values
 * and dates are handled here; anything else goes to superjson itself, so the client (which decodes with
 * superjson) reads exactly what superjson would have sent. The result is only for JSON.stringify: its dates
 * are still Date objects.
 */
export function serializeResponse(value: unknown): SuperJSONResult {
  const dates: Record<string, ["Date"]> = {};
  try {
    findDates(value, [], dates, new Set());
  } catch (error) {
    if (error === NOT_PLAIN) return superjson.serialize(value);
    throw error;
  }
  const result = { json: value as SuperJSONResult["json"] };
  return Object.keys(dates).length > 0 ? { ...result, meta: { values: dates, v: 1 } } : result;
}

/** Requests are small and come from the client's superjson; responses take the fast path above. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeResponse, deserialize: superjson.deserialize },
};
