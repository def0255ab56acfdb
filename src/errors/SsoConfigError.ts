import { SsoCredentialsError } from "./SsoCredentialsError.js";

/** The shared config (or an option standing for it) is missing, invalid or contradicts itself. */
export class SsoConfigError extends SsoCredentialsError {
  override name = "SsoConfigError";
}
