// Credentials for a script, without any AWS SDK client: for example to hand them to another tool.
//   AWS_PROFILE=dev npx tsx examples/plain-script.ts
import { fromSSO, SsoLoginRequiredError } from "aws-sso-credential-provider";

const provider = fromSSO({ profile: process.env.AWS_PROFILE ?? "dev" });

try {
  const credentials = await provider();
  console.log(`account:    ${credentials.accountId}`);
  console.log(`access key: ${credentials.accessKeyId.slice(0, 4)}…`);
  console.log(`expires:    ${credentials.expiration.toISOString()}`);
} catch (error) {
  // Every error says what to do next; this one means: run the `aws sso login` command it names.
  if (error instanceof SsoLoginRequiredError) console.error(error.message);
  else throw error;
  process.exitCode = 2;
}
