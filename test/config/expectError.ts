import assert from "node:assert/strict";

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

function checked<T extends Error>(error: unknown, errorClass: ErrorClass<T>): T {
  assert.ok(error instanceof errorClass, `expected a ${errorClass.name}, got ${String(error)}`);
  return error;
}

/** The error `fn` throws, checked to be an `errorClass`. */
export function thrownBy<T extends Error>(fn: () => unknown, errorClass: ErrorClass<T>): T {
  try {
    fn();
  } catch (error) {
    return checked(error, errorClass);
  }
  assert.fail(`expected a ${errorClass.name}, but nothing was thrown`);
}

/** The error `promise` rejects with, checked to be an `errorClass`. */
export async function rejectionOf<T extends Error>(promise: Promise<unknown>, errorClass: ErrorClass<T>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return checked(error, errorClass);
  }
  assert.fail(`expected a ${errorClass.name}, but the promise fulfilled`);
}
