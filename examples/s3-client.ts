// An S3 client whose credentials come from an IAM Identity Center profile.
//   aws sso login --profile dev     (once; the provider refreshes the token after that)
//   npx tsx examples/s3-client.ts
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { fromSSO } from "aws-sso-credential-provider";

const s3 = new S3Client({
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: fromSSO({ profile: process.env.AWS_PROFILE ?? "dev" }),
});

const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
for (const bucket of Buckets) console.log(bucket.Name);
