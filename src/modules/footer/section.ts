import type { FooterInput, OrganisationInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { cardPart, listSection, partValue } from '../card/card-section.ts';
import { CardSignature } from './footer.entity.ts';
import { footerPrinted, signaturesPrinted } from './printed.ts';

// The footer of the form: the issuing organisation, the signatories and the date filled (on the
// card row), and the signatures (rows of their own).

function organisationValue(checks: Checks, field: readonly string[], input: OrganisationInput) {
  const { name, address, phone, email, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'name'], name).text([...field, 'address'], address, false);
  return { name: name.trim(), address: text(address), phone: phone ?? null, email: email ?? null };
}

/** Footer — checks the organisation, the signatories' names and the date filled; gives the card properties they set. */
export function footerValues(checks: Checks, input: FooterInput, openedOn: string, field: readonly string[] = ['input']) {
  const { organisation, executorName, headName, filledOn, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'executorName'], executorName, false).text([...field, 'headName'], headName, false)
    .happened([...field, 'filledOn'], filledOn).order([...field, 'filledOn'], openedOn, filledOn, 'the opening of the card');
  return {
    organisation: organisation ? organisationValue(checks, [...field, 'organisation'], organisation) : null,
    executorName: text(executorName), headName: text(headName), filledOn: filledOn ?? null,
  };
}

/** Footer — the issuing organisation, the signatories' names and the date filled. */
export const footer = cardPart({
  name: 'footer',
  printed: footerPrinted,
  type: 'CardFooter',
  snapshot: (card) => partValue({
    organisation: card.organisation ?? null, executorName: card.executorName ?? null, headName: card.headName ?? null, filledOn: card.filledOn ?? null,
  }),
  restore: (value) => ({ ...value }),
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
