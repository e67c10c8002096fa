// The control token: generated at start (or taken from the environment), compared in constant time.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto'

/** A fresh token: 24 random bytes, base64url (32 characters). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Whether `given` is the token; constant time whatever the lengths (both are hashed first). */
export function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(token).digest()
  return timingSafeEqual(a, b)
}
