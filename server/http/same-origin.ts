const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for state-changing requests: browsers always send Origin (or Sec-Fetch-Site) on
 * POST, so a request without either, or from another origin, is refused.
 */
export function isSameOriginRequest(method: string, headers: Pick<Headers, "get">): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return false;
  const origin = headers.get("origin");
  const host = headers.get("host");
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return fetchSite === "same-origin";
}
