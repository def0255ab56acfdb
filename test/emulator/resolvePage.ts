import type { PageName } from "./OperationName.js";

const PAGES: Readonly<Record<string, PageName>> = Object.freeze({
  "GET /authorize": "Authorize",
  "GET /device": "DeviceVerification",
});

/** The browser page a request is for, or undefined. */
export function resolvePage(method: string | undefined, url: URL): PageName | undefined {
  return PAGES[`${method ?? ""} ${url.pathname}`];
}
