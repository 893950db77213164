import type { ListSection, PrintedSection, Section } from '../card/card-section.ts';
import { SECTIONS } from '../sections.ts';

// The printed form, derived from the sections' own declarations (`printed` in each section.ts):
// every section of Appendix 1 that some section of the card fills, in the form's order.

/** A printed section and the section of the card whose value or entries fill it. */
export interface FormSection {
  readonly printed: PrintedSection;
  readonly source: Section;
}

/** The footer comes after §20; what follows it ('footer.1') after the footer. */
const FOOTER = 21;

/** The order of a form number: '2' < '10' < '10.1' < '10.2' < '11' < 'footer' < 'footer.1'. */
export function formOrder(number: string): number[] {
  return number.split('.').map((part) => (part === 'footer' ? FOOTER : Number(part)));
}

function compareNumbers(a: string, b: string): number {
  const [x, y] = [formOrder(a), formOrder(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? -1) - (y[i] ?? -1);
    if (difference) return difference;
  }
  return 0;
}

/** Every printed section of `sections`, in the form's order. */
export function printedForm(sections: readonly Section[] = SECTIONS): FormSection[] {
  return sections.flatMap((source) => (source.printed ?? []).map((printed) => ({ printed, source })))
    .sort((a, b) => compareNumbers(a.printed.number, b.printed.number));
}

/** How the form writes a number before a heading: '12. ', a subsection '1) ', the footer none. */
export function numberShown(number: string): string {
  if (number.startsWith('footer')) return '';
  const parts = number.split('.');
  return parts.length === 1 ? `${number}. ` : `${parts.at(-1)}) `;
}

/** The list section a printed section takes its entries from, if it is one. */
export const listOf = (form: FormSection): ListSection | null => (form.source.kind === 'list' ? form.source : null);
