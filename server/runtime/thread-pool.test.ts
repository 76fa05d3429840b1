import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { PAST_DEADLINE, threadPool } from "./thread-pool";

type Request = { do: "echo" | "spin" | "throw" | "exit"; value?: number };
type Result = { value: number; threadId: number };

const pool = threadPool<Request, Result>({
  entry: () => new URL("./thread-pool-test-worker.ts", import.meta.url),
  size: 2,
  idleMs: 60_000,
  maxOldGenerationSizeMb: 64,
});
afterAll(() => pool.stop());

describe("threadPool", () => {
  it("answers on another thread, at most `size` threads at once, and reuses an idle one", async () => {
    const answers = (await Promise.all(
      [1, 2, 3, 4].map((value) => pool.run({ do: "echo", value }, 30_000)),
    )) as Result[];
    expect(answers.map((a) => a.value)).toEqual([1, 2, 3, 4]);
    const threads = new Set(answers.map((a) => a.threadId));
    expect(threads.has(threadId)).toBe(false);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it("ends a thread past its deadline and goes on with a new one", async () => {
    expect(await pool.run({ do: "spin" }, 300)).toBe(PAST_DEADLINE);
    expect(await pool.run({ do: "echo", value: 7 }, 30_000)).toMatchObject({ value: 7 });
  });

  it("rejects when the work throws or its thread exits, and the next request is served", async () => {
    await expect(pool.run({ do: "throw" }, 30_000)).rejects.toThrow("falhou de propósito");
    await expect(pool.run({ do: "exit" }, 30_000)).rejects.toThrow(/exited/);
    expect(await pool.run({ do: "echo", value: 8 }, 30_000)).toMatchObject({ value: 8 });
  });
});
