import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeStorageError } from "../server/domain/storage-errors";

/** One pt-BR line naming the fix when `error` says the data folder cannot be used; null for any other error. */
export function dataFolderMessage(error: unknown, folder: string): string | null {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === "ENOTDIR" || code === "EEXIST") {
    return `O caminho da pasta de dados ${folder} passa por um arquivo, não por uma pasta: aponte DATABASE_PATH para uma pasta gravável e inicie o Fluxo de novo.`;
  }
  return describeStorageError(error, folder);
}

/**
 * Creates the data folder and writes a block in it, so a folder the hub cannot use is named in one line before a
 * build or a migration would stop on it with a stack trace. Null when the folder takes writes.
 */
export function dataFolderProblem(folder: string): string | null {
  const probe = join(folder, `.write-check-${process.pid}`);
  try {
    mkdirSync(folder, { recursive: true });
    // A block, not an empty file: a full disk may still have room for one more empty name.
    writeFileSync(probe, Buffer.alloc(4_096));
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    const message = dataFolderMessage(error, folder);
    if (message) return message;
    throw error;
  }
}
