import { z } from "zod";
import { addFilesToImport } from "@/server/domain/invoice-import/add-files";
import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef, importView } from "./view-schema";

// A zip of a month's notes can reach tens of MB; base64 adds a third.
const MAX_FILE_BASE64 = Math.ceil((40 * 1024 * 1024 * 4) / 3);

export const addFiles = sellerProcedure
  .input(
    importRef.extend({
      files: z
        .array(
          z.object({
            fileName: z.string().trim().min(1).max(300),
            base64: z.string().max(MAX_FILE_BASE64, "O arquivo passa de 40 MB. Divida as notas em mais de um .zip."),
          }),
        )
        .min(1, "Escolha ao menos um arquivo.")
        .max(50, "Envie até 50 arquivos por vez."),
    }),
  )
  .output(importView)
  .mutation(({ ctx, input }) => {
    const context = invoiceImportContext(ctx);
    addFilesToImport(
      context,
      input.importId,
      input.files.map((f) => ({ name: f.fileName, bytes: Buffer.from(f.base64, "base64") })),
    );
    return describeImport(context, input.importId);
  });
