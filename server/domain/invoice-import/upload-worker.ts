// Worker thread entry: reads one upload per message (read-upload.ts) and posts the result back.
import { parentPort } from "node:worker_threads";
import { readUpload, type UploadReadRequest } from "./read-upload";

const port = parentPort;
if (!port) throw new Error("upload-worker.ts runs as a worker thread (upload-reader.ts)");

port.on("message", (request: UploadReadRequest) => {
  const result = readUpload(request);
  // The notes move back without a copy: each entry owns its bytes or shares the upload's, so every buffer goes once.
  const buffers = result.ok ? result.entries.flatMap((e) => (e.ok ? [e.bytes.buffer as ArrayBuffer] : [])) : [];
  port.postMessage(result, [...new Set(buffers)]);
});
