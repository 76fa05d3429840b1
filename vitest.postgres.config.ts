import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The integration suite again on PostgreSQL (`npm run test:postgres`, FLUXO_TEST_POSTGRES_URL naming a server whose
// user may create databases). Left out: the tests of the SQLite file's own folder and disk faults.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/integration/**/*.test.ts", "db/**/*.test.ts"],
    exclude: [
      "**/node_modules/**",
      "tests/integration/storage-faults.test.ts",
      "tests/integration/worker-storage-faults.test.ts",
      "tests/integration/start-data-folder.test.ts",
      // SQLite's query plans for the board, read from its EXPLAIN QUERY PLAN and statistics tables.
      "tests/integration/board-plans.test.ts",
    ],
  },
});
