import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { invoices, orderItems, orders, outbox, shipments, timelineEntries } from "../schema";

/** The tables the order generator fills, in the order each batch writes them. */
const SEED_TABLES = { orders, items: orderItems, timeline: timelineEntries, outbox, invoices, shipments } as const;
export type SeedTable = keyof typeof SEED_TABLES;
export const SEED_TABLE_KEYS = Object.keys(SEED_TABLES) as SeedTable[];

export const NULL = 0;
export const NUMBER = 1;
export const STRING = 2;

/**
 * One table's rows as column values, row after row. A value is a number, or a position in the batch's strings,
 * or null, as its tag says: typed arrays move between threads without a copy, so only the text is cloned.
 */
export interface PackedRows {
  rows: number;
  tags: Uint8Array;
  numbers: Float64Array;
}

export interface EncodedBatch {
  orders: number;
  strings: string[];
  tables: Record<SeedTable, PackedRows>;
}

// Most text columns repeat a few values (statuses, channels, products, timeline wording): each such value crosses
// once per batch. A column that keeps showing new values (names, codes, keys) is no longer looked up, in this
// batch or the ones after it.
const REPEATED_VALUES_LIMIT = 256;
const variedColumns: boolean[] = [];

/** A batch's text values; packed rows hold their positions. */
export class StringTable {
  readonly list: string[] = [];
  private readonly seen: Map<string, number>[] = [];

  of(value: string, column: number): number {
    if (!variedColumns[column]) {
      let seen = this.seen[column];
      if (seen === undefined) {
        seen = new Map();
        this.seen[column] = seen;
      }
      const known = seen.get(value);
      if (known !== undefined) return known;
      if (seen.size >= REPEATED_VALUES_LIMIT) variedColumns[column] = true;
      else seen.set(value, this.list.length);
    }
    return this.list.push(value) - 1;
  }
}

export interface RowLayout {
  table: string;
  columns: string[];
  /** Which columns are bytes: they cross as their UTF-8 text and become bytes again in SQL (see bulk-insert.ts). */
  bytes: boolean[];
  /** Packs `row` at `at`; `orderId` stands for the order's own id, or a child row's `orderId`. */
  encode: (row: object, orderId: number, packed: PackedRows, at: number, strings: StringTable) => void;
}

let columnsSoFar = 0;

/**
 * The encoder is compiled per table: straight-line code reading each property by name runs several times faster
 * than a loop over column names, and the seed packs a hundred million values. Each column's driver mapping is
 * resolved here (dates to epoch ms, booleans to 0/1, JSON to text, defaults for omitted values), so rows are what
 * the ORM would write. Child tables leave `id` out and take SQLite's next rowid, which keeps them in key order.
 */
function layoutOf(table: SQLiteTable, key: SeedTable): RowLayout {
  const entries = Object.entries(getTableColumns(table)).filter(([name]) => key === "orders" || name !== "id");
  const idKey = key === "orders" ? "id" : "orderId";
  const firstColumn = columnsSoFar;
  columnsSoFar += entries.length;
  const statements = entries.map(([name, column], i) => {
    const at = `at + ${i}`;
    const fallback =
      typeof column.default === "number" || typeof column.default === "boolean"
        ? JSON.stringify(column.default)
        : "null";
    const read = name === idKey ? "orderId" : `row[${JSON.stringify(name)}] ?? ${fallback}`;
    const text = (value: string) =>
      `{ tags[${at}] = ${STRING}; numbers[${at}] = strings.of(${value}, ${firstColumn + i}); }`;
    const number = (value: string) => `{ tags[${at}] = ${NUMBER}; numbers[${at}] = ${value}; }`;
    const store =
      column.columnType === "SQLiteTimestamp"
        ? number("v.getTime()")
        : column.columnType === "SQLiteBoolean"
          ? number("v ? 1 : 0")
          : column.columnType === "SQLiteTextJson"
            ? text("JSON.stringify(v)")
            : column.columnType === "SQLiteBlobBuffer"
              ? text('v.toString("utf8")')
              : `if (typeof v === "number") ${number("v")}
               else if (typeof v === "string") ${text("v")}
               else throw new TypeError(${JSON.stringify(`Seed value for ${key}.${name} is neither text, number nor null`)});`;
    return `v = ${read};\nif (v === null) tags[${at}] = ${NULL};\nelse ${store}`;
  });
  const body = `const { tags, numbers } = packed;\nlet v;\n${statements.join("\n")}`;
  return {
    table: getTableName(table),
    columns: entries.map(([, c]) => c.name),
    bytes: entries.map(([, c]) => c.columnType === "SQLiteBlobBuffer"),
    encode: new Function("row", "orderId", "packed", "at", "strings", body) as RowLayout["encode"],
  };
}

export const SEED_LAYOUTS = Object.fromEntries(
  SEED_TABLE_KEYS.map((key) => [key, layoutOf(SEED_TABLES[key], key)]),
) as Record<SeedTable, RowLayout>;
