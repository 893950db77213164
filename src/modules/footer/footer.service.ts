import type { CardSignInput, FooterInput } from '../../generated/graphql.ts';
import { allHandled } from '../base/inputs.ts';
import { cardDocument, sha256 } from '../card/card-document.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { readWholeCards } from '../card/whole-card.ts';
import { footer, footerValues, signatures } from './section.ts';

// Footer: the issuing organisation, the signatories, the date filled, and the signatures. A
// signature covers one version of the card: the SHA-256 of that version's canonical document.

/** Footer — sets or corrects the organisation, the signatories' names and the date filled. */
export function updateFooter(deps: ChangeDeps, cardId: string, version: number, input: FooterInput) {
  return changeCard(deps, { cardId, version, action: 'cardUpdateFooter' }, async (change) => {
    const checks = change.checks();
    const values = footerValues(checks, input, change.card.openedOn);
    checks.orReject();
    change.updateCard(footer, (card) => change.em.assign(card, values as never));
  });
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Footer — signs the current version (which must be `version`); the version does not change. */
export function signCard(deps: ChangeDeps, cardId: string, version: number, input: CardSignInput) {
  const { role, signerName, signature: given, ...rest } = input;
  allHandled(rest);
  return changeCard(deps, { cardId, version, action: 'cardSign', bumpVersion: false }, async (change) => {
    const checks = change.checks().text(['input', 'signerName'], signerName);
    const signature = given.replace(/\s+/g, '');
    if (!signature || !BASE64.test(signature)) checks.add(['input', 'signature'], 'INVALID_VALUE', 'the signature is not base64 text');
    checks.orReject();
    const whole = (await readWholeCards(change.em, [change.card])).get(change.card.id)!;
    return change.add(signatures, {
      role, signerName: signerName.trim(), signedAt: change.now, cardVersion: change.card.version, digest: sha256(cardDocument(whole)), signature,
    });
  });
}
