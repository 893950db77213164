import type { RelativeDistinguishedNames } from 'pkijs';

// Footer: signing — the names in a certificate as text: RFC 4514 (the form LDAP and most tools
// print, the last RDN first), and the IIN the Kazakh national certification authority (NCA) puts in
// the subject's serialNumber attribute ("IIN" and 12 digits).

/** Registered short names (RFC 4514 §3, RFC 4519) of the attributes certificates carry. */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'STREET',
  '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title', '2.5.4.42': 'GN', '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID',
};

/** OID of the subject's serialNumber attribute. */
export const SERIAL_NUMBER = '2.5.4.5';

const stringOf = (value: unknown): string | null => {
  const text = (value as { valueBlock?: { value?: unknown } } | null)?.valueBlock?.value;
  return typeof text === 'string' ? text : null;
};

/** RFC 4514 §2.4: the characters escaped in an attribute value. */
function escaped(value: string): string {
  return value
    .replace(/[\\"+,;<>]/g, (c) => `\\${c}`)
    .replace(/\0/g, '\\00')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** A name as an RFC 4514 string: attributes without a registered short name are `OID=#hex` of their BER. */
export function nameOf(name: RelativeDistinguishedNames): string {
  return name.typesAndValues.map((attribute) => {
    const short = SHORT_NAMES[attribute.type];
    const text = stringOf(attribute.value);
    if (short && text !== null) return `${short}=${escaped(text)}`;
    return `${attribute.type}=#${Buffer.from(attribute.value.toBER()).toString('hex')}`;
  }).reverse().join(',');
}

const NCA_IIN = /^IIN(\d{12})$/;

/** The IIN a subject names in its serialNumber attribute (NCA: "IIN" + 12 digits); null if none. */
export function iinOf(name: RelativeDistinguishedNames): string | null {
  for (const attribute of name.typesAndValues) {
    if (attribute.type !== SERIAL_NUMBER) continue;
    const match = NCA_IIN.exec(stringOf(attribute.value)?.trim() ?? '');
    if (match) return match[1]!;
  }
  return null;
}

/** The subject's common name (CN): the person's name on an NCA certificate; null if none. */
export function commonNameOf(name: RelativeDistinguishedNames): string | null {
  const text = stringOf(name.typesAndValues.find((attribute) => attribute.type === '2.5.4.3')?.value)?.trim();
  return text || null;
}
