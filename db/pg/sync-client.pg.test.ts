// Runs only on PostgreSQL (`npm run test:postgres`): the client every query goes through there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/tests/integration/test-database";
import type { PgSyncClient } from "./sync-client";

let client: PgSyncClient;
let drop: () => void;

beforeAll(() => {
  const test = openTestDatabase();
  client = test.db.$client as unknown as PgSyncClient;
  drop = test.drop;
  client.exec("CREATE TABLE t (id bigint PRIMARY KEY, name text, bytes bytea)");
});

afterAll(() => drop());

const count = () => client.prepare("SELECT count(*) FROM t").pluck().get();

describe("the synchronous PostgreSQL client", () => {
  it("answers as better-sqlite3 does: rows as objects, arrays or one column; changes of a write", () => {
    expect(client.prepare("INSERT INTO t (id, name) VALUES (?, ?), (?, ?)").run(1, "a?", 2, "b")).toEqual({
      changes: 2,
      lastInsertRowid: 0,
    });
    expect(client.prepare("SELECT id, name FROM t WHERE id = ?").get(1)).toEqual({ id: 1, name: "a?" });
    expect(client.prepare("SELECT id, name FROM t ORDER BY id").raw().all()).toEqual([
      [1, "a?"],
      [2, "b"],
    ]);
    expect(client.prepare("SELECT name FROM t WHERE name = '?' OR id = ?").pluck().all(2)).toEqual(["b"]);
    expect(client.prepare("SELECT id FROM t WHERE id = ?").get(99)).toBeUndefined();
  });

  it("gives bytes back as the Buffer it took, and counts as numbers", () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    client.prepare("INSERT INTO t (id, bytes) VALUES (?, ?)").run(3, bytes);
    expect(client.prepare("SELECT bytes FROM t WHERE id = ?").pluck().get(3)).toEqual(bytes);
    expect(count()).toBe(3);
  });

  it("commits a transaction that returns, rolls back one that throws, and nests as savepoints", () => {
    const insert = client.prepare("INSERT INTO t (id) VALUES (?)");
    client.transaction(() => insert.run(10))();
    expect(() =>
      client.transaction(() => {
        insert.run(11);
        throw new Error("no");
      })(),
    ).toThrow("no");
    client
      .transaction(() => {
        insert.run(12);
        expect(() =>
          client.transaction(() => {
            insert.run(13);
            throw new Error("inner");
          })(),
        ).toThrow("inner");
      })
      .immediate();
    expect(client.prepare("SELECT id FROM t WHERE id >= 10 ORDER BY id").pluck().all()).toEqual([10, 12]);
  });

  it("refuses an async transaction function, as better-sqlite3 does, and writes nothing of it", () => {
    expect(() => client.transaction(async () => client.prepare("INSERT INTO t (id) VALUES (20)").run())()).toThrow(
      "cannot return a promise",
    );
    expect(client.prepare("SELECT count(*) FROM t WHERE id = 20").pluck().get()).toBe(0);
  });

  it("carries PostgreSQL's error code and constraint, and keeps serving after an error", () => {
    let error: unknown;
    try {
      client.prepare("INSERT INTO t (id) VALUES (?)").run(1);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect(count()).toBe(5);
  });
});
