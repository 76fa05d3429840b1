import { stringify } from "csv-stringify/sync";
import { getDb } from "@/db/client";
import { resolveViewerAccount } from "@/server/api/account-scope";
import { getSessionUser, readCookie, STAFF_ACCOUNT_COOKIE } from "@/server/api/session";
import { DomainError } from "@/server/domain/errors";
import { RESULTS_CSV_HEADERS, resultsCsvRecord } from "@/server/domain/invoice-import/results-csv";
import { describeImport } from "@/server/domain/invoice-import/view";
import { CSV_DELIMITER } from "@/server/domain/orders/csv-export";

// Each row of a bulk NF-e upload with its verdict and, once confirmed, its result: the seller's record of the batch.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser(req.headers);
  if (!user) return new Response("Entre para baixar o resultado.", { status: 401 });
  const db = getDb();
  const accountId = resolveViewerAccount(db, user, Number(readCookie(req.headers, STAFF_ACCOUNT_COOKIE)) || null);
  const id = Number((await params).id);
  if (!accountId || !Number.isInteger(id)) return new Response("Envio de notas não encontrado.", { status: 404 });
  try {
    const view = describeImport({ db, accountId }, id);
    const csv = stringify(view.rows.map(resultsCsvRecord), {
      delimiter: CSV_DELIMITER,
      bom: true,
      header: true,
      columns: [...RESULTS_CSV_HEADERS],
      record_delimiter: "windows",
    });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="notas-envio-${view.id}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return new Response(error.message, { status: 404 });
    throw error;
  }
}
