import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Reads the whole request body as UTF-8 (rejects if the client goes away first). */
export function readRequestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
  });
}

/** Sends `body` (already serialized, may be empty) with a JSON content type. */
export function writeRawResponse(res: ServerResponse, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "x-amzn-requestid": randomUUID(),
    ...headers,
  });
  res.end(body);
}

export function writeJsonResponse(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  writeRawResponse(res, status, body === undefined ? "" : JSON.stringify(body), headers);
}
