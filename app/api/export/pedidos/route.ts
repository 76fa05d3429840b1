import { exportPage, type OrderCursor } from "@/db/queries/orders";
import { requestViewer } from "@/server/api/account-scope";
import { spreadsheetCsv } from "@/server/domain/csv/spreadsheet";
import { orderFilters } from "@/server/domain/orders/board-query";
import { boardFiltersFromParams } from "@/server/domain/orders/board-url";
import { CSV_HEADERS, toCsvRecord } from "@/server/domain/orders/csv-export";
import { toSaoPauloYmd } from "@/server/domain/time";

// Overridable so tests can cross page boundaries with a small data set.
const PAGE = Number(process.env.EXPORT_PAGE_SIZE) || 2_000;

/**
 * The board's current filter as CSV, streamed one keyset page at a time: memory stays flat however many
 * orders match, and the database is never asked for more than one page at once.
 */
export async function GET(req: Request) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre para exportar os pedidos.", { status: 401 });
  const { db, accountId } = viewer;
  if (!accountId) return new Response("Seu usuário não está ligado a uma conta.", { status: 403 });
  const filters = boardFiltersFromParams(new URL(req.url).searchParams);

  let cursor: OrderCursor | null = null;
  let first = true;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      // Ages and deadlines read at each page, as the board reads them at each request.
      const page = exportPage(db, accountId, orderFilters(filters), cursor, PAGE);
      const csv = spreadsheetCsv(page.rows.map(toCsvRecord), CSV_HEADERS, first);
      first = false;
      if (csv) controller.enqueue(encoder.encode(csv));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="pedidos-${toSaoPauloYmd(new Date())}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
