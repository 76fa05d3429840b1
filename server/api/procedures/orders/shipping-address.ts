import { z } from "zod";

/** The delivery address as an order's detail and the picking list both return it. */
export const shippingAddressFields = {
  shipStreet: z.string(),
  shipNumber: z.string(),
  shipComplement: z.string().nullable(),
  shipDistrict: z.string(),
  shipCity: z.string(),
  shipState: z.string(),
  shipZip: z.string(),
};
