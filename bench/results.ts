import { existsSync, readFileSync, writeFileSync } from "node:fs";

const FILE = new URL("./RESULTS.md", import.meta.url);

/** Replaces (or adds) one dated section of bench/RESULTS.md, so each benchmark keeps its latest figures. */
export function recordResults(title: string, lines: string[]): void {
  const current = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmark results\n";
  const heading = `## ${title}`;
  const section = `${heading}\n\n_${new Date().toISOString()}_\n\n${lines.join("\n")}\n`;
  const pattern = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(FILE, `${next.trimEnd()}\n`);
}
