import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * What "Add public key" takes: a PEM public key, or the X.509 certificate that the JWT-flow guide
 * makes with `openssl req -x509 … -out certificate_pub.crt`.
 */
const publicPemLabels = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'];

const pemBlock = /^-----BEGIN ([A-Z ]+)-----\n[A-Za-z0-9+/=\s]+\n-----END \1-----$/;

/** Keys are kept trimmed and with LF line ends, whatever the form or JSON sent. */
export function normalizePem(text: string): string {
  return text.trim().replaceAll('\r\n', '\n');
}

/** Why a (normalized) PEM cannot verify RS256 JWTs, or undefined when it can. */
export function publicKeyProblem(pem: string): string | undefined {
  if (pem.includes('PRIVATE KEY-----')) {
    return 'This is a private key: paste the public key, and keep the private key secret';
  }
  const label = pemBlock.exec(pem)?.[1];
  if (
    label === undefined ||
    !publicPemLabels.includes(label) ||
    pem.split('-----BEGIN').length > 2
  ) {
    return 'Must be one PEM public key (-----BEGIN PUBLIC KEY-----) or certificate (-----BEGIN CERTIFICATE-----)';
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return 'The PEM cannot be read as a public key';
  }
  if (key.asymmetricKeyType !== 'rsa') return 'Must be an RSA key: the JWT is signed with RS256';
  // RFC 7518 section 3.3: RS256 keys have at least 2048 bits.
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    return 'An RS256 key must have at least 2048 bits';
  }
  return undefined;
}

/** The key of a PEM that passed `publicKeyProblem`, as jose takes it. */
export const publicKeyOf = (pem: string): KeyObject => createPublicKey(pem);

/** The SHA-256 of the key's SubjectPublicKeyInfo, in hex: the same for a key and its certificate. */
export function publicKeyFingerprint(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}
