import { describe, expect, it } from '@jest/globals';
import { normalizeMoney, sumMoney } from '../../src/modules/base/money.ts';

describe('normalizeMoney', () => {
  it.each([
    ['0', '0.00'],
    ['0.0', '0.00'],
    ['0.00', '0.00'],
    ['0.5', '0.50'],
    ['0.05', '0.05'],
    ['7', '7.00'],
    ['1500', '1500.00'],
    ['1500.5', '1500.50'],
    ['1500.50', '1500.50'],
    ['1500.05', '1500.05'],
    ['185000.00', '185000.00'],
    ['100000000000', '100000000000.00'], // 12 integer digits
    ['999999999999', '999999999999.00'],
    ['999999999999.9', '999999999999.90'],
    ['999999999999.99', '999999999999.99'],
  ])('gives %j the canonical form %j', (input, canonical) => {
    expect(normalizeMoney(input)).toBe(canonical);
  });

  it.each([
    ['-1', 'negative'],
    ['-0', 'negative zero'],
    ['-0.01', 'negative'],
    ['-1500.50', 'negative'],
    ['1.234', 'three fraction digits'],
    ['0.001', 'three fraction digits'],
    ['1500.500', 'three fraction digits, even if the third is zero'],
    ['1000000000000', '13 integer digits'],
    ['1000000000000.00', '13 integer digits'],
    ['9999999999999.99', '13 integer digits'],
    ['01', 'leading zero'],
    ['00', 'leading zero'],
    ['00.50', 'leading zero'],
    ['0001500.00', 'leading zeros'],
    ['1e3', 'exponent'],
    ['1E3', 'exponent'],
    ['1.5e2', 'exponent'],
    ['15e-1', 'negative exponent'],
    [' 1500.00', 'leading space'],
    ['1500.00 ', 'trailing space'],
    ['1 500.00', 'space as thousands separator'],
    ['1500.00\n', 'trailing newline'],
    ['1\u00a0500.00', 'no-break space as thousands separator'],
    ['1,500.00', 'comma as thousands separator'],
    ['1500,50', 'comma as decimal separator'],
    ['+1500', 'plus sign'],
    ['.5', 'no integer part'],
    ['1500.', 'no fraction digits after the point'],
    ['1.2.3', 'two points'],
    ['', 'empty'],
    ['NaN', 'not a number'],
    ['Infinity', 'not a number'],
    ['0x10', 'hexadecimal'],
    ['１５００', 'full-width digits'],
    ['1500.00 KZT', 'currency suffix'],
  ])('rejects %j (%s)', (input) => {
    expect(normalizeMoney(input)).toBeNull();
  });
});

describe('sumMoney', () => {
  it('adds exactly where binary floats would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30'); // 0.1 + 0.2 = 0.30000000000000004 as floats
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00'); // ten float 0.1s give 0.9999999999999999
    expect(sumMoney(['141075.00', '360000.10', '5000000.20'])).toBe('5501075.30');
    expect(sumMoney(['1500.5', '0.5'])).toBe('1501.00');
    expect(sumMoney(['0.01', '0.09'])).toBe('0.10');
    expect(sumMoney(['0.99', '0.01'])).toBe('1.00');
  });

  it('carries past 12 integer digits without losing a tiyn', () => {
    expect(sumMoney(['999999999999.99', '0.01'])).toBe('1000000000000.00');
    expect(sumMoney(['999999999999.99', '999999999999.99'])).toBe('1999999999999.98');
    // 9 999 999 999 999 900 tiyn > 2^53; a float sum gives 99999999999998.88
    expect(sumMoney(Array.from({ length: 100 }, () => '999999999999.99'))).toBe('99999999999999.00');
    expect(sumMoney(['900719925474.09', '900719925474.09'])).toBe('1801439850948.18');
  });

  it('counts null and undefined as zero', () => {
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney([null])).toBe('0.00');
    expect(sumMoney([undefined])).toBe('0.00');
    expect(sumMoney([null, undefined, null])).toBe('0.00');
    expect(sumMoney([null, '141075.00', undefined, '360000.10', null, '5000000.20'])).toBe('5501075.30');
    expect(sumMoney(['0.00', null, '0.05'])).toBe('0.05');
  });

  it('returns the canonical two-digit form for a single amount', () => {
    expect(sumMoney(['7'])).toBe('7.00');
    expect(sumMoney(['0.5'])).toBe('0.50');
    expect(sumMoney(['0.05'])).toBe('0.05');
    expect(sumMoney(['999999999999.99'])).toBe('999999999999.99');
  });
});
