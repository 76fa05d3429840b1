import { addFiles } from "../procedures/invoice-imports/add-files";
import { chooseOrder } from "../procedures/invoice-imports/choose-order";
import { confirm } from "../procedures/invoice-imports/confirm";
import { confirmDifference } from "../procedures/invoice-imports/confirm-difference";
import { get } from "../procedures/invoice-imports/get";
import { recent } from "../procedures/invoice-imports/recent";
import { setDropped } from "../procedures/invoice-imports/set-dropped";
import { start } from "../procedures/invoice-imports/start";
import { router } from "../trpc";

export const invoiceImportsRouter = router({
  start,
  addFiles,
  get,
  chooseOrder,
  confirmDifference,
  setDropped,
  confirm,
  recent,
});
