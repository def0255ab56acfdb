// A Lambda handler that runs unchanged in Lambda and on a laptop.
// In Lambda the execution role's credentials come from the environment; locally, the SSO profile's.
import { S3Client } from "@aws-sdk/client-s3";
import { fromSSO } from "aws-sso-credential-provider";

const inLambda = process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;

// Created once per container (or process), outside the handler, as Lambda recommends.
const s3 = new S3Client({
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: inLambda ? undefined : fromSSO({ profile: process.env.AWS_PROFILE ?? "dev" }),
});

export interface WhoAmIEvent {
  requestId: string;
}

export async function handler(event: WhoAmIEvent): Promise<{ statusCode: number; body: string }> {
  // Any call through `s3` signs with these credentials; here the handler just reports them.
  const credentials = await s3.config.credentials();
  return {
    statusCode: 200,
    body: JSON.stringify({
      requestId: event.requestId,
      accountId: credentials.accountId,
      expiration: credentials.expiration?.toISOString(),
    }),
  };
}
