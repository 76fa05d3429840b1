export * from "./accounts";
export * from "./auth";
export * from "./invoice-imports";
export * from "./notifications";
export * from "./orders";
export * from "./erp";
