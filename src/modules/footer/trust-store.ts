import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { nameOf } from './certificate-names.ts';

// Footer: signing — the CA certificates a signer's certificate must chain to (the national
// certification authority's roots and intermediates), read once from a folder at start-up.

/** DER bytes of each PEM block in `text`, or of the whole content when it is not PEM. */
export function pemOrDer(content: Buffer, label: string): Buffer[] {
  const text = content.toString('latin1');
  if (!text.includes('-----BEGIN')) return [content];
  const blocks = [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`, 'g'))];
  return blocks.map(([, body]) => Buffer.from(body!.replace(/\s+/g, ''), 'base64'));
}

/** A certificate read from DER; throws if the bytes are not one. */
export function certificateFrom(der: Uint8Array): Certificate {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) throw new Error('not DER');
  return new Certificate({ schema: parsed.result });
}

export class TrustStore {
  /** Where the certificates came from, for the start-up line. */
  readonly source: string;
  readonly certificates: readonly Certificate[];

  constructor(source: string, certificates: readonly Certificate[]) {
    this.source = source;
    this.certificates = certificates;
  }

  /**
   * Every certificate in the folder's files (PEM, one or more per file, or DER); throws for a file
   * that holds none, and for a folder without any: a configuration error found at start-up.
   */
  static async load(directory: string): Promise<TrustStore> {
    const certificates: Certificate[] = [];
    const files = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
    for (const name of files) {
      const content = await readFile(join(directory, name));
      let found: Certificate[];
      try {
        found = pemOrDer(content, 'CERTIFICATE').map(certificateFrom);
      } catch {
        throw new Error(`${join(directory, name)} is not a certificate (PEM or DER)`);
      }
      if (!found.length) throw new Error(`${join(directory, name)} holds no certificate`);
      certificates.push(...found);
    }
    if (!certificates.length) throw new Error(`${directory} holds no CA certificate`);
    return new TrustStore(`${certificates.length} CA certificates in ${directory}`, certificates);
  }

  /** The subjects of the certificates, for the start-up line. */
  get subjects(): string[] {
    return this.certificates.map((certificate) => nameOf(certificate.subject));
  }
}
