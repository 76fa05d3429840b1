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
    pool: "forks",
    setupFiles: ["./vitest.setup.ts"],
  },
});
