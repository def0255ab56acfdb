// Invokes the handler on this machine with the SSO profile's credentials.
//   AWS_PROFILE=dev npx tsx examples/lambda/invoke-local.ts
import { handler } from "./handler.js";

const result = await handler({ requestId: "local-1" });
console.log(JSON.stringify(result));
