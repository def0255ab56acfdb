import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

/**
 * The scheme and host (with port) the client sends SSO OIDC requests to: where `/authorize` lives.
 * Found as botocore finds it (`SSOTokenFetcherAuth._get_base_authorization_uri`): a RegisterClient
 * request is built by the client's own middleware (its endpoint resolution, so `clientConfig.endpoint`
 * and `AWS_ENDPOINT_URL_SSO_OIDC` apply) and stopped before it is sent. Nothing goes to the network.
 */
export async function oidcBaseUrl(client: SSOOIDCClient): Promise<string> {
  const { RegisterClientCommand } = await import("@aws-sdk/client-sso-oidc");
  const probe = new RegisterClientCommand({ clientName: "endpoint-probe", clientType: "public" });
  let base: string | undefined;
  probe.middlewareStack.add(
    () => async (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number };
      base = `${request.protocol ?? "https:"}//${request.hostname ?? ""}${request.port === undefined ? "" : `:${request.port}`}`;
      // Not sent: the request is only looked at, and the output is never read.
      return { output: { $metadata: {} }, response: undefined } as never;
    },
    { step: "build", name: "awsSsoCredsEndpointProbe", priority: "low" },
  );
  await client.send(probe);
  if (base === undefined || base.endsWith("//")) throw new Error("the SSO OIDC client built no request to find its endpoint in");
  return base;
}
