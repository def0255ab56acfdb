import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";

export interface LoginRejectedErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  /** The OAuth error (`invalid_scope`) or service exception (`InvalidGrantException`). */
  serviceCode: string;
  /** Where: the browser's redirect, or the named SSO OIDC operation. */
  stage: "authorize" | "RegisterClient" | "StartDeviceAuthorization" | "CreateToken";
  /** The service's own words (`error_description`), when it gave some. Never a secret; shown as sent, cut to one short line. */
  description?: string;
  cause?: unknown;
}

const MEANING: Readonly<Record<string, string>> = {
  invalid_scope: "the sso_registration_scopes of the session are not allowed",
  InvalidScopeException: "the sso_registration_scopes of the session are not allowed",
  unauthorized_client: "the client registration may not use this grant",
  UnauthorizedClientException: "the client registration may not use this grant",
  invalid_client: "the client registration is not valid (it is registered anew on the next login)",
  InvalidClientException: "the client registration is not valid (it is registered anew on the next login)",
  InvalidClientMetadataException: "the client registration was refused",
  InvalidRedirectUriException: "the loopback redirect URI was refused",
  invalid_grant: "the authorization code was refused",
  InvalidGrantException: "the authorization was refused",
  invalid_request: "the request was refused as invalid",
  InvalidRequestException: "the request was refused as invalid",
  unsupported_response_type: "the authorization request was refused",
  UnsupportedGrantTypeException: "the grant type is not supported",
  server_error: "the sign-in service failed",
  temporarily_unavailable: "the sign-in service is unavailable",
};

/** IAM Identity Center refused the login (an OAuth error other than a denial or an expiry). */
export class LoginRejectedError extends SsoLoginRequiredError {
  override name = "LoginRejectedError";
  declare readonly serviceCode: string;
  readonly stage: LoginRejectedErrorOptions["stage"];

  constructor(options: LoginRejectedErrorOptions) {
    const { target, serviceCode, stage, description } = options;
    const meaning = MEANING[serviceCode] ?? "the login was refused";
    const said = description === undefined || description === "" ? "" : ` ("${oneLine(description)}")`;
    const where = stage === "authorize" ? "in the browser" : `at ${stage}`;
    super(
      `IAM Identity Center refused the login to ${describeLoginTarget(target)} ${where} with ${serviceCode}${said}: ${meaning}. ` +
        `Check the [sso-session] settings, then run: ${loginFixCommand(target)}`,
      options,
    );
    this.stage = stage;
  }
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
