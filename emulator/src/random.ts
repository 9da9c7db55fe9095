import { randomBytes } from 'node:crypto';

/** A random identifier of `bytes` bytes as lowercase hex, like Workfront's IDs and session IDs. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A random URL-safe string of `bytes` bytes, for codes, refresh tokens and secrets. */
export function randomUrlSafe(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
