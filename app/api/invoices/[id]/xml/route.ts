import { getInvoiceXml } from "@/db/queries/invoices";
import { requestViewer } from "@/server/api/account-scope";

// The seller's NF-e file exactly as uploaded.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre para baixar a nota fiscal.", { status: 401 });
  const { db, accountId } = viewer;
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
