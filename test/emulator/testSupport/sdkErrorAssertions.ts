// Assertions on errors thrown by the real SDK clients, shared by the emulator's test files.
import assert from "node:assert/strict";
import { SSOOIDCServiceException } from "@aws-sdk/client-sso-oidc";
import { SSOServiceException } from "@aws-sdk/client-sso";
import { STSServiceException } from "@aws-sdk/client-sts";

/** The fields of an SDK service exception the tests look at. */
export interface SdkError extends Error {
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number; readonly requestId?: string };
  readonly $fault?: string;
  readonly error?: string;
  readonly error_description?: string;
  readonly reason?: string;
  readonly Code?: string;
  readonly Type?: string;
}

/** Awaits `promise`, which must reject with an Error; returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
    return error as SdkError;
  }
  assert.fail("expected the call to fail");
}

/** The SDK surfaced an OIDC error with this name, status and OAuth code. */
export async function expectOidcError(promise: Promise<unknown>, name: string, status: number, code: string): Promise<SdkError> {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.equal(error.$metadata?.httpStatusCode, status);
  assert.equal(error.error, code);
  assert.equal(typeof error.error_description, "string");
  assert.ok(error instanceof SSOOIDCServiceException, `${error.name} should be an SSOOIDCServiceException`);
  return error;
}

/** The SDK surfaced a portal error with this name and status. */
export async function expectPortalError(promise: Promise<unknown>, name: string, status: number): Promise<SdkError> {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.ok(error instanceof SSOServiceException, `${error.name} should be an SSOServiceException`);
  assert.equal(error.$metadata?.httpStatusCode, status);
  assert.notEqual(error.message, "UnknownError");
  return error;
}

/** The SDK surfaced an STS (awsQuery) error with this name and status, and the awsQuery `Code`/`Type`. */
export async function expectStsError(promise: Promise<unknown>, name: string, status: number, code: string = name): Promise<SdkError> {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.equal(error.$metadata?.httpStatusCode, status);
  assert.equal(error.Code, code);
  assert.equal(error.Type, status >= 500 ? "Receiver" : "Sender");
  assert.match(error.$metadata?.requestId ?? "", /^[0-9a-f-]{36}$/);
  assert.notEqual(error.message, "Unknown");
  assert.ok(error instanceof STSServiceException, `${error.name} should be an STSServiceException`);
  return error;
}
