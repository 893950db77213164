import type { SqlEntityManager } from '@mikro-orm/sql';
import type { CardSignInput, FooterInput, SignatoryRole } from '../../generated/graphql.ts';
import type { Principal } from '../access/principal.ts';
import { allHandled } from '../base/inputs.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { cardDocument, sha256 } from '../card/card-document.ts';
import { Card } from '../card/card.entity.ts';
import { changeCard, failedChange, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import { readWholeCards } from '../card/whole-card.ts';
import { CardSignature } from './footer.entity.ts';
import { verifySignature, type SignerCertificate } from './signature-verification.ts';
import { executor, footer, footerValues, signatures } from './section.ts';

// Footer: the issuing organisation, the executor who keeps the card, the date filled, and the
// signatures. A signature covers one version of the card: the SHA-256 of the UTF-8 bytes of that
// version's canonical document (RFC 8785), signed by the signed-in user as detached CMS, verified
// before it is stored (signature-verification.ts). Two people sign: the executor who keeps the
// card, and a head of the keeping center who is not that executor.

/** Footer — sets or corrects the organisation and the date filled. */
export function updateFooter(deps: ChangeDeps, cardId: string, version: number, input: FooterInput) {
  return changeCard(deps, { cardId, version, action: 'cardUpdateFooter' }, async (change) => {
    const checks = change.checks();
    const values = footerValues(checks, input, change.card.openedOn);
    checks.orReject();
    change.updateCard(footer, (card) => change.em.assign(card, values as never));
  });
}

/** The user a change makes the executor: a caseworker or head acting as themselves (in-process use: its actor). */
export function keeperOf(deps: ChangeDeps): { subject: string; name: string | null } | null {
  const principal = deps.access?.principal;
  if (principal && principal.role !== 'CASEWORKER' && principal.role !== 'HEAD') return null;
  return { subject: deps.actor.id, name: deps.actor.name };
}

/** Footer — makes the user of `deps` the executor who keeps the card of `change` (nothing if they are). */
export function keepCard(change: CardChange, keeper: { subject: string; name: string | null }): void {
  if (change.card.executorSubject === keeper.subject && change.card.executorName === keeper.name) return;
  change.updateCard(executor, (card) => {
    card.executorSubject = keeper.subject;
    card.executorName = keeper.name;
  });
}

/** Footer — the card no longer has an executor (it moved to another center). */
export function releaseCard(change: CardChange): void {
  if (!change.card.executorSubject && !change.card.executorName) return;
  change.updateCard(executor, (card) => {
    card.executorSubject = null;
    card.executorName = null;
  });
}

/** Footer — the signed-in caseworker or head of the keeping center becomes the executor who keeps the card. */
export function takeOverCard(deps: ChangeDeps, cardId: string, version: number) {
  return changeCard(deps, { cardId, version, action: 'cardTakeOver' }, async (change) => {
    const keeper = keeperOf(deps);
    if (!keeper) throw new Rejected([userError(['id'], 'FORBIDDEN', 'only a caseworker or head keeps a card')]);
    if (change.card.executorSubject === keeper.subject) throw new Rejected([userError(['id'], 'INVALID_VALUE', 'you already keep this card')]);
    keepCard(change, keeper);
  });
}

type Refusal = Parameters<typeof userError>[1];
const refuse = (field: string[] | null, code: Refusal, message: string) => new Rejected([userError(field, code, message)]);

/** Who may sign `card` in `role`: the executor who keeps it, or a head who is not the version's other signer. */
async function checkSigner(em: SqlEntityManager, card: Card, principal: Principal, role: SignatoryRole): Promise<void> {
  if (role === 'EXECUTOR' && card.executorSubject !== principal.subject) {
    throw refuse(['input', 'role'], 'NOT_EXECUTOR', card.executorSubject
      ? 'only the executor who keeps the card signs as EXECUTOR'
      : 'nobody keeps this card yet: take it over (cardTakeOver) to sign as EXECUTOR');
  }
  if (role === 'HEAD' && principal.role !== 'HEAD') throw refuse(['input', 'role'], 'FORBIDDEN', 'only a head signs as HEAD');
  const other = role === 'HEAD' ? 'EXECUTOR' : 'HEAD';
  const others = await em.find(CardSignature, { card: card.id, cardVersion: card.version, role: other });
  if (others.some((s) => s.signerSubject === principal.subject || s.signerIin === principal.iin)) {
    throw refuse(['input', 'role'], 'SAME_SIGNER', `you signed this version as ${other}: the ${role === 'HEAD' ? "head's" : "executor's"} signature must be another person's`);
  }
}

/**
 * Footer — the signed-in user signs the current version (which must be `version`) in `role`; the
 * version does not change. The signature is verified before anything is stored, and before the
 * card is locked (an external verifier may take seconds): against the version read then, which the
 * change then finds unchanged or refuses as stale.
 */
export async function signCard(deps: ChangeDeps, cardId: string, version: number, input: CardSignInput) {
  const { role, signature: given, ...rest } = input;
  allHandled(rest);
  const principal = deps.access?.principal ?? null;
  // The moment of signing: the certificate is checked as of it, and the signature stored with it.
  const at = deps.now();
  let verified: { digest: string; signature: string; certificate: SignerCertificate; verifiedBy: 'LOCAL' | 'EXTERNAL' } | null = null;
  // The checks of who signs, made first against the card as read now; a card the caller may not
  // change, or a stale version, is left to the change itself to refuse as it refuses any.
  const em = deps.em.fork();
  const card = await em.findOne(Card, { id: cardId });
  const eligible = card && card.version === version && (!deps.access || (await deps.access.mayWrite(card)));
  if (eligible) {
    try {
      // Signing is a person attesting: there must be one, known by their IIN.
      if (!principal) throw refuse(null, 'FORBIDDEN', 'signing needs a signed-in user');
      if (!deps.signing) throw refuse(null, 'SIGNING_NOT_CONFIGURED', 'signing is not configured on this server (no trusted CA certificates: SIGNATURE_TRUST_DIR)');
      if (!principal.iin) throw refuse(null, 'SIGNER_IIN_UNKNOWN', 'your sign-in names no IIN (token claim "iin"), so no certificate can be matched to you');
      await checkSigner(em, card, principal, role);
      const document = cardDocument((await readWholeCards(em, [card])).get(card.id)!);
      const digest = sha256(document);
      const verification = await verifySignature(deps.signing, { signature: given, document, digest, iin: principal.iin, at });
      if (!verification.ok) throw refuse(['input', 'signature'], verification.code, verification.message);
      verified = { digest, signature: verification.signature, certificate: verification.certificate, verifiedBy: verification.verifiedBy };
    } catch (error) {
      return failedChange(error);
    }
  }
  return changeCard(deps, { cardId, version, action: 'cardSign', bumpVersion: false }, async (change) => {
    // Unverified, the card was not as the caller saw it (it changed, or came to their center, since).
    if (!verified || !principal) throw refuse(['version'], 'STALE_CARD', 'the card changed since this version; reload it and try again');
    await checkSigner(change.em, change.card, principal, role);
    const { certificate } = verified;
    return change.add(signatures, {
      role, signerSubject: principal.subject, signerIin: principal.iin, signerName: principal.name ?? certificate.commonName ?? principal.subject,
      signedAt: at, cardVersion: change.card.version, digest: verified.digest, signature: verified.signature,
      certificateSubject: certificate.subject, certificateSerialNumber: certificate.serialNumber, certificateIssuer: certificate.issuer,
      certificateValidFrom: certificate.validFrom, certificateValidTo: certificate.validTo, verifiedBy: verified.verifiedBy,
    });
  });
}
