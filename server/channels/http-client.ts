import http from "node:http";
import https from "node:https";

export interface HttpAnswer {
  status: number;
  header(name: string): string | null;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
  /** The body as UTF-8 text (an HTML or plain-text error page says more than "not JSON"). */
  text(): string;
}

// Connections to a marketplace are kept open and reused: the worker talks to the same few hosts all day.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * One request to a marketplace API, answered in full. node:http rather than fetch(): fetch built a Request,
 * an AbortSignal and WHATWG streams for every call, which made the worker's HTTP half of its CPU per update.
 * Rejects on a network failure or when the whole exchange takes longer than `timeoutMs`.
 */
export function httpRequest(
  url: URL,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number },
): Promise<HttpAnswer> {
  const protocol = url.protocol === "https:" ? "https:" : "http:";
  // A Buffer goes as is: multipart bodies carry a file's bytes.
  const body = init.body === undefined ? undefined : Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body);
  return new Promise((resolve, reject) => {
    const request = (protocol === "https:" ? https : http).request(
      url,
      {
        method: init.method ?? "GET",
        agent: agents[protocol],
        headers: { accept: "application/json", ...init.headers, ...(body ? { "content-length": body.length } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = response.headers[name.toLowerCase()];
              return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
            },
            text: () => text,
            json: () => {
              try {
                return JSON.parse(text) as unknown;
              } catch {
                return undefined;
              }
            },
          });
        });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`sem resposta em ${init.timeoutMs / 1000} s`)),
      init.timeoutMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on("error", fail);
    request.end(body);
  });
}
