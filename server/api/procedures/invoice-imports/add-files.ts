import { z } from "zod";
import { MAX_FILES_PER_IMPORT, UPLOAD_PROBLEMS, type UploadProblem } from "@/server/domain/invoice/xml-uploads";
import { addFilesToImport } from "@/server/domain/invoice-import/add-files";
import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef, importView } from "./view-schema";

// The browser opens zips itself and sends notes in batches of a few MB; a request body is capped at 10 MB anyway.
const MAX_FILE_BASE64 = 8 * 1024 * 1024;
const problemCodes = Object.keys(UPLOAD_PROBLEMS) as [UploadProblem, ...UploadProblem[]];

export const addFiles = sellerProcedure
  .input(
    syncParse(
      importRef
        .extend({
          files: z
            .array(
              z.object({
                fileName: z.string().trim().min(1).max(300),
                base64: z
                  .string()
                  .max(
                    MAX_FILE_BASE64,
                    "O arquivo passa de 6 MB. Uma NF-e tem no máximo 3 MB; divida o .zip em partes.",
                  ),
              }),
            )
            .max(50, "Envie até 50 arquivos por vez."),
          problems: z
            .array(z.object({ fileName: z.string().trim().min(1).max(300), problem: z.enum(problemCodes) }))
            .max(MAX_FILES_PER_IMPORT, `Um envio aceita até ${MAX_FILES_PER_IMPORT} notas.`)
            .default([]),
        })
        .refine((input) => input.files.length + input.problems.length > 0, {
          message: "Escolha ao menos um arquivo XML ou .zip.",
          path: ["files"],
        }),
    ),
  )
  .output(syncParse(importView))
  .mutation(async ({ ctx, input }) => {
    const context = invoiceImportContext(ctx);
    await addFilesToImport(context, input.importId, {
      files: input.files.map((f) => ({ name: f.fileName, bytes: Buffer.from(f.base64, "base64") })),
      problems: input.problems.map((p) => ({ name: p.fileName, problem: p.problem })),
    });
    return describeImport(context, input.importId);
  });
