import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "./escapeHtml.js";
import type { PageResponse } from "./PageResponse.js";

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

/** Sends an XML body (the awsQuery protocol of STS) with its request id header. */
export function writeXmlResponse(res: ServerResponse, status: number, body: string, requestId: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    "content-type": "text/xml",
    "content-length": String(Buffer.byteLength(body)),
    "x-amzn-requestid": requestId,
  });
  res.end(body);
}

/** Sends a browser page: a 302 with a small HTML body, or an HTML page. Never cached. */
export function writePageResponse(res: ServerResponse, page: PageResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const status = page.kind === "redirect" ? 302 : page.status;
  const title = page.kind === "redirect" ? "Redirecting" : page.title;
  const content =
    page.kind === "redirect"
      ? `<p><a href="${escapeHtml(page.location)}">Continue</a></p>`
      : `<p id="message">${escapeHtml(page.message)}</p>` +
        (page.userCodeForm
          ? '<form method="get" action="/device"><label>Code <input name="user_code" autofocus></label> <button type="submit">Confirm</button></form>'
          : "");
  const body = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${content}</body></html>\n`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    ...(page.kind === "redirect" ? { location: page.location } : {}),
  });
  res.end(body);
}
