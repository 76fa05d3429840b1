// Marketplaces' JSON is read field by field, forgiving of a missing object or a number where text was documented:
// a field that cannot be read becomes null (or NaN for money) and the mapping decides what that means.

export type Json = Record<string, unknown>;

export const object = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});

export const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(object) : []);

export const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : null;

/** Reais as the marketplace writes them (a number or its text), in cents. */
export const cents = (value: unknown): number => {
  const n = typeof value === "number" ? value : Number(text(value) ?? Number.NaN);
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
};

/** A date-time as the marketplace wrote it, if it reads as one. */
export const instant = (value: unknown): string | null => {
  const raw = text(value);
  return raw && !Number.isNaN(Date.parse(raw)) ? raw : null;
};
