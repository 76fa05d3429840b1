// Weight tables are module constants drawn from millions of times by the seed: split and summed once each.
const weightTables = new WeakMap<object, { keys: string[]; values: number[]; total: number }>();
function weightTable(weights: Readonly<Record<string, number>>) {
  let table = weightTables.get(weights);
  if (!table) {
    const keys = Object.keys(weights);
    const values = Object.values(weights);
    table = { keys, values, total: values.reduce((sum, w) => sum + w, 0) };
    weightTables.set(weights, table);
  }
  return table;
}

const DIGITS = "0123456789";

/**
 * mulberry32: a tiny seeded PRNG so demo data is the same on every machine. Its whole state is one integer, so
 * `createRandom(r.state())` carries a stream on exactly where `r` left off (e.g. in a worker thread).
 */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const digits = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += DIGITS[Math.floor(next() * 10)];
    return s;
  };
  function weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const { keys, values, total } = weightTable(weights);
    let r = next() * total;
    for (let i = 0; i < keys.length; i++) {
      r -= values[i] as number;
      if (r < 0) return keys[i] as T;
    }
    return keys[keys.length - 1] as T;
  }
  return { next, int, pick, digits, weighted, state: () => a };
}

export type Random = ReturnType<typeof createRandom>;
