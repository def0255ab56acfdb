// Which fromSSO a bench worker runs: "ours" (the BUILT package, dist/esm) or "sdk"
// (@aws-sdk/credential-providers), plus the modules each one imports lazily on its first call.
export const PROVIDER_KINDS = Object.freeze(["ours", "sdk"]);

/** The entry a user imports, loaded the way a user's `import { fromSSO } from "..."` would. */
export async function loadFromSSO(kind) {
  switch (kind) {
    case "ours":
      return (await import("../../dist/esm/index.js")).fromSSO;
    case "sdk":
      return (await import("@aws-sdk/credential-providers")).fromSSO;
    default:
      throw new Error(`unknown provider kind: ${String(kind)} (ours or sdk)`);
  }
}

// What each provider imports with `await import()` during its first call (a refresh included).
// Loading them ahead of time takes module loading, which is CPU work the fresh-process bench
// measures on its own, out of a measurement of refresh coordination.
const LAZY_MODULES = Object.freeze({
  ours: ["@aws-sdk/client-sso", "@aws-sdk/client-sso-oidc", "proper-lockfile"],
  sdk: ["@aws-sdk/credential-provider-sso", "@aws-sdk/token-providers", "@aws-sdk/nested-clients/sso", "@aws-sdk/nested-clients/sso-oidc"],
});

export async function preloadLazyModules(kind) {
  for (const name of LAZY_MODULES[kind] ?? []) await import(name);
}

/** An error as a worker reports it: its name and message, with anything token-like blanked out. */
export function describeError(error) {
  const text = String(error?.message ?? error);
  return {
    name: String(error?.name ?? "Error"),
    message: text.replace(/[A-Za-z0-9+/=_-]{24,}/g, "[redacted]").slice(0, 300),
  };
}
