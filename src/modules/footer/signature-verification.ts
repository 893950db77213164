import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate, CertificateChainValidationEngine, ContentInfo, CryptoEngine, IssuerAndSerialNumber, setEngine, SignedData } from 'pkijs';
import type { UserErrorCode } from '../../generated/graphql.ts';
import { commonNameOf, iinOf, nameOf } from './certificate-names.ts';
import type { ExternalVerifier } from './external-verifier.ts';
import type { TrustStore } from './trust-store.ts';

// Footer: signing — a signature is a detached CMS (PKCS #7) SignedData over the bytes of the card
// version's document, as the national signature client (NCALayer) produces. It is accepted when:
//   it is one SignedData with exactly one signer and the signer's certificate  else SIGNATURE_MALFORMED
//   its messageDigest is the digest of the document                            else SIGNATURE_DIGEST_MISMATCH
//   the certificate is one for signing (its key usage has non-repudiation)     else CERTIFICATE_NOT_FOR_SIGNING
//   the signature verifies with the certificate's key                          else SIGNATURE_INVALID
//   the certificate is valid at the moment of signing (the server's clock)     else CERTIFICATE_NOT_VALID
//   it chains to a CA certificate of the trust folder                          else CERTIFICATE_UNTRUSTED
//   its subject names the signed-in user's IIN (serialNumber "IIN…")           else SIGNER_MISMATCH
// RSA (PKCS #1 v1.5, PSS) and ECDSA are verified here (Node's WebCrypto). A key of another
// algorithm (GOST 34.310) is SIGNATURE_ALGORITHM_UNSUPPORTED unless an external verifier is
// configured: it then checks the signature, validity and chain, and must name the same IIN.
// The signingTime attribute is the signer's own clock, not evidence: it is not relied on.

setEngine('node', new CryptoEngine({ name: 'node', crypto: webcrypto as never }));

/** What signing needs: the trusted CAs and, if any, the external verifier. */
export interface Signing {
  trust: TrustStore;
  external: ExternalVerifier | null;
}

/** The signer's certificate as stored with a signature. */
export interface SignerCertificate {
  /** RFC 4514. */
  subject: string;
  /** Hex, as printed by `openssl x509 -serial`. */
  serialNumber: string;
  /** RFC 4514. */
  issuer: string;
  validFrom: Date;
  validTo: Date;
  /** The subject's common name (the person's name), if any. */
  commonName: string | null;
}

export type Verification =
  | { ok: true; certificate: SignerCertificate; verifiedBy: 'LOCAL' | 'EXTERNAL'; /** The CMS as base64 of its DER, however it was given. */ signature: string }
  | { ok: false; code: UserErrorCode; message: string };

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  rsa: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ec: '1.2.840.10045.2.1',
  keyUsage: '2.5.29.15',
};
/** The digest algorithms a messageDigest may be made with, by OID, as node:crypto names them. */
const DIGESTS: Record<string, string> = { '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
const LOCAL_KEYS = new Set([OID.rsa, OID.rsaPss, OID.ec]);

const refused = (code: UserErrorCode, message: string): Verification => ({ ok: false, code, message });

/** The DER of a signature given as base64 (line breaks allowed) or PEM; null if it is neither. */
function derOf(text: string): Uint8Array | null {
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 #]+-----/g, '').replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return null;
  return new Uint8Array(Buffer.from(body, 'base64'));
}

interface Parsed {
  signedData: SignedData;
  certificate: Certificate;
  messageDigest: Uint8Array | null;
  digestAlgorithm: string;
}

/** The SignedData, its one signer's certificate and signed digest; a message if it is not that. */
function parse(der: Uint8Array): Parsed | string {
  let signedData: SignedData;
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1 || asn1.offset !== der.byteLength) return 'the signature is not DER-encoded CMS';
    const content = new ContentInfo({ schema: asn1.result });
    if (content.contentType !== OID.signedData) return 'the CMS is not SignedData';
    signedData = new SignedData({ schema: content.content });
  } catch {
    return 'the signature is not a CMS SignedData structure';
  }
  if (signedData.encapContentInfo.eContent) return 'the signature must be detached (the document is not to be inside it)';
  if (signedData.signerInfos.length !== 1) return `the CMS must have exactly one signer, not ${signedData.signerInfos.length}`;
  const signer = signedData.signerInfos[0]!;
  const certificates = (signedData.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
  const sid = signer.sid;
  const certificate = sid instanceof IssuerAndSerialNumber
    ? certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
    : certificates.find((c) => {
      const keyId = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
      return keyId && sid instanceof asn1js.Primitive && Buffer.from(keyId.valueBlock.valueHexView).equals(Buffer.from(sid.valueBlock.valueHexView));
    });
  if (!certificate) return "the CMS does not carry the signer's certificate";
  const attribute = signer.signedAttrs?.attributes.find((a) => a.type === OID.messageDigest);
  const value = attribute?.values[0];
  const messageDigest = value instanceof asn1js.OctetString ? new Uint8Array(value.valueBlock.valueHexView) : null;
  if (!messageDigest) return 'the CMS has no messageDigest signed attribute';
  return { signedData, certificate, messageDigest, digestAlgorithm: signer.digestAlgorithm.algorithmId };
}

/**
 * Whether the certificate may sign documents. The NCA issues each person two certificates: one to
 * sign (key usage digitalSignature and nonRepudiation) and one to sign in (digitalSignature and
 * keyEncipherment), under the same CAs, so the trust folder cannot tell them apart. A signature
 * with legal force is made with the first: its key usage must have nonRepudiation (X.509's
 * contentCommitment). A certificate without the extension may be used for anything (RFC 5280).
 */
function forSigning(certificate: Certificate): boolean {
  const usage = certificate.extensions?.find((extension) => extension.extnID === OID.keyUsage)?.parsedValue;
  if (!(usage instanceof asn1js.BitString)) return usage === undefined;
  const bits = usage.valueBlock.valueHexView;
  // Bit 1 of the BIT STRING, counted from the first byte's high bit.
  return bits.length > 0 && (bits[0]! & 0x40) !== 0;
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');

function certificateOf(certificate: Certificate): SignerCertificate {
  return {
    subject: nameOf(certificate.subject),
    serialNumber: hex(certificate.serialNumber.valueBlock.valueHexView).toUpperCase(),
    issuer: nameOf(certificate.issuer),
    validFrom: certificate.notBefore.value,
    validTo: certificate.notAfter.value,
    commonName: commonNameOf(certificate.subject),
  };
}

/**
 * Checks a detached CMS signature of `document` (whose SHA-256 is `digest`) by the person with
 * `iin`, at the moment `at`. Every refusal says which check failed and why.
 */
export async function verifySignature(
  signing: Signing,
  request: { signature: string; document: string; digest: string; iin: string; at: Date },
): Promise<Verification> {
  const der = derOf(request.signature);
  if (!der) return refused('SIGNATURE_MALFORMED', 'the signature is not base64 (or PEM) text');
  const parsed = parse(der);
  if (typeof parsed === 'string') return refused('SIGNATURE_MALFORMED', parsed);
  const { signedData, certificate, messageDigest, digestAlgorithm } = parsed;
  const base64 = Buffer.from(der).toString('base64');
  const bytes = new Uint8Array(Buffer.from(request.document, 'utf8'));
  const signer = certificateOf(certificate);
  const named = iinOf(certificate.subject);
  const mismatch = () => refused('SIGNER_MISMATCH', named
    ? `the certificate (${signer.subject}) names IIN ${named}, not the signed-in user's`
    : `the certificate (${signer.subject}) names no IIN (serialNumber "IIN" and 12 digits)`);

  const algorithm = DIGESTS[digestAlgorithm];
  if (algorithm) {
    if (hex(messageDigest!) !== createHash(algorithm).update(bytes).digest('hex')) {
      return refused('SIGNATURE_DIGEST_MISMATCH', `the signature covers another document, not the version whose SHA-256 is ${request.digest}`);
    }
  }

  if (!forSigning(certificate)) {
    return refused('CERTIFICATE_NOT_FOR_SIGNING', `the certificate (${signer.subject}) is not one for signing: its key usage has no non-repudiation (an authentication certificate?)`);
  }

  const keyAlgorithm = certificate.subjectPublicKeyInfo.algorithm.algorithmId;
  if (!LOCAL_KEYS.has(keyAlgorithm) || !algorithm) {
    const what = !LOCAL_KEYS.has(keyAlgorithm) ? `a key of algorithm ${keyAlgorithm}` : `digest algorithm ${digestAlgorithm}`;
    if (!signing.external) return refused('SIGNATURE_ALGORITHM_UNSUPPORTED', `the signature uses ${what}, which this API does not verify and no external verifier is configured for`);
    if (named !== request.iin) return mismatch();
    const answer = await signing.external.verify({ signature: base64, document: bytes, digest: request.digest, signedAt: request.at });
    if (answer.kind === 'unavailable') return refused('SIGNATURE_VERIFIER_UNAVAILABLE', `${answer.reason}; try again later`);
    if (answer.kind === 'invalid') return refused('SIGNATURE_INVALID', `the external verifier refused the signature: ${answer.reason}`);
    if (answer.iin !== request.iin) return refused('SIGNER_MISMATCH', `the external verifier names IIN ${answer.iin} as the signer, not the signed-in user's`);
    return { ok: true, certificate: signer, verifiedBy: 'EXTERNAL', signature: base64 };
  }

  let valid = false;
  try {
    valid = await signedData.verify({ signer: 0, data: bytes.buffer as ArrayBuffer, checkChain: false, extendedMode: false });
  } catch {
    valid = false;
  }
  if (!valid) return refused('SIGNATURE_INVALID', "the signature does not verify with the certificate's key");
  if (request.at < signer.validFrom || request.at > signer.validTo) {
    return refused('CERTIFICATE_NOT_VALID', `the certificate is valid from ${signer.validFrom.toISOString()} to ${signer.validTo.toISOString()}, not at ${request.at.toISOString()}`);
  }
  const intermediates = (signedData.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate && c !== certificate);
  let chained = false;
  try {
    const chain = new CertificateChainValidationEngine({ trustedCerts: [...signing.trust.certificates], certs: [certificate, ...intermediates], checkDate: request.at });
    chained = (await chain.verify()).result;
  } catch {
    chained = false;
  }
  if (!chained) return refused('CERTIFICATE_UNTRUSTED', `the certificate (issued by ${signer.issuer}) does not chain to a trusted CA certificate`);
  if (named !== request.iin) return mismatch();
  return { ok: true, certificate: signer, verifiedBy: 'LOCAL', signature: base64 };
}
