import { describe, expect, it } from '@jest/globals';
import { composeIin, iinControlDigit, parseIin } from '../../src/modules/person/iin.ts';

// Every expected IIN and control digit below was worked out independently of src/ (by hand and with
// a throw-away script), never by calling the code under test.
//
// Weights: first pass 1 2 3 4 5 6 7 8 9 10 11, second pass 3 4 5 6 7 8 9 10 11 1 2.
//
// First pass, 1990-05-17 male, serial 0001 → first 11 digits 9 0 0 5 1 7 3 0 0 0 1:
//   9·1 + 0·2 + 0·3 + 5·4 + 1·5 + 7·6 + 3·7 + 0·8 + 0·9 + 0·10 + 1·11
//   = 9 + 20 + 5 + 42 + 21 + 11 = 108;  108 mod 11 = 108 − 99 = 9  → 900517300019
//
// Second pass, 2001-01-01 female, serial 0001 → 0 1 0 1 0 1 6 0 0 0 1:
//   first:  0·1 + 1·2 + 0·3 + 1·4 + 0·5 + 1·6 + 6·7 + 0 + 0 + 0 + 1·11 = 2 + 4 + 6 + 42 + 11 = 65;
//           65 mod 11 = 65 − 55 = 10 → second pass
//   second: 0·3 + 1·4 + 0·5 + 1·6 + 0·7 + 1·8 + 6·9 + 0 + 0 + 0 + 1·2 = 4 + 6 + 8 + 54 + 2 = 74;
//           74 mod 11 = 74 − 66 = 8  → 010101600018
//
// Both passes 10, 1990-05-17 male, serial 0260 → 9 0 0 5 1 7 3 0 2 6 0:
//   first:  9 + 20 + 5 + 42 + 21 + 2·9 + 6·10 = 175;  175 mod 11 = 175 − 165 = 10
//   second: 9·3 + 5·6 + 1·7 + 7·8 + 3·9 + 2·11 + 6·1 = 27 + 30 + 7 + 56 + 27 + 22 + 6 = 175;  mod 11 = 10
//   → never issued: no 12th digit makes 90051730260x valid.

const NEVER_ISSUED_FIRST_11 = '90051730260';

describe('iinControlDigit', () => {
  it('uses the first pass when it is not 10', () => {
    expect(iinControlDigit('90051730001')).toBe(9); // 108 mod 11 = 9
    expect(iinControlDigit('85010110123')).toBe(9); // 97 mod 11 = 9
    expect(iinControlDigit('85010120123')).toBe(5); // 104 mod 11 = 5
    expect(iinControlDigit('90051730090')).toBe(0); // 187 mod 11 = 0
  });

  it('falls back to the second weights when the first pass gives 10', () => {
    expect(iinControlDigit('01010160001')).toBe(8); // 65 → 10; 74 mod 11 = 8
    expect(iinControlDigit('12082960010')).toBe(2); // 153 → 10; 200 mod 11 = 2
    expect(iinControlDigit('99123140001')).toBe(4); // 98 → 10; 147 mod 11 = 4
    expect(iinControlDigit('90051740067')).toBe(0); // 241 → 10; 176 mod 11 = 0
  });

  it('is null when both passes give 10', () => {
    expect(iinControlDigit(NEVER_ISSUED_FIRST_11)).toBeNull(); // 175 → 10; 175 → 10
    expect(iinControlDigit('90051740061')).toBeNull(); // 175 → 10; 164 → 10
  });
});

describe('parseIin', () => {
  it.each([
    // iin, birthDate, sex — one male and one female per century digit 1..6
    ['850101101239', '1885-01-01', 'MALE'], // digit 1 → 1800s, odd; 97 mod 11 = 9
    ['850101201235', '1885-01-01', 'FEMALE'], // digit 2 → 1800s, even; 104 mod 11 = 5
    ['960229100011', '1896-02-29', 'MALE'], // digit 1; 1896 is a leap year; 111 mod 11 = 1
    ['641203304567', '1964-12-03', 'MALE'], // digit 3 → 1900s; 216 mod 11 = 7
    ['900517300019', '1990-05-17', 'MALE'], // digit 3; 108 mod 11 = 9
    ['720630407891', '1972-06-30', 'FEMALE'], // digit 4 → 1900s; 320 mod 11 = 1
    ['991231400014', '1999-12-31', 'FEMALE'], // digit 4; second pass: 98 → 10, 147 mod 11 = 4
    ['180430400018', '1918-04-30', 'FEMALE'], // digit 4; second pass: 87 → 10, 118 mod 11 = 8
    ['960229300014', '1996-02-29', 'MALE'], // digit 3; 1996 is a leap year; 125 mod 11 = 4
    ['050311500022', '2005-03-11', 'MALE'], // digit 5 → 2000s; 90 mod 11 = 2
    ['000229500018', '2000-02-29', 'MALE'], // digit 5; 2000 is a leap year; 118 mod 11 = 8
    ['010101600018', '2001-01-01', 'FEMALE'], // digit 6 → 2000s; second pass (see above)
    ['120829600102', '2012-08-29', 'FEMALE'], // digit 6; second pass: 153 → 10, 200 mod 11 = 2
    ['900517300900', '1990-05-17', 'MALE'], // control digit 0 from the first pass: 187 mod 11 = 0
    ['900517400670', '1990-05-17', 'FEMALE'], // control digit 0 from the second pass: 241 → 10, 176 mod 11 = 0
  ] as const)('accepts %s: born %s, %s', (iin, birthDate, sex) => {
    expect(parseIin(iin)).toEqual({ ok: true, facts: { birthDate, sex } });
  });

  it('rejects every wrong control digit, also where the second pass decides', () => {
    for (const [first11, right] of [['90051730001', 9], ['01010160001', 8], ['12082960010', 2]] as const) {
      for (let digit = 0; digit <= 9; digit++) {
        const result = parseIin(`${first11}${digit}`);
        if (digit === right) {
          expect(result.ok).toBe(true);
        } else {
          expect(result).toEqual({ ok: false, reason: expect.stringMatching(/control digit/) });
        }
      }
    }
    // 01010160001: the first pass is 10; neither "10" nor a truncated "0"/"1" may be taken as the control digit.
    expect(parseIin('010101600010').ok).toBe(false);
    expect(parseIin('010101600011').ok).toBe(false);
  });

  it('rejects first 11 digits whose control value is 10 on both passes, whatever the 12th digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(parseIin(`${NEVER_ISSUED_FIRST_11}${digit}`)).toEqual({ ok: false, reason: expect.stringMatching(/no IIN is issued/) });
    }
  });

  it.each([
    '',
    '90051730001', // 11 digits
    '9005173000190', // 13 digits
    '90051730001A',
    'A00517300019',
    '900517-30001',
    '9005173000.9',
    '+90051730001',
    ' 900517300019',
    '900517300019 ',
    '900517300019\n',
    '900517 300019',
    '９００５１７３０００１９', // full-width digits
    '٩٠٠٥١٧٣٠٠٠١٩', // Arabic-Indic digits
  ])('rejects %j: not exactly 12 ASCII digits', (value) => {
    expect(parseIin(value)).toEqual({ ok: false, reason: expect.stringMatching(/12 digits/) });
  });

  it.each([
    ['900517000011', 0], // control digit correct: 87 → 10, 122 mod 11 = 1
    ['900517700014', 7], // 136 mod 11 = 4
    ['900517800010', 8], // 143 mod 11 = 0
    ['900517900017', 9], // 150 mod 11 = 7
  ])('rejects %s: century digit %i is not 1..6', (iin) => {
    expect(parseIin(iin)).toEqual({ ok: false, reason: expect.stringMatching(/7th digit/) });
  });

  it.each([
    ['310231300010', '31 February 1931'], // 66 mod 11 = 0
    ['900431300011', '31 April 1990'], // 78 mod 11 = 1
    ['901301300017', 'month 13'], // 62 mod 11 = 7
    ['900001300013', 'month 00'], // 47 mod 11 = 3
    ['900100300011', 'day 00'], // 45 mod 11 = 1
    ['900132300016', 'day 32'], // 72 mod 11 = 6
    ['000229300015', '29 February 1900 (not a leap year), male'], // 104 mod 11 = 5
    ['000229400011', '29 February 1900 (not a leap year), female'], // 111 mod 11 = 1
    ['000229100012', '29 February 1800 (not a leap year)'], // 90 mod 11 = 2
    ['970229300016', '29 February 1997'], // 127 mod 11 = 6
  ])('rejects %s: %s is not a real date, even with a correct control digit', (iin) => {
    expect(parseIin(iin)).toEqual({ ok: false, reason: expect.stringMatching(/not a real date/) });
  });

  it('tells 29 February 1900 from 29 February 2000 by the century digit alone', () => {
    expect(parseIin('000229300015').ok).toBe(false); // 1900
    expect(parseIin('000229500018')).toEqual({ ok: true, facts: { birthDate: '2000-02-29', sex: 'MALE' } }); // 2000
    expect(parseIin('000229600014')).toEqual({ ok: true, facts: { birthDate: '2000-02-29', sex: 'FEMALE' } }); // 125 mod 11 = 4
  });
});

describe('composeIin', () => {
  it('builds the IIN of a birth date, sex and zero-padded serial', () => {
    expect(composeIin('1990-05-17', 'MALE', 1)).toBe('900517300019');
    expect(composeIin('1990-05-17', 'MALE', 7)).toBe('900517300079'); // 174 mod 11 = 9
    expect(composeIin('1990-05-17', 'MALE', 0)).toBe('900517300009');
    expect(composeIin('1990-05-17', 'MALE', 9999)).toBe('900517399990');
    expect(composeIin('2001-01-01', 'FEMALE', 1)).toBe('010101600018');
    expect(composeIin('2012-08-29', 'FEMALE', 10)).toBe('120829600102');
    expect(composeIin('1885-01-01', 'MALE', 123)).toBe('850101101239');
    expect(composeIin('1972-06-30', 'FEMALE', 789)).toBe('720630407891');
    expect(composeIin('2099-12-31', 'FEMALE', 9999)).toBe('991231699993');
    expect(composeIin('1800-01-01', 'MALE', 0)).toBe('000101100006');
  });

  it('is null for a serial whose control value is 10 on both passes', () => {
    expect(composeIin('1990-05-17', 'MALE', 260)).toBeNull();
    expect(composeIin('1990-05-17', 'FEMALE', 61)).toBeNull(); // 90051740061: 175 → 10, 164 → 10
  });

  it('has no century digit outside 1800–2099', () => {
    expect(() => composeIin('1799-12-31', 'MALE', 1)).toThrow(RangeError);
    expect(() => composeIin('2100-01-01', 'FEMALE', 1)).toThrow(RangeError);
  });

  // For every serial 0..9999: how many are unissuable and the sum of the control digits of the rest,
  // counted independently of src/.
  it.each([
    ['1800-01-01', 'MALE', 82, 44672, '000101100006', '000101199997'],
    ['1800-01-01', 'FEMALE', 83, 44586, '000101200002', '000101299993'],
    ['1899-12-31', 'MALE', 83, 44617, '991231100000', '991231199991'],
    ['1899-12-31', 'FEMALE', 83, 44651, '991231200007', '991231299998'],
    ['1900-02-28', 'MALE', 83, 44627, '000228300007', '000228399990'],
    ['1900-02-28', 'FEMALE', 83, 44661, '000228400006', '000228499997'],
    ['1990-05-17', 'MALE', 83, 44632, '900517300009', '900517399990'],
    ['1990-05-17', 'FEMALE', 83, 44677, '900517400005', '900517499996'],
    ['1999-12-31', 'MALE', 83, 44586, '991231300003', '991231399994'],
    ['1999-12-31', 'FEMALE', 83, 44620, '991231400002', '991231499990'],
    ['2000-01-01', 'MALE', 82, 44610, '000101500001', '000101599992'],
    ['2000-01-01', 'FEMALE', 83, 44645, '000101600008', '000101699999'],
    ['2000-02-29', 'MALE', 83, 44640, '000229500008', '000229599999'],
    ['2000-02-29', 'FEMALE', 82, 44626, '000229600004', '000229699995'],
    ['2024-02-29', 'MALE', 83, 44647, '240229500007', '240229599998'],
    ['2024-02-29', 'FEMALE', 83, 44582, '240229600003', '240229699994'],
    ['2099-12-31', 'MALE', 83, 44665, '991231500006', '991231599997'],
    ['2099-12-31', 'FEMALE', 83, 44589, '991231600002', '991231699993'],
  ] as const)('round-trips %s %s through parseIin for serials 0..9999', (birthDate, sex, unissuable, controlSum, first, last) => {
    let nulls = 0;
    let sum = 0;
    const wrong: string[] = []; // collected rather than asserted one by one: 10 000 expects are slow
    for (let serial = 0; serial <= 9999; serial++) {
      const iin = composeIin(birthDate, sex, serial);
      if (iin === null) {
        nulls++;
        continue;
      }
      const parsed = parseIin(iin);
      if (!/^\d{12}$/.test(iin) || iin.slice(7, 11) !== String(serial).padStart(4, '0')) {
        wrong.push(`serial ${serial}: ${iin} does not end in the serial and a control digit`);
      } else if (!parsed.ok) {
        wrong.push(`serial ${serial}: ${iin} does not parse: ${parsed.reason}`);
      } else if (parsed.facts.birthDate !== birthDate || parsed.facts.sex !== sex) {
        wrong.push(`serial ${serial}: ${iin} parses as ${JSON.stringify(parsed.facts)}`);
      }
      sum += Number(iin[11]);
    }
    expect(wrong).toEqual([]);
    expect(composeIin(birthDate, sex, 0)).toBe(first);
    expect(composeIin(birthDate, sex, 9999)).toBe(last);
    expect(nulls).toBe(unissuable);
    expect(sum).toBe(controlSum);
  });
});
