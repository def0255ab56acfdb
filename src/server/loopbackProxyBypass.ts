/** The variables that send a client's plain-http requests through a proxy. */
const HTTP_PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] as const;

/**
 * The environment for a consumer of an endpoint at `host`, such that an http proxy set in it is not
 * used for the endpoint: `host` is added to `NO_PROXY` and `no_proxy`. The SDKs' own container
 * providers use no proxy (botocore's ContainerMetadataFetcher has a session without one; the JS SDK's
 * Node.js handler ignores the variables), but a script that fetches the URL with curl (which proxies
 * 127.0.0.1 unless NO_PROXY lists it) or another generic client would send the token, and get the
 * credentials, through the proxy. Each variable keeps its entries (or, when unset, the other's, which
 * was in force), plus `host`. Unchanged when no proxy variable is set.
 */
export function loopbackProxyBypass(env: NodeJS.ProcessEnv, host: string): NodeJS.ProcessEnv {
  if (!HTTP_PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "")) return env;
  const result = { ...env };
  for (const [name, other] of [["NO_PROXY", "no_proxy"], ["no_proxy", "NO_PROXY"]] as const) {
    const entries = (env[name] ?? env[other] ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    if (!entries.includes(host) && !entries.includes("*")) entries.push(host);
    result[name] = entries.join(",");
  }
  return result;
}
