import { defineConfig } from "vitest/config";
export default defineConfig({
  resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
  test: {
    include: [
      "server/**/*.test.ts",
      "db/**/*.test.ts",
      "tests/**/*.test.ts",
      "scripts/**/*.test.ts",
      "app/**/*.test.ts",
    ],
    // The PostgreSQL client's own tests need a server: `npm run test:postgres` (vitest.postgres.config.ts).
    exclude: ["**/node_modules/**", "**/*.pg.test.ts"],
    pool: "forks",
    setupFiles: ["./vitest.setup.ts"],
  },
});
