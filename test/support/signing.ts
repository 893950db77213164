import 'reflect-metadata';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// Footer signing in the tests: a certification authority of the tests' own, signer certificates
// naming an IIN as the national CA does (subject serialNumber "IIN" + 12 digits), and real detached
// CMS SignedData over a document, as the national signature client makes them.

pkijs.setEngine('test', new pkijs.CryptoEngine({ name: 'test', crypto: webcrypto as never }));
x509.cryptoProvider.set(webcrypto as never);

export type KeyKind = 'RSA' | 'RSA-PSS' | 'ECDSA';
const ALGORITHMS: Record<KeyKind, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as webcrypto.RsaHashedKeyGenParams,
  'RSA-PSS': { name: 'RSA-PSS', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as webcrypto.RsaHashedKeyGenParams,
  ECDSA: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as webcrypto.EcKeyGenParams,
};

const DAY = 86_400_000;
let serial = 1000;
const nextSerial = () => (serial++).toString(16).padStart(4, '0');

export interface TestCa {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  kind: KeyKind;
}

export interface TestSigner {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  kind: KeyKind;
  ca: TestCa;
}

/** A root certification authority (ECDSA unless told), valid from a year ago for ten years. */
export async function aCa(name = 'CN=Test National CA,O=Tests,C=KZ', kind: KeyKind = 'ECDSA'): Promise<TestCa> {
  const alg = ALGORITHMS[kind];
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(), name, keys, signingAlgorithm: alg,
    notBefore: new Date(Date.now() - 365 * DAY), notAfter: new Date(Date.now() + 3650 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys, kind };
}

/** Key usages as the NCA gives them: a certificate to sign, and one to sign in with. */
const USAGES = {
  signing: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
  authentication: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
} as const;

/** A signer's certificate issued by `ca`: subject CN = name, serialNumber = "IIN" + iin; one to sign with unless told. */
export async function aSigner(
  ca: TestCa,
  options: { iin: string; name: string; kind?: KeyKind; notBefore?: Date; notAfter?: Date; usage?: keyof typeof USAGES },
): Promise<TestSigner> {
  const kind = options.kind ?? 'RSA';
  const alg = ALGORITHMS[kind];
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: new x509.Name([{ '2.5.4.6': ['KZ'] }, { '2.5.4.5': [`IIN${options.iin}`] }, { '2.5.4.3': [options.name] }]),
    issuer: ca.certificate.subjectName,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY), notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey: keys.publicKey, signingKey: ca.keys.privateKey, signingAlgorithm: ALGORITHMS[ca.kind],
    extensions: [
      new x509.KeyUsagesExtension(USAGES[options.usage ?? 'signing'], true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return { certificate, keys, kind, ca };
}

export const pkijsCertificate = (certificate: x509.X509Certificate) => pkijs.Certificate.fromBER(new Uint8Array(certificate.rawData));

/**
 * A detached CMS SignedData (base64) by `signer` over the UTF-8 bytes of `document`, with the signed
 * attributes contentType, signingTime and messageDigest; `digestOf` signs another document's digest instead.
 */
export async function signDetached(document: string, signer: TestSigner, options: { digestOf?: string; certificate?: pkijs.Certificate } = {}): Promise<string> {
  const data = Buffer.from(options.digestOf ?? document, 'utf8');
  const certificate = options.certificate ?? pkijsCertificate(signer.certificate);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: [
          new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
          new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
          new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() })] }),
        ],
      }),
    })],
    certificates: [certificate],
  });
  await signedData.sign(signer.keys.privateKey, 0, 'SHA-256');
  const content = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
  return Buffer.from(content.toSchema().toBER()).toString('base64');
}

/** OID of a GOST 34.310-2004 public key (the national algorithm), which the API does not verify itself. */
export const GOST_KEY = '1.2.398.3.10.1.1.1.1';

/**
 * A signature as made with a GOST 34.310 key: a certificate issued by `ca` for a GOST key (its
 * bytes made up), in a CMS whose signature the API cannot check itself (an external verifier must).
 */
export async function gostSignature(document: string, ca: TestCa, options: { iin: string; name: string }): Promise<string> {
  // The structure is a real CMS by a stand-in key; the certificate it carries is the GOST one.
  const standIn = await aSigner(ca, { ...options, kind: 'ECDSA' });
  const gost = new pkijs.Certificate();
  const template = pkijsCertificate(standIn.certificate);
  gost.version = 2;
  gost.serialNumber = template.serialNumber;
  gost.issuer = template.issuer;
  gost.subject = template.subject;
  gost.notBefore = template.notBefore;
  gost.notAfter = template.notAfter;
  gost.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: GOST_KEY, algorithmParams: new asn1js.ObjectIdentifier({ value: '1.2.398.3.10.1.1.1.1.1' }) }),
    subjectPublicKey: new asn1js.BitString({ valueHex: randomBytes(64) }),
  });
  await gost.sign(ca.keys.privateKey, 'SHA-256');
  return signDetached(document, standIn, { certificate: gost });
}

/** A folder holding the CA certificates as PEM, as SIGNATURE_TRUST_DIR names it. */
export async function trustFolder(...cas: TestCa[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'trust-'));
  await Promise.all(cas.map((ca, index) => writeFile(join(directory, `ca-${index}.pem`), ca.certificate.toString('pem'))));
  return directory;
}
