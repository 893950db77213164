import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import * as x509 from '@peculiar/x509';
import { RelativeDistinguishedNames } from 'pkijs';
import { commonNameOf, iinOf, nameOf } from '../../src/modules/footer/certificate-names.ts';

// Footer: signing — a certificate's names as stored with a signature: RFC 4514 strings, and the
// signer's IIN as the Kazakh national CA writes it into the subject's serialNumber.

const named = (name: x509.JsonName) => RelativeDistinguishedNames.fromBER(new x509.Name(name).toArrayBuffer());

describe('certificate names', () => {
  it('are RFC 4514: last RDN first, short names, special characters escaped, other attributes as OID=#hex', () => {
    const name = named([{ C: ['KZ'] }, { '2.5.4.5': ['IIN880215400123'] }, { CN: ['Ахметова, Динара+1'] }, { '1.2.840.113549.1.9.1': ['a@b.kz'] }, { O: [' #Tests '] }]);
    expect(nameOf(name)).toBe('O=\\ #Tests\\ ,1.2.840.113549.1.9.1=#16066140622e6b7a,CN=Ахметова\\, Динара\\+1,serialNumber=IIN880215400123,C=KZ');
    expect(commonNameOf(name)).toBe('Ахметова, Динара+1');
  });

  it('name the IIN of serialNumber "IIN" + 12 digits, and none otherwise', () => {
    expect(iinOf(named([{ '2.5.4.5': ['IIN880215400123'] }]))).toBe('880215400123');
    expect(iinOf(named([{ '2.5.4.5': ['BIN880215400123'] }, { CN: ['X'] }]))).toBeNull();
    expect(iinOf(named([{ '2.5.4.5': ['IIN88021540012'] }]))).toBeNull();
    expect(iinOf(named([{ CN: ['IIN880215400123'] }]))).toBeNull();
  });
});
