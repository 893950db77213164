import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { dictionaries } from '../../src/modules/dictionary/codes.ts';
import { FONT_DIR, FONT_FILES } from '../../src/modules/printout/pdf-render.ts';
import { printedForm } from '../../src/modules/printout/printed-form.ts';
import { money, WORDS } from '../../src/modules/printout/printed-values.ts';

// The printed form as the sections declare it (`printed` in each section.ts): every section of
// Appendix 1 once, in the form's order, in both languages.

const form = printedForm();
const numbers = form.map(({ printed }) => printed.number);

describe('the printed form', () => {
  it('has §1–§20 and the footer, each exactly once, in the order of Appendix 1', () => {
    const topLevel = numbers.filter((number) => !number.includes('.'));
    expect(topLevel).toEqual([...Array.from({ length: 20 }, (_, i) => String(i + 1)), 'footer']);
  });

  it('has each subsection once, after its section', () => {
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((number) => number.includes('.'))).toEqual(['10.1', '10.2', '16.1', '16.2', '16.3', '16.4', 'footer.1']);
    expect(numbers.indexOf('16.1')).toBe(numbers.indexOf('16') + 1);
    expect(numbers.indexOf('16.4')).toBe(numbers.indexOf('17') - 1);
  });

  it('gives every heading and label in Kazakh and in Russian, and reads codes from dictionaries that exist', () => {
    for (const { printed } of form) {
      const fields = [...(printed.fields ?? []), ...(printed.rows?.columns ?? []), ...(printed.rows?.children?.columns ?? [])];
      for (const label of [printed.heading, ...fields.map((field) => field.label)]) {
        expect(label.kk.trim()).not.toBe('');
        expect(label.ru.trim()).not.toBe('');
      }
      for (const field of fields) if (typeof field.as === 'object') expect(dictionaries[field.as.dictionary]).toBeDefined();
    }
  });

  it('writes the Kazakh headings and labels in the words of the order, except those it says the form has not', () => {
    // The order's Kazakh text (docs/order-365-kk.txt, as published), compared without spacing,
    // punctuation, case or the blanks' underscores: the form writes "сомасы: ___ теңге;".
    const bare = (text: string) => text.toLowerCase().replace(/[\s\\_,:;.()«»"–—?-]+/gu, '');
    const order = bare(readFileSync(new URL('../../docs/order-365-kk.txt', import.meta.url), 'utf8'));
    const printedWords = form.flatMap(({ printed }) => [
      { label: printed.heading, notOnForm: printed.notOnForm },
      ...[...(printed.fields ?? []), ...(printed.rows?.columns ?? []), ...(printed.rows?.children?.columns ?? [])],
      ...(printed.rows?.children ? [{ label: printed.rows.children.heading, notOnForm: undefined }] : []),
    ]);
    const title = [WORDS.title, WORDS.subtitle].map((label) => ({ label, notOnForm: undefined }));
    const wrong = [...title, ...printedWords]
      // What is marked as not on the form must not be on it either: a mark is not a way round the check.
      .filter(({ label, notOnForm }) => order.includes(bare(label.kk)) === Boolean(notOnForm))
      .map(({ label, notOnForm }) => ({ kk: label.kk, notOnForm }));
    expect(wrong).toEqual([]);
  });

  it('writes money from its decimal text with two decimals, never through a float', () => {
    expect(money('4500000.5')).toBe('4\u00a0500\u00a0000,50');
    expect(money('0.1')).toBe('0,10');
    // Beyond a double's exact integers: a float would round the last digits.
    expect(money('123456789012345678.99')).toBe('123\u00a0456\u00a0789\u00a0012\u00a0345\u00a0678,99');
  });

  it('is printed in a font that has every letter of the Kazakh alphabet', () => {
    const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as { openSync(path: string): { glyphForCodePoint(cp: number): { id: number } } };
    for (const file of [FONT_FILES.normal, FONT_FILES.bold]) {
      const font = fontkit.openSync(join(FONT_DIR, file));
      const missing = [...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'].filter((letter) => font.glyphForCodePoint(letter.codePointAt(0)!).id === 0);
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
  });
});
