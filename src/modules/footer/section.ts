import type { FooterInput, OrganisationInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { cardPart, listSection, partValue } from '../card/card-section.ts';
import { CardSignature } from './footer.entity.ts';
import { footerPrinted, signaturesPrinted } from './printed.ts';

// The footer of the form: the issuing organisation, the date filled and the executor who keeps the
// card (on the card row), and the signatures (rows of their own), which name the signatories.

function organisationValue(checks: Checks, field: readonly string[], input: OrganisationInput) {
  const { name, address, phone, email, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'name'], name).text([...field, 'address'], address, false);
  return { name: name.trim(), address: text(address), phone: phone ?? null, email: email ?? null };
}

/** Footer — checks the organisation and the date filled; gives the card properties they set. */
export function footerValues(checks: Checks, input: FooterInput, openedOn: string, field: readonly string[] = ['input']) {
  const { organisation, filledOn, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'filledOn'], filledOn).order([...field, 'filledOn'], openedOn, filledOn, 'the opening of the card');
  return {
    organisation: organisation ? organisationValue(checks, [...field, 'organisation'], organisation) : null,
    filledOn: filledOn ?? null,
  };
}

/**
 * Footer — the issuing organisation and the date filled; and the head's name as typed before
 * signing was verified (no longer written: the head's signature names them, and the history keeps
 * every name typed before).
 */
export const footer = cardPart({
  name: 'footer',
  printed: footerPrinted,
  type: 'CardFooter',
  snapshot: (card) => partValue({ organisation: card.organisation ?? null, headName: card.headName ?? null, filledOn: card.filledOn ?? null }),
  restore: (value) => ({ ...value }),
});

/** Footer — the executor who keeps the card and signs it as EXECUTOR: a user of the keeping center. */
export const executor = cardPart({
  name: 'executor',
  type: 'CardKeeper',
  snapshot: (card) => (card.executorSubject || card.executorName ? partValue({ userId: card.executorSubject ?? null, fullName: card.executorName ?? null }) : null),
  restore: (value) => ({ executorSubject: (value?.userId as string | null | undefined) ?? null, executorName: (value?.fullName as string | null | undefined) ?? null }),
});

/** Footer — the signatures: evidence, never voided or changed, and not part of the document they sign. */
export const signatures = listSection({
  name: 'signature',
  printed: signaturesPrinted,
  documentKey: null,
  entity: CardSignature,
  types: { CardSignature: () => true },
  order: [{ property: 'signedAt', cast: 'timestamptz' }, { property: 'id', cast: 'bigint' }],
  voidable: false,
});
