import { SsoCredentialsError } from "./SsoCredentialsError.js";

/** Only a new `aws sso login` can fix this. The message gives the exact command. */
export class SsoLoginRequiredError extends SsoCredentialsError {
  override name = "SsoLoginRequiredError";
}
