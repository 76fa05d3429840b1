export { SkyhubAdapter } from "./adapter";
export { sandboxSkyhubCredentials } from "./credentials";
