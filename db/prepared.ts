import { type Column, getTableColumns, type SQL, sql, type Table } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Statements prepared once per connection and kept. Building a query with Drizzle and preparing it in SQLite
 * cost several times what running it does; the board's reads and the worker's per-order writes run the same
 * few statements thousands of times, with only the bound values changing (`sql.placeholder`).
 */
const MAX_STATEMENTS = 500;
const cache = new WeakMap<Db, Map<string, unknown>>();

export function preparedOnce<Statement>(db: Db, key: string, prepare: () => Statement): Statement {
  let forDb = cache.get(db);
  if (!forDb) {
    forDb = new Map();
    cache.set(db, forDb);
  }
  let statement = forDb.get(key) as Statement | undefined;
  if (statement === undefined) {
    // Board filter combinations are finite but many; the common few come back, a rare one is prepared again.
    if (forDb.size >= MAX_STATEMENTS) forDb.clear();
    statement = prepare();
    forDb.set(key, statement);
  }
  return statement;
}

/**
 * One raw placeholder per key, for the values of a prepared insert or update. Raw, because Drizzle's typed
 * placeholders encode through the column and fail on null; `driverValues` encodes the row instead.
 */
export function placeholders<K extends string>(keys: readonly K[]): Record<K, SQL> {
  return Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(key)}`])) as Record<K, SQL>;
}

const columnsOf = new WeakMap<Table, Record<string, Column>>();

/** A row's values as the table's columns store them (dates as epoch ms, JSON as text, booleans as 0/1). */
export function driverValues(table: Table, row: Record<string, unknown>): Record<string, unknown> {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = getTableColumns(table);
    columnsOf.set(table, columns);
  }
  const values: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    const column = columns[key];
    values[key] = value === null || value === undefined ? null : column ? column.mapToDriverValue(value) : value;
  }
  return values;
}

/** The keys of a row type, listed once and checked to be all of them (a new column must be added here too). */
export function fieldsOf<Row>(fields: { [K in keyof Row]-?: true }): (keyof Row & string)[] {
  return Object.keys(fields) as (keyof Row & string)[];
}
