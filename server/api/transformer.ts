import superjson from "superjson";

type SuperJSONResult = ReturnType<typeof superjson.serialize>;

/** Thrown inside the walk when a value needs more than JSON and dates: superjson takes over. */
const NOT_PLAIN = Symbol("not plain");

function escapeKey(key: string): string {
  return key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks a response, copying it as JSON and noting where dates were. `path` holds the escaped keys down to the
 * current value and is joined only when a date is found: building every key's path string up front cost as
 * much as the board's database query.
 */
function walk(value: unknown, path: string[], dates: Record<string, ["Date"]>, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // NaN, ±Infinity and -0 need superjson's annotations.
      if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_PLAIN;
      return value;
    case "object": {
      if (value === null) return null;
      // superjson records shared references; a repeated object is rare enough to leave to it.
      if (seen.has(value)) throw NOT_PLAIN;
      seen.add(value);
      if (value instanceof Date) {
        // superjson annotates a date at the root differently from one inside a value.
        if (Number.isNaN(value.getTime()) || path.length === 0) throw NOT_PLAIN;
        dates[path.join(".")] = ["Date"];
        return value.toISOString();
      }
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw NOT_PLAIN;
          path.push(String(i));
          out[i] = walk(value[i], path, dates, seen);
          path.pop();
        }
        return out;
      }
      if (!isPlainObject(value)) throw NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key === "__proto__" || key === "constructor" || key === "prototype") throw NOT_PLAIN;
        path.push(escapeKey(key));
        out[key] = walk((value as Record<string, unknown>)[key], path, dates, seen);
        path.pop();
      }
      return out;
    }
    default:
      // undefined, bigint, symbol, function.
      throw NOT_PLAIN;
  }
}

/**
 * superjson's wire format for responses, produced without its general-purpose walker: that walker copies
 * the path at every level and took longer than the whole database query on a 50-row board page. Plain
 * JSON values and dates are written here; anything else goes to superjson itself, so the client (which
 * decodes with superjson) sees exactly what superjson would have sent.
 */
export function serializeResponse(value: unknown): SuperJSONResult {
  const dates: Record<string, ["Date"]> = {};
  let json: unknown;
  try {
    json = walk(value, [], dates, new Set());
  } catch (error) {
    if (error === NOT_PLAIN) return superjson.serialize(value);
    throw error;
  }
  const result = { json: json as SuperJSONResult["json"] };
  return Object.keys(dates).length > 0 ? { ...result, meta: { values: dates, v: 1 } } : result;
}

/** Requests are small and come from the client's superjson; responses take the fast path above. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeResponse, deserialize: superjson.deserialize },
};
