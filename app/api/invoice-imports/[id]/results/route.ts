import { requestViewer } from "@/server/api/account-scope";
import { spreadsheetCsv } from "@/server/domain/csv/spreadsheet";
import { DomainError } from "@/server/domain/errors";
import { RESULTS_CSV_HEADERS, resultsCsvRecord } from "@/server/domain/invoice-import/results-csv";
import { describeImport } from "@/server/domain/invoice-import/view";

// Each row of a bulk NF-e upload with its verdict and, once confirmed, its result: the seller's record of the batch.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre para baixar o resultado.", { status: 401 });
  const { db, accountId } = viewer;
  const id = Number((await params).id);
  if (!accountId || !Number.isInteger(id)) return new Response("Envio de notas não encontrado.", { status: 404 });
  try {
    const view = describeImport({ db, accountId }, id);
    const csv = spreadsheetCsv(view.rows.map(resultsCsvRecord), RESULTS_CSV_HEADERS);
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
