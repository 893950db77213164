import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import { toGlobalId } from '../../src/api/relay.ts';
import type { Signing } from '../../src/modules/footer/signature-verification.ts';
import { HttpExternalVerifier } from '../../src/modules/footer/external-verifier.ts';
import { signingFrom } from '../../src/modules/footer/signing-from-settings.ts';
import { composeIin } from '../../src/modules/person/iin.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { wholeCard } from '../support/keeping.ts';
import { codesOf, servedApi, type Caller } from '../support/served-api.ts';
import { pdfPages, squeezed } from '../support/pdf-text.ts';
import { aCa, aSigner, gostSignature, signDetached, trustFolder, type TestCa, type TestSigner } from '../support/signing.ts';

// Footer: two people sign a version of the card, each as themselves: the executor who keeps the
// card, and a head of the keeping center who is not that executor. A signature is a detached CMS
// over the RFC 8785 canonical JSON of the version, verified before it is stored: its digest, its
// validity, the certificate's validity and chain to a trusted CA, and the IIN the certificate names.
// Certificates come from a CA of the tests' own; the API trusts it through SIGNATURE_TRUST_DIR.

const CENTER = 'CC-SIGN';
/** A valid IIN (the IIN scalar checks the check digit) of someone born on `birth`. */
const iinOf = (birth: string, sex: 'MALE' | 'FEMALE') => {
  for (let serial = 100; ; serial++) {
    const iin = composeIin(birth, sex, serial);
    if (iin) return iin;
  }
};
const CASEWORKER: Caller = { role: 'CASEWORKER', subject: 'cw-sign', careerCenter: CENTER, name: 'Ахметова Динара Серікқызы', iin: iinOf('1988-02-15', 'FEMALE') };
const HEAD: Caller = { role: 'HEAD', subject: 'head-sign', careerCenter: CENTER, name: 'Омаров Бауыржан Қайратұлы', iin: iinOf('1975-06-30', 'MALE') };
const OTHER_HEAD: Caller = { role: 'HEAD', subject: 'head-two', careerCenter: CENTER, name: 'Серікова Әсел', iin: iinOf('1982-01-01', 'FEMALE') };

let ca: TestCa;
let executorCert: TestSigner;
let headCert: TestSigner;
let otherHeadCert: TestSigner;
/** The external verifier's answer, as the test sets it; and what it was sent. */
let verifierAnswer: { status: number; body: unknown } = { status: 200, body: { valid: false, reason: 'not set' } };
const verifierRequests: any[] = [];
let verifier: Server;
let signing: Signing;
let externalVerifier: HttpExternalVerifier;

const served = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }), {
  signing: async () => {
    ca = await aCa();
    verifier = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        verifierRequests.push({ method: req.method, body: JSON.parse(body) });
        res.writeHead(verifierAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(verifierAnswer.body));
      });
    });
    await new Promise<void>((resolve) => verifier.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(verifier.address() as AddressInfo).port}/verify`;
    // As the server reads its settings: the folder of CA certificates, and the external verifier.
    signing = (await signingFrom(readSettings({ SIGNATURE_TRUST_DIR: await trustFolder(ca), SIGNATURE_VERIFIER_URL: url })))!;
    externalVerifier = signing.external as HttpExternalVerifier;
    // Without one, unless a test configures it.
    signing.external = null;
    return signing;
  },
});
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi(served.db.orm);
  await aCareerCenter(served.db.orm.em.fork(), { code: CENTER });
  [executorCert, headCert, otherHeadCert] = await Promise.all([
    aSigner(ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА', kind: 'RSA' }),
    aSigner(ca, { iin: HEAD.iin!, name: 'ОМАРОВ БАУЫРЖАН', kind: 'ECDSA' }),
    aSigner(ca, { iin: OTHER_HEAD.iin!, name: 'СЕРІКОВА ӘСЕЛ', kind: 'RSA-PSS' }),
  ]);
});
afterAll(() => new Promise((resolve) => verifier?.close(resolve)));

const SIGNATURE = `id role signerId signerIin signerName cardVersion digest signature signedAt coversCurrentVersion
  certificateSubject certificateSerialNumber certificateIssuer certificateValidFrom certificateValidTo verifiedBy`;
const SIGN = `mutation($id: ID!, $v: Int!, $role: SignatoryRole!, $signature: Signature!) {
  cardSign(id: $id, version: $v, input: { role: $role, signature: $signature }) { card { version } signature { ${SIGNATURE} } userErrors { field code message } } }`;
const TAKE_OVER = `mutation($id: ID!, $v: Int!) { cardTakeOver(id: $id, version: $v) { card { version footer { keptBy { userId fullName } } } userErrors { field code message } } }`;

const post = (query: string, variables: Record<string, unknown>, caller: Caller) => served.post(query, variables, caller);

async function status(id: string) {
  const answer = await post(`query($id: ID!) { card(id: $id) { version
    footer { keptBy { userId fullName } executor { fullName signature { id } } head { fullName signature { id } } }
    signatures { currentVersion document digest covered executor { ${SIGNATURE} } head { ${SIGNATURE} } all { id cardVersion } } } }`, { id }, CASEWORKER);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data.card;
}

function accepted(answer: Awaited<ReturnType<typeof post>>, field: string) {
  expect(answer.body.errors).toBeUndefined();
  const payload = answer.body.data[field];
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/** A card of the center, kept by the caseworker (taken over through the API); its global id and version. */
async function keptCard(keeper: Caller = CASEWORKER) {
  const card = await aCard().complete().save(served.db.orm.em.fork(), await centerOf());
  const id = toGlobalId('Card', card.id);
  const taken = accepted(await post(TAKE_OVER, { id, v: card.version }, keeper), 'cardTakeOver');
  return { id, version: taken.card.version as number };
}

async function centerOf() {
  const { CareerCenter } = await import('../../src/modules/career-center/career-center.entity.ts');
  return served.db.orm.em.fork().findOneOrFail(CareerCenter, { code: CENTER });
}

/** A signing refused with `code` on the signature input (unless told), the card and its signatures unchanged. */
async function refused(id: string, caller: Caller, variables: { v: number; role: string; signature: string }, code: string, field: string[] | null = ['input', 'signature']) {
  const before = await wholeCard(api, id);
  const payload = (await post(SIGN, { id, ...variables }, caller)).body.data.cardSign;
  expect(payload.userErrors).toEqual([expect.objectContaining({ code, field })]);
  expect(payload.signature).toBeNull();
  expect(await wholeCard(api, id)).toEqual(before);
  return payload.userErrors[0].message as string;
}

describe('cardTakeOver', () => {
  it('makes the signed-in caseworker the executor who keeps the card, recorded in its history; a card of another center is not found', async () => {
    const card = await aCard().save(served.db.orm.em.fork(), await centerOf());
    const id = toGlobalId('Card', card.id);
    const taken = accepted(await post(TAKE_OVER, { id, v: 1 }, CASEWORKER), 'cardTakeOver');
    expect(taken.card).toEqual({ version: 2, footer: { keptBy: { userId: 'cw-sign', fullName: CASEWORKER.name } } });
    const history = (await post(`query($id: ID!) { card(id: $id) { history(first: 10) { edges { node { action part actor oldValue newValue } } } } }`, { id }, HEAD)).body.data.card.history.edges;
    expect(history.map((e: any) => e.node).filter((n: any) => n.action === 'cardTakeOver'))
      .toEqual([{ action: 'cardTakeOver', part: 'executor', actor: 'cw-sign', oldValue: null, newValue: { userId: 'cw-sign', fullName: CASEWORKER.name } }]);
    // The head takes it over in turn; taking over a card one keeps already is refused.
    expect(accepted(await post(TAKE_OVER, { id, v: 2 }, HEAD), 'cardTakeOver').card.footer.keptBy).toEqual({ userId: 'head-sign', fullName: HEAD.name });
    expect((await post(TAKE_OVER, { id, v: 3 }, HEAD)).body.data.cardTakeOver.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE' })]);
    const elsewhere = (await post(TAKE_OVER, { id, v: 3 }, { ...CASEWORKER, careerCenter: 'CC-ELSEWHERE' })).body.data.cardTakeOver;
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })]);
    expect(codesOf(await post(TAKE_OVER, { id, v: 3 }, { role: 'ANALYST' }))).toEqual(['FORBIDDEN']);
  });
});

describe('the executor who keeps the card', () => {
  const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version footer { keptBy { userId fullName } } } userErrors { code } } }`;

  it('is the caseworker who opens it; a move to another center makes the receiving caseworker keep it', async () => {
    const [here, there] = [await centerOf(), await aCareerCenter(served.db.orm.em.fork(), { code: 'CC-SIGN-B' })];
    const input = (center: { id: string }) => ({
      iin: iinOf('1991-09-09', 'MALE'), appliedOn: '2026-10-01', careerCenter: toGlobalId('CareerCenter', center.id),
      fullName: { surname: 'Жақсылықов', givenName: 'Ерлан' }, address: { region: 'KZ-75', district: 'KZ-75-002', street: 'Абай даңғылы' },
    });
    const opened = accepted(await post(OPEN, { input: input(here) }, CASEWORKER), 'cardOpen');
    expect(opened.card.footer.keptBy).toEqual({ userId: 'cw-sign', fullName: CASEWORKER.name });
    const receiver: Caller = { role: 'CASEWORKER', subject: 'cw-b', careerCenter: 'CC-SIGN-B', name: 'Бекова Айгерім' };
    const moved = accepted(await post(OPEN, { input: { ...input(there), appliedOn: '2026-10-05' } }, receiver), 'cardOpen');
    expect(moved.card.id).toBe(opened.card.id);
    expect(moved.card.footer.keptBy).toEqual({ userId: 'cw-b', fullName: 'Бекова Айгерім' });
  });

  it('is shown masked to an analyst, as are the signers and their certificates', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, executorCert) }, CASEWORKER), 'cardSign');
    const answer = await post(`query($id: ID!) { card(id: $id) { footer { keptBy { userId fullName } executor { fullName }
      signatures { signerId signerIin signerName certificateSubject signature certificateIssuer verifiedBy } } } }`, { id }, { role: 'ANALYST' });
    expect(answer.body.data.card.footer).toEqual({
      keptBy: { userId: null, fullName: '***' }, executor: { fullName: '***' },
      signatures: [
        // The builder's signature, stored before signatures were verified.
        { signerId: null, signerIin: null, signerName: '***', certificateSubject: null, signature: '***', certificateIssuer: null, verifiedBy: null },
        { signerId: null, signerIin: '************', signerName: '***', certificateSubject: '***', signature: '***', certificateIssuer: 'C=KZ,O=Tests,CN=Test National CA', verifiedBy: 'LOCAL' },
      ],
    });
  });
});

describe('cardSign', () => {
  it('a caseworker (the executor) and a head sign the same version, each as themselves, with verified certificates', async () => {
    const { id, version } = await keptCard();
    const before = await status(id);
    expect(before.version).toBe(version);
    // The digest, repeated as an outside verifier would: RFC 8785 of the document, UTF-8, SHA-256.
    const digest = createHash('sha256').update(canonicalize(JSON.parse(before.signatures.document))!, 'utf8').digest('hex');
    expect(before.signatures.digest).toBe(digest);
    expect(before.signatures.document).toBe(canonicalize(JSON.parse(before.signatures.document)));

    const executor = accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature: await signDetached(before.signatures.document, executorCert) }, CASEWORKER), 'cardSign');
    expect(executor.card.version).toBe(version);
    expect(executor.signature).toEqual(expect.objectContaining({
      role: 'EXECUTOR', signerId: 'cw-sign', signerIin: CASEWORKER.iin, signerName: CASEWORKER.name, cardVersion: version, digest, coversCurrentVersion: true,
      certificateSubject: `CN=АХМЕТОВА ДИНАРА,serialNumber=IIN${CASEWORKER.iin},C=KZ`, certificateIssuer: 'C=KZ,O=Tests,CN=Test National CA',
      certificateSerialNumber: Buffer.from(executorCert.certificate.serialNumber, 'hex').toString('hex').toUpperCase(), verifiedBy: 'LOCAL',
      certificateValidFrom: executorCert.certificate.notBefore.toISOString(), certificateValidTo: executorCert.certificate.notAfter.toISOString(),
    }));
    expect((await status(id)).signatures).toMatchObject({ covered: false, executor: { id: executor.signature.id }, head: null });

    const head = accepted(await post(SIGN, { id, v: version, role: 'HEAD', signature: await signDetached(before.signatures.document, headCert) }, HEAD), 'cardSign');
    expect(head.signature).toEqual(expect.objectContaining({
      role: 'HEAD', signerId: 'head-sign', signerIin: HEAD.iin, signerName: HEAD.name, digest, verifiedBy: 'LOCAL',
      certificateSubject: `CN=ОМАРОВ БАУЫРЖАН,serialNumber=IIN${HEAD.iin},C=KZ`,
    }));
    const after = await status(id);
    expect(after.version).toBe(version);
    expect(after.signatures).toMatchObject({ covered: true, executor: { id: executor.signature.id }, head: { id: head.signature.id } });
    // The footer names the signers, as their tokens name them.
    expect(after.footer).toEqual({
      keptBy: { userId: 'cw-sign', fullName: CASEWORKER.name },
      executor: { fullName: CASEWORKER.name, signature: { id: executor.signature.id } }, head: { fullName: HEAD.name, signature: { id: head.signature.id } },
    });
    // The stored signature is the CMS as given; the history records the signing.
    expect(after.signatures.executor.signature).toBe(executor.signature.signature);
  });

  it('prints both signatures on the card: who, in which role, when, the certificate, the version and digest signed', async () => {
    const { id, version } = await keptCard();
    const { document, digest } = (await status(id)).signatures;
    const printedText = async (language: string) => {
      const response = await served.get(`/cards/${id}.pdf?language=${language}`, CASEWORKER);
      expect(response.status).toBe(200);
      return squeezed((await pdfPages(new Uint8Array(await response.arrayBuffer()))).join(' '));
    };
    accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature: await signDetached(document, executorCert) }, CASEWORKER), 'cardSign');
    // One signature of two: the printed card says the version is not covered yet.
    expect(await printedText('kk')).toContain(squeezed('Бұл нұсқаға орындаушы да, басшы да қол қойды Жоқ'));
    accepted(await post(SIGN, { id, v: version, role: 'HEAD', signature: await signDetached(document, headCert) }, HEAD), 'cardSign');
    for (const [language, words] of [['kk', ['Орындаушы', 'Басшы немесе қол қоюға уәкілетті тұлға']], ['ru', ['Исполнитель', 'Руководитель или лицо, уполномоченное на подписание']]] as const) {
      const text = await printedText(language);
      expect(text).toContain(squeezed(language === 'kk' ? 'Бұл нұсқаға орындаушы да, басшы да қол қойды Иә' : 'Эта версия подписана и исполнителем, и руководителем Да'));
      // The footer's signatories, named by their signatures; then each signature, and the digest it covers.
      const footer = text.slice(0, text.indexOf(squeezed(language === 'kk' ? 'Электрондық цифрлық қолтаңбалар' : 'Электронные цифровые подписи')));
      expect(footer).toContain(squeezed(`${words[0]}${CASEWORKER.name}`));
      expect(footer).toContain(squeezed(`${words[1]}${HEAD.name}`));
      for (const subject of [`CN=АХМЕТОВА ДИНАРА,serialNumber=IIN${CASEWORKER.iin},C=KZ`, `CN=ОМАРОВ БАУЫРЖАН,serialNumber=IIN${HEAD.iin},C=KZ`]) {
        expect(text).toContain(squeezed(subject));
      }
      // The digest signed, twice (one per signature), and as the current version's (nothing changed since).
      expect(text.split(digest).length - 1).toBe(3);
    }
  });

  it('prints the version signed after the card has changed (version=N, or asOf a moment), by the route and by a link', async () => {
    const { id, version } = await keptCard();
    const { document, digest } = (await status(id)).signatures;
    accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature: await signDetached(document, executorCert) }, CASEWORKER), 'cardSign');
    const head = accepted(await post(SIGN, { id, v: version, role: 'HEAD', signature: await signDetached(document, headCert) }, HEAD), 'cardSign');
    // The card changes: another head takes it over, a new version nobody has signed.
    accepted(await post(TAKE_OVER, { id, v: version }, OTHER_HEAD), 'cardTakeOver');
    const printed = async (path: string, caller: Caller | null = OTHER_HEAD) => {
      const response = caller ? await served.get(path, caller) : await fetch(`${served.base}${path}`);
      expect(response.status).toBe(200);
      return { text: squeezed((await pdfPages(new Uint8Array(await response.arrayBuffer()))).join(' ')), filename: response.headers.get('content-disposition') };
    };
    const now = await printed(`/cards/${id}.pdf?language=kk`);
    expect(now.filename).toContain(`-v${version + 1}-kk.pdf`);
    expect(now.text).toContain(squeezed(`Басылған карта нұсқасы ${version + 1}`));
    expect(now.text).toContain(squeezed('Бұл нұсқаға орындаушы да, басшы да қол қойды Жоқ'));

    // The version signed, as it was last: both signatures, and the document they cover.
    const then = await printed(`/cards/${id}.pdf?language=kk&version=${version}`);
    expect(then.filename).toContain(`-v${version}-kk.pdf`);
    expect(then.text).toContain(squeezed(`Басылған карта нұсқасы ${version}`));
    expect(then.text).toContain(squeezed('Бұл нұсқаға орындаушы да, басшы да қол қойды Иә'));
    // Its digest: once per signature and once as the version's.
    expect(then.text.split(digest).length - 1).toBe(3);
    expect(then.text).toContain(squeezed('Карта мына сәттегі күйінде басылды'));
    expect(now.text).not.toContain(squeezed('Карта мына сәттегі күйінде басылды'));
    // As of the head's signing moment: the version then, without the head's signature (recorded
    // once it had been checked, a moment later).
    const atHead = await printed(`/cards/${id}.pdf?language=kk&asOf=${encodeURIComponent(head.signature.signedAt)}`);
    expect(atHead.filename).toBe(then.filename);
    expect(atHead.text.split(digest).length - 1).toBe(2);

    // Through links: of the version, and of the card read as it stood at a moment.
    const links = await post(`query($id: ID!, $at: DateTime!, $v: Int!) {
      now: card(id: $id) { printout(language: KK, version: $v) { url } }
      then: card(id: $id, asOf: $at) { version printout(language: KK) { url } } }`, { id, at: head.signature.signedAt, v: version }, OTHER_HEAD);
    expect(links.body.errors).toBeUndefined();
    const byVersion = await printed(links.body.data.now.printout.url, null);
    expect({ filename: byVersion.filename, digests: byVersion.text.split(digest).length - 1 }).toEqual({ filename: then.filename, digests: 3 });
    expect(links.body.data.then.version).toBe(version);
    const atMoment = await printed(links.body.data.then.printout.url, null);
    expect({ filename: atMoment.filename, digests: atMoment.text.split(digest).length - 1 }).toEqual({ filename: then.filename, digests: 2 });
  });

  it('accepts a signature of the same document given as PEM, by a head with an RSA-PSS key', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const base64 = await signDetached(signatures.document, otherHeadCert);
    const pem = `-----BEGIN CMS-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CMS-----\n`;
    const signed = accepted(await post(SIGN, { id, v: version, role: 'HEAD', signature: pem }, OTHER_HEAD), 'cardSign');
    // Stored as base64 of the DER, whatever the armour it came in.
    expect(signed.signature).toMatchObject({ signerIin: OTHER_HEAD.iin, verifiedBy: 'LOCAL', signature: base64 });
  });

  it('refuses a signature of another document (SIGNATURE_DIGEST_MISMATCH)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const other = JSON.stringify({ ...JSON.parse(signatures.document), card: 'another' });
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, executorCert, { digestOf: other }) }, 'SIGNATURE_DIGEST_MISMATCH');
  });

  it('refuses a signature that does not verify with its certificate (SIGNATURE_INVALID)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    // Made with another key than the certificate's it carries.
    const { pkijsCertificate } = await import('../support/signing.ts');
    const forged = await signDetached(signatures.document, headCert, { certificate: pkijsCertificate(executorCert.certificate) });
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: forged }, 'SIGNATURE_INVALID');
  });

  it('refuses an expired certificate and one not valid yet (CERTIFICATE_NOT_VALID)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const day = 86_400_000;
    const expired = await aSigner(ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА', notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - day) });
    expect(await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, expired) }, 'CERTIFICATE_NOT_VALID')).toContain('valid from');
    const future = await aSigner(ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА', notBefore: new Date(Date.now() + day), notAfter: new Date(Date.now() + 400 * day) });
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, future) }, 'CERTIFICATE_NOT_VALID');
  });

  it('refuses a certificate to sign in with, not to sign (CERTIFICATE_NOT_FOR_SIGNING): its key usage has no non-repudiation', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const authentication = await aSigner(ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА', usage: 'authentication' });
    const message = await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, authentication) }, 'CERTIFICATE_NOT_FOR_SIGNING');
    expect(message).toContain('non-repudiation');
  });

  it('refuses a certificate of a CA the API does not trust (CERTIFICATE_UNTRUSTED)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const rogue = await aSigner(await aCa('CN=Test National CA,O=Tests,C=KZ'), { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА' });
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, rogue) }, 'CERTIFICATE_UNTRUSTED');
  });

  it("refuses someone else's certificate: another IIN than the signed-in user's (SIGNER_MISMATCH)", async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const message = await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, headCert) }, 'SIGNER_MISMATCH');
    expect(message).toContain(HEAD.iin);
    const noIin = await aSigner(ca, { iin: '000000000000', name: 'X' });
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, noIin) }, 'SIGNER_MISMATCH');
  });

  it('refuses what is not a CMS signature (SIGNATURE_MALFORMED): "QUJD", garbage, not base64', async () => {
    const { id, version } = await keptCard();
    for (const signature of ['QUJD', Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)).toString('base64'), 'not base64!', 'MIIBIjANBgkqhkiG9w0BAQEFAAOC']) {
      await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature }, 'SIGNATURE_MALFORMED');
    }
  });

  it('refuses a head signing as EXECUTOR who does not keep the card (NOT_EXECUTOR), and a caseworker signing as HEAD (FORBIDDEN)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    await refused(id, HEAD, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, headCert) }, 'NOT_EXECUTOR', ['input', 'role']);
    await refused(id, CASEWORKER, { v: version, role: 'HEAD', signature: await signDetached(signatures.document, executorCert) }, 'FORBIDDEN', ['input', 'role']);
    // A card nobody keeps: nobody signs it as EXECUTOR until someone takes it over.
    const unkept = toGlobalId('Card', (await aCard().save(served.db.orm.em.fork(), await centerOf())).id);
    expect(await refused(unkept, CASEWORKER, { v: 1, role: 'EXECUTOR', signature: 'QUJD' }, 'NOT_EXECUTOR', ['input', 'role'])).toContain('cardTakeOver');
  });

  it('refuses one person giving both signatures of a version (SAME_SIGNER), in either order', async () => {
    const { id, version } = await keptCard(HEAD);
    const { signatures } = await status(id);
    const signature = await signDetached(signatures.document, headCert);
    accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature }, HEAD), 'cardSign');
    await refused(id, HEAD, { v: version, role: 'HEAD', signature }, 'SAME_SIGNER', ['input', 'role']);
    // Another head signs; the executor's signature is the first head's.
    accepted(await post(SIGN, { id, v: version, role: 'HEAD', signature: await signDetached(signatures.document, otherHeadCert) }, OTHER_HEAD), 'cardSign');

    const second = await keptCard(HEAD);
    const document = (await status(second.id)).signatures.document;
    accepted(await post(SIGN, { id: second.id, v: second.version, role: 'HEAD', signature: await signDetached(document, headCert) }, HEAD), 'cardSign');
    await refused(second.id, HEAD, { v: second.version, role: 'EXECUTOR', signature: await signDetached(document, headCert) }, 'SAME_SIGNER', ['input', 'role']);
  });

  it('refuses a user whose sign-in names no IIN (SIGNER_IIN_UNKNOWN)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    await refused(id, { ...CASEWORKER, iin: null }, { v: version, role: 'EXECUTOR', signature: await signDetached(signatures.document, executorCert) }, 'SIGNER_IIN_UNKNOWN', null);
  });

  it('lets no analyst, citizen or integration sign (FORBIDDEN)', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const signature = await signDetached(signatures.document, executorCert);
    for (const caller of [{ role: 'ANALYST' }, { role: 'CITIZEN', subject: CASEWORKER.iin }, { role: 'INTEGRATION', subject: 'gbd' }] as Caller[]) {
      const answer = await post(SIGN, { id, v: version, role: 'EXECUTOR', signature }, caller);
      expect(codesOf(answer)).toEqual(['FORBIDDEN']);
    }
    expect((await status(id)).signatures.all.filter((s: any) => s.cardVersion === version)).toEqual([]);
  });

  it('refuses a stale version (STALE_CARD), and a signature of an earlier version once the card changed', async () => {
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const signature = await signDetached(signatures.document, executorCert);
    await refused(id, CASEWORKER, { v: version - 1, role: 'EXECUTOR', signature }, 'STALE_CARD', ['version']);
    accepted(await post(`mutation($id: ID!, $v: Int!) { cardUpdateFooter(id: $id, version: $v, input: { filledOn: "2026-02-01" }) { userErrors { code } } }`, { id, v: version }, CASEWORKER), 'cardUpdateFooter');
    await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature }, 'STALE_CARD', ['version']);
    // The new version's digest differs: the earlier signature does not cover it.
    await refused(id, CASEWORKER, { v: version + 1, role: 'EXECUTOR', signature }, 'SIGNATURE_DIGEST_MISMATCH');
  });
});

describe('cardSign with a GOST 34.310 certificate', () => {
  it('is refused when no external verifier is configured (SIGNATURE_ALGORITHM_UNSUPPORTED)', async () => {
    signing.external = null;
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const signature = await gostSignature(signatures.document, ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА' });
    expect(await refused(id, CASEWORKER, { v: version, role: 'EXECUTOR', signature }, 'SIGNATURE_ALGORITHM_UNSUPPORTED')).toContain('1.2.398.3.10.1.1.1.1');
  });

  it('is accepted when the external verifier confirms it for the same IIN, which gets the signature and the document', async () => {
    signing.external = externalVerifier;
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const signature = await gostSignature(signatures.document, ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА' });
    verifierAnswer = { status: 200, body: { valid: true, iin: CASEWORKER.iin } };
    verifierRequests.length = 0;
    const signed = accepted(await post(SIGN, { id, v: version, role: 'EXECUTOR', signature }, CASEWORKER), 'cardSign');
    expect(signed.signature).toMatchObject({ verifiedBy: 'EXTERNAL', signerIin: CASEWORKER.iin, certificateSubject: `CN=АХМЕТОВА ДИНАРА,serialNumber=IIN${CASEWORKER.iin},C=KZ` });
    expect(verifierRequests).toEqual([{ method: 'POST', body: { signature, document: Buffer.from(signatures.document, 'utf8').toString('base64'), digest: signatures.digest, signedAt: signed.signature.signedAt } }]);
  });

  it('is refused when the verifier denies it (SIGNATURE_INVALID), names another IIN (SIGNER_MISMATCH), or does not answer (SIGNATURE_VERIFIER_UNAVAILABLE)', async () => {
    signing.external = externalVerifier;
    const { id, version } = await keptCard();
    const { signatures } = await status(id);
    const signature = await gostSignature(signatures.document, ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА' });
    const input = { v: version, role: 'EXECUTOR', signature };
    verifierAnswer = { status: 200, body: { valid: false, reason: 'certificate revoked' } };
    expect(await refused(id, CASEWORKER, input, 'SIGNATURE_INVALID')).toContain('certificate revoked');
    verifierAnswer = { status: 200, body: { valid: true, iin: HEAD.iin } };
    await refused(id, CASEWORKER, input, 'SIGNER_MISMATCH');
    verifierAnswer = { status: 503, body: {} };
    await refused(id, CASEWORKER, input, 'SIGNATURE_VERIFIER_UNAVAILABLE');
    signing.external = new HttpExternalVerifier({ url: 'http://127.0.0.1:9/verify', timeoutMs: 2000 });
    await refused(id, CASEWORKER, input, 'SIGNATURE_VERIFIER_UNAVAILABLE');
    signing.external = externalVerifier;
  });
});
