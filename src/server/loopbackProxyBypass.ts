/** The variables that send a client's plain-http requests through a proxy. */
const HTTP_PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] as const;

/**
 * The environment for a consumer of an endpoint at `host`, such that an http proxy set in it is not
 * used for the endpoint: `host` is added to `NO_PROXY` and `no_proxy`. Without this, botocore (which
 * honours `HTTP_PROXY`, as do curl and Node.js with `NODE_USE_ENV_PROXY`) would send the request, the
 * token and then the credentials to the proxy, which cannot reach this machine's loopback anyway.
 * Each variable keeps its entries (or, when unset, the other's, which was in force), plus `host`.
 * Unchanged when no proxy variable is set.
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
