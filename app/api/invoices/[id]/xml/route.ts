import { getDb } from "@/db/client";
import { getInvoiceXml } from "@/db/queries/invoices";
import { resolveViewerAccount } from "@/server/api/account-scope";
import { getSessionUser, readCookie, STAFF_ACCOUNT_COOKIE } from "@/server/api/session";

// The seller's NF-e file exactly as uploaded.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser(req.headers);
  if (!user) return new Response("Entre para baixar a nota fiscal.", { status: 401 });
  const db = getDb();
  const accountId = resolveViewerAccount(db, user, Number(readCookie(req.headers, STAFF_ACCOUNT_COOKIE)) || null);
  const id = Number((await params).id);
  const invoice = accountId && Number.isInteger(id) ? getInvoiceXml(db, accountId, id) : null;
  if (!invoice?.xml) return new Response("Nota fiscal não encontrada.", { status: 404 });
  const fileName = (invoice.xmlFileName ?? `${invoice.accessKey}.xml`).replace(/[^\w.-]/g, "_");
  return new Response(new Uint8Array(invoice.xml), {
    headers: {
      "content-type": "application/xml",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
}
