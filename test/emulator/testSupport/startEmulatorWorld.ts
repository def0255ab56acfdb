// An emulator on a manual clock plus real SDK clients pointed at it, torn down with the test.
import type { TestContext } from "node:test";
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { SSOClient } from "@aws-sdk/client-sso";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { EmulatorOptions } from "../EmulatorOptions.js";
import { IdentityCenterEmulator } from "../IdentityCenterEmulator.js";
import { ManualClock } from "../ManualClock.js";

export interface EmulatorWorld {
  readonly clock: ManualClock;
  readonly emu: IdentityCenterEmulator;
  readonly oidc: SSOOIDCClient;
  readonly sso: SSOClient;
  /** An STS client signing with `credentials` (destroyed with the test). */
  sts(credentials: AwsCredentialIdentity, options?: { readonly region?: string; readonly maxAttempts?: number }): STSClient;
}

/** Starts an emulator (single SDK attempt unless told) whose clients are destroyed after `t`. */
export async function startEmulatorWorld(t: TestContext, options: EmulatorOptions = {}, maxAttempts = 1): Promise<EmulatorWorld> {
  const clock = new ManualClock();
  const emu = new IdentityCenterEmulator({ now: clock.now, ...options });
  await emu.start();
  const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts });
  const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts });
  const stsClients: STSClient[] = [];
  t.after(async () => {
    oidc.destroy();
    sso.destroy();
    for (const client of stsClients) client.destroy();
    await emu.stop();
  });
  const sts = (credentials: AwsCredentialIdentity, stsOptions: { readonly region?: string; readonly maxAttempts?: number } = {}): STSClient => {
    const client = new STSClient({
      region: stsOptions.region ?? "us-east-1",
      endpoint: emu.url,
      maxAttempts: stsOptions.maxAttempts ?? maxAttempts,
      credentials,
    });
    stsClients.push(client);
    return client;
  };
  return { clock, emu, oidc, sso, sts };
}
