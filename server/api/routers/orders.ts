import { accept } from "../procedures/orders/accept";
import { bulkMarkDelivered } from "../procedures/orders/bulk-mark-delivered";
import { cancel } from "../procedures/orders/cancel";
import { counts } from "../procedures/orders/counts";
import { decodeAccessKey } from "../procedures/orders/decode-access-key";
import { get } from "../procedures/orders/get";
import { importTracking } from "../procedures/orders/import-tracking";
import { invoice } from "../procedures/orders/invoice";
import { list } from "../procedures/orders/list";
import { markDelivered } from "../procedures/orders/mark-delivered";
import { markOutOfStock } from "../procedures/orders/mark-out-of-stock";
import { pickingList } from "../procedures/orders/picking-list";
import { previewInvoiceXml } from "../procedures/orders/preview-invoice-xml";
import { reconcile } from "../procedures/orders/reconcile";
import { refuse } from "../procedures/orders/refuse";
import { reportDeliveryProblem } from "../procedures/orders/report-delivery-problem";
import { resendUpdate } from "../procedures/orders/resend-update";
import { restock } from "../procedures/orders/restock";
import { ship } from "../procedures/orders/ship";
import { router } from "../trpc";

export const ordersRouter = router({
  list,
  counts,
  get,
  decodeAccessKey,
  previewInvoiceXml,
  invoice,
  ship,
  markDelivered,
  reportDeliveryProblem,
  markOutOfStock,
  restock,
  cancel,
  accept,
  refuse,
  resendUpdate,
  reconcile,
  importTracking,
  bulkMarkDelivered,
  pickingList,
});
