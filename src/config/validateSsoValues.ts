import { InvalidSsoConfigError } from "../errors/InvalidSsoConfigError.js";

// A region is only ever used as a host name label; anything else could point the SDK elsewhere.
const REGION = /^[a-z0-9-]+$/;

/** Rejects an `sso_region` that is not shaped like an AWS region (`us-east-1`). */
export function validateSsoRegion(region: string, field: string, source: string): void {
  if (!REGION.test(region)) {
    throw new InvalidSsoConfigError({
      field,
      source,
      problem: `is ${JSON.stringify(region)}, which is not an AWS region`,
      fix: `Set it to the region of your IAM Identity Center instance, for example "${field} = us-east-1".`,
    });
  }
}

/** Rejects an `sso_start_url` that is not an https URL. */
export function validateStartUrl(startUrl: string, field: string, source: string): void {
  let url: URL | undefined;
  try {
    url = new URL(startUrl);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:") {
    throw new InvalidSsoConfigError({
      field,
      source,
      problem: `is ${JSON.stringify(startUrl)}, which is not an https URL`,
      fix: `Set it to your AWS access portal URL, for example "${field} = https://my-org.awsapps.com/start".`,
    });
  }
}
