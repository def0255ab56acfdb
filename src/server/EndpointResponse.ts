import { SsoCredentialsError } from "../errors/SsoCredentialsError.js";
import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { SsoServiceError } from "../errors/SsoServiceError.js";

/** An answer of the endpoint other than credentials: a status and the `{Code, Message}` body the SDKs read. */
export interface EndpointResponse {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * The answer for a failure to get credentials. The `Message` is the error's own: it names the profile
 * or session and ends with the command that fixes it. The `Code` is the error's class name
 * (`SsoTokenExpiredError`, `RoleCredentialsFailedError`...). The status says whose move it is:
 * - 401: a new `aws sso login` is needed (the user must authenticate again);
 * - 502: IAM Identity Center failed or could not be reached (trying again may work);
 * - 500: the config or the token cache is wrong, or anything unexpected.
 * botocore (boto3, the AWS CLI) puts the whole body in its error message; the JS SDK keeps `Code` and
 * `Message` on its error for a 4xx status (and its default chain reports only that no provider worked:
 * the endpoint's own log line on stderr says why).
 */
export function failureResponse(error: unknown, profileName: string): EndpointResponse {
  if (error instanceof SsoCredentialsError) {
    const status = error instanceof SsoLoginRequiredError ? 401 : error instanceof SsoServiceError ? 502 : 500;
    return { status, code: error.name, message: error.message };
  }
  return {
    status: 500,
    code: "InternalError",
    message: `aws-sso-creds could not get credentials for profile "${profileName}" (unexpected ${error instanceof Error ? error.name : typeof error}); its own output says more.`,
  };
}

/** The body of an {@link EndpointResponse}. */
export function responseBody(response: EndpointResponse): string {
  return JSON.stringify({ Code: response.code, Message: response.message });
}
