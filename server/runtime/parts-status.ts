import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { z } from "zod";

/**
 * What the supervisor of `npm start` knows about each part, in a small JSON file beside the database: every web
 * process (there may be several) reads the same file, so none has to ask the supervisor or its siblings. No pids and
 * no paths go in it; it says only what the health endpoint may repeat.
 */
export const PART_STATES = ["starting", "up", "restarting", "stopped"] as const;
export type PartState = (typeof PART_STATES)[number];

const crashSchema = z.object({ at: z.number(), exitCode: z.number().nullable(), signal: z.string().nullable() });
const partSchema = z.object({
  state: z.enum(PART_STATES),
  restarts: z.number().int().min(0),
  lastCrash: crashSchema.nullable(),
});
const fileSchema = z.object({ writtenAt: z.number(), parts: z.record(z.string(), partSchema) });

export type PartCrash = z.infer<typeof crashSchema>;
export type PartStatus = z.infer<typeof partSchema>;
export type PartsStatus = z.infer<typeof fileSchema>;

/** How often the supervisor rewrites the file while it runs; a file much older than this has no supervisor behind it. */
export const PARTS_STATUS_EVERY_MS = 5_000;

export function partsStatusPath(databasePath: string): string {
  return `${databasePath}.parts.json`;
}

/** Written aside and renamed over, so a reader never sees half a file. */
export function writePartsStatus(path: string, status: PartsStatus): void {
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, JSON.stringify(status));
  renameSync(aside, path);
}

/** Null when no supervisor has written it (the web server started alone) or it cannot be read as ours. */
export function readPartsStatus(path: string): PartsStatus | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function removePartsStatus(path: string): void {
  rmSync(path, { force: true });
}
