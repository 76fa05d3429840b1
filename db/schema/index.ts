export * from "./accounts";
export * from "./auth";
export * from "./erp";
export * from "./invoice-imports";
export * from "./leases";
export * from "./notifications";
export * from "./orders";
