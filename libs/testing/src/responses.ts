import { AnyBody, HttpResponse } from './http-client';

/**
 * The body of a response that must have succeeded (a setup step, not the thing under test):
 * anything but 2xx (or `status`, when given) fails with what the gateway answered.
 */
export async function bodyOf<T = AnyBody>(
  response: Promise<HttpResponse<T>> | HttpResponse<T>,
  status?: number,
): Promise<T> {
  const { status: actual, body } = await response;
  const ok = status === undefined ? actual >= 200 && actual < 300 : actual === status;
  if (!ok) {
    throw new Error(`expected ${status ?? '2xx'}, got ${actual}: ${JSON.stringify(body)}`);
  }
  return body;
}

let uniqueCounter = 0;

/** A name no other test of the run uses, for unique departments, emails and subjects. */
export function uniqueName(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${Date.now().toString(36)}${uniqueCounter}`;
}
