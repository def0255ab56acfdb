/** What the authorize URL of a PKCE login carries. None of it is a secret: the user's browser gets it. */
export interface AuthorizeUrlParams {
  /** The SSO OIDC endpoint (scheme and host), from `oidcBaseUrl`. */
  baseUrl: string;
  clientId: string;
  /** `http://127.0.0.1:PORT/oauth/callback`. */
  redirectUri: string;
  state: string;
  scopes: readonly string[];
  /** base64url(SHA-256(verifier)), unpadded. */
  codeChallenge: string;
}

/**
 * `<base>/authorize?response_type=code&client_id=…&redirect_uri=…&state=…&code_challenge_method=S256&scopes=…&code_challenge=…`,
 * in the AWS CLI's order and encoding (botocore `percent_encode_sequence`: RFC 3986, only `-_.~` left
 * as they are, so a space is `%20`); the scopes are space-separated.
 */
export function authorizeUrl(params: AuthorizeUrlParams): string {
  const query: [string, string][] = [
    ["response_type", "code"],
    ["client_id", params.clientId],
    ["redirect_uri", params.redirectUri],
    ["state", params.state],
    ["code_challenge_method", "S256"],
    ["scopes", params.scopes.join(" ")],
    ["code_challenge", params.codeChallenge],
  ];
  return `${params.baseUrl}/authorize?${query.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&")}`;
}

function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
