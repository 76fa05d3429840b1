// NF-e access key: normalisation, decoding and the checks the invoice form shows as the seller types (SPEC §3).

import { type AccessKeyCheckId, type AccessKeyContext, evaluateAccessKey } from "./access-key-checks";
import type { DecodedAccessKey } from "./access-key-parts";

export type { AccessKeyCheckId, AccessKeyContext } from "./access-key-checks";
export {
  ACCESS_KEY_FIELDS,
  ACCESS_KEY_LENGTH,
  type AccessKeyParts,
  accessKeyCheckDigit,
  buildAccessKey,
  type DecodedAccessKey,
  decodeAccessKey,
  formatAccessKeyGroups,
  normalizeAccessKey,
} from "./access-key-parts";
export { IBGE_STATES, type IbgeState, ibgeStateByCode } from "./ibge-states";

export type AccessKeyCheck = { id: AccessKeyCheckId; ok: boolean; message: string };

export type AccessKeyCheckResult = {
  /** The normalized key: what to store and send. */
  key: string;
  decoded: DecodedAccessKey;
  /** Only the checks the input is long enough for, in the order the user should fix them. */
  checks: AccessKeyCheck[];
  ok: boolean;
  firstError?: { id: AccessKeyCheckId; message: string };
};

/** Stable error codes per check, for APIs that report one failure (e.g. ACCESS_KEY_CHECK_DIGIT). */
export const ACCESS_KEY_ERROR_CODES = {
  length: "ACCESS_KEY_LENGTH",
  charset: "ACCESS_KEY_CHARSET",
  state: "ACCESS_KEY_STATE",
  month: "ACCESS_KEY_MONTH",
  model: "ACCESS_KEY_MODEL",
  checkDigit: "ACCESS_KEY_CHECK_DIGIT",
  cnpj: "ACCESS_KEY_CNPJ",
  sellerCnpj: "ACCESS_KEY_SELLER_CNPJ",
  issueMonth: "ACCESS_KEY_ISSUE_MONTH",
} as const satisfies Record<AccessKeyCheckId, string>;

export type AccessKeyErrorCode = (typeof ACCESS_KEY_ERROR_CODES)[AccessKeyCheckId];

export function checkAccessKey(input: string, context: AccessKeyContext = {}): AccessKeyCheckResult {
  const { key, decoded, findings } = evaluateAccessKey(input, context);
  const checks = findings.map(({ id, ok, text, fix }) => ({ id, ok, message: fix ? `${text} ${fix}` : text }));
  const failed = checks.find((check) => !check.ok);
  return {
    key,
    decoded,
    checks,
    ok: failed === undefined,
    ...(failed ? { firstError: { id: failed.id, message: failed.message } } : {}),
  };
}
