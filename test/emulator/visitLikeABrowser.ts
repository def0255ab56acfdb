/** One response the simulated browser received. */
export interface BrowserHop {
  readonly url: string;
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/**
 * Loads `url` the way a browser would, following redirects (up to `maxRedirects`), but only on
 * 127.0.0.1 / [::1]: e.g. an `/authorize` URL whose 302 leads to the client's loopback callback.
 * Resolves with every response, first to last. Refuses to send anything off the loopback.
 */
export async function visitLikeABrowser(url: string, maxRedirects = 5): Promise<readonly BrowserHop[]> {
  const hops: BrowserHop[] = [];
  let next: string | undefined = url;
  while (next !== undefined) {
    const target: URL = new URL(next);
    if (target.protocol !== "http:" || !["127.0.0.1", "[::1]"].includes(target.hostname)) {
      throw new Error(`visitLikeABrowser only loads http://127.0.0.1 or http://[::1] URLs, not ${target.origin}`);
    }
    if (hops.length > maxRedirects) throw new Error(`visitLikeABrowser: more than ${maxRedirects} redirects`);
    const response = await fetch(target, { redirect: "manual", headers: { accept: "text/html" } });
    const location = response.headers.get("location") ?? undefined;
    hops.push({ url: target.href, status: response.status, location, body: await response.text() });
    next = response.status >= 300 && response.status < 400 && location !== undefined ? new URL(location, target).href : undefined;
  }
  return hops;
}
