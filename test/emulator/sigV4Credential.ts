/** The credential scope a SigV4 `Authorization` header names. */
export interface SigV4Credential {
  readonly accessKeyId: string;
  /** YYYYMMDD */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const CREDENTIAL = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,/;

/**
 * The access key id and scope of a SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20300101/us-east-1/sts/aws4_request, SignedHeaders=..., Signature=...`),
 * or undefined when the header is missing or not SigV4. The signature itself is not checked.
 */
export function sigV4Credential(authorization: string | string[] | undefined): SigV4Credential | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = header === undefined ? null : CREDENTIAL.exec(header);
  if (!match) return undefined;
  const [, accessKeyId = "", date = "", region = "", service = ""] = match;
  return { accessKeyId, date, region, service };
}
