import { describe, expect, it } from '@jest/globals';
import type { LabourContract } from '../../src/modules/labour-contracts/labour-contract-registry.ts';
import { agrees, employerKey, findOutcomes, type OutcomeEntry } from '../../src/modules/labour-contracts/matching.ts';

// The matching rule of docs/labour-contracts.md, case by case.

const TODAY = '2026-11-29';
const contract = (data: Partial<LabourContract>): LabourContract => ({
  contractNumber: 'ТД-1', employerBin: '040340001234', employerName: 'ТОО «Береке»', position: 'бухгалтер',
  concludedOn: '2026-10-10', startedOn: '2026-10-12', endsOn: null, ...data,
});
const referral = (data: Partial<OutcomeEntry>): OutcomeEntry => ({
  type: 'Referral', id: '1', referredOn: '2026-10-01', employerName: 'ТОО «Береке»', periodEnd: null, hiringAct: null, refused: false, employment: null, ...data,
});
const training = (data: Partial<OutcomeEntry>): OutcomeEntry => ({
  type: 'ProfessionalTraining', id: '9', referredOn: '2026-06-01', employerName: null, periodEnd: '2026-09-30', hiringAct: null, refused: false, employment: null, ...data,
});
const numbers = (entries: OutcomeEntry[], contracts: LabourContract[]) =>
  findOutcomes(entries, contracts, TODAY).map((f) => [f.entry.id, f.outcome, f.contract.contractNumber]);

describe('employerKey', () => {
  it('leaves out case, quotes, punctuation and the legal form', () => {
    expect(employerKey('ТОО «Алматы Су»')).toBe(employerKey('Алматы   су, тоо'));
    expect(employerKey('ЖШС "Алматы Су"')).toBe('алматы су');
    expect(employerKey('АО «Казпочта»')).toBe('казпочта');
    expect(employerKey('ТОО «Береке»')).not.toBe(employerKey('ТОО «Береке Плюс»'));
  });
});

describe('findOutcomes', () => {
  it('a hiring act: a contract with the employer concluded from the referral to 92 days after it, concluded by today', () => {
    expect(numbers([referral({})], [contract({ concludedOn: '2026-09-30', startedOn: '2026-10-01', contractNumber: 'before' })])).toEqual([]);
    expect(numbers([referral({})], [contract({ concludedOn: '2026-10-01', contractNumber: 'same day', startedOn: '2026-10-01' })])).toEqual([['1', 'HIRING_ACT', 'same day']]);
    expect(numbers([referral({})], [contract({ concludedOn: '2027-01-01', startedOn: '2027-01-01' })])).toEqual([]);
    expect(numbers([referral({ referredOn: '2026-06-01' })], [contract({ concludedOn: '2026-09-02', startedOn: '2026-09-02' })])).toEqual([]);
    expect(numbers([referral({ referredOn: '2026-06-01' })], [contract({ concludedOn: '2026-09-01', startedOn: '2026-09-01' })])).toEqual([['1', 'HIRING_ACT', 'ТД-1']]);
    expect(numbers([referral({})], [contract({ employerName: 'ТОО «Другое»' })])).toEqual([]);
  });

  it('of two referrals to one employer, the later one led to the contract; the earlier takes an earlier contract if any', () => {
    const entries = [referral({ id: '1', referredOn: '2026-09-01' }), referral({ id: '2', referredOn: '2026-10-01' })];
    expect(numbers(entries, [contract({ contractNumber: 'B', concludedOn: '2026-10-10' })])).toEqual([['2', 'HIRING_ACT', 'B']]);
    expect(numbers(entries, [contract({ contractNumber: 'A', concludedOn: '2026-09-05', startedOn: '2026-09-05' }), contract({ contractNumber: 'B', concludedOn: '2026-10-10' })]))
      .toEqual([['2', 'HIRING_ACT', 'B'], ['1', 'HIRING_ACT', 'A']]);
  });

  it('permanent employment: indefinite or a year or more, started from the measure\'s end to 183 days after, by today', () => {
    expect(numbers([training({})], [contract({ startedOn: '2026-09-29', concludedOn: '2026-09-29' })])).toEqual([]);
    expect(numbers([training({})], [contract({ endsOn: '2027-06-30' })])).toEqual([]);
    expect(numbers([training({})], [contract({ endsOn: '2027-10-11' })])).toEqual([['9', 'PERMANENT_EMPLOYMENT', 'ТД-1']]);
    expect(numbers([training({ periodEnd: '2026-12-31' })], [contract({})])).toEqual([]);
    expect(numbers([training({ periodEnd: '2026-01-31', referredOn: '2026-01-01' })], [contract({})])).toEqual([]);
    expect(numbers([training({})], [contract({ contractNumber: 'later', startedOn: '2026-11-01', concludedOn: '2026-11-01' }), contract({})]))
      .toEqual([['9', 'PERMANENT_EMPLOYMENT', 'ТД-1']]);
  });

  it('what a caseworker recorded agrees with a contract by its number, or its date', () => {
    const [finding] = findOutcomes([referral({})], [contract({})], TODAY);
    const judged = (entry: Partial<OutcomeEntry>) => agrees({ ...finding!, entry: { ...finding!.entry, ...entry } });
    expect(judged({ hiringAct: { orderDate: '2026-10-20', orderNumber: 'тд-1 ', position: 'бухгалтер' } })).toBe(true);
    expect(judged({ hiringAct: { orderDate: '2026-10-12', orderNumber: '55-к', position: 'бухгалтер' } })).toBe(true);
    expect(judged({ hiringAct: { orderDate: '2026-10-20', orderNumber: '55-к', position: 'бухгалтер' } })).toBe(false);
    expect(judged({ refused: true })).toBe(false);
  });

  it('recorded employment agrees with any eligible contract of that employer from that day', () => {
    const contracts = [contract({}), contract({ contractNumber: 'X', employerName: 'ТОО «Другое»', startedOn: '2026-11-01', concludedOn: '2026-11-01' })];
    const [finding] = findOutcomes([training({})], contracts, TODAY);
    const judged = (employment: OutcomeEntry['employment']) => agrees({ ...finding!, entry: { ...finding!.entry, employment } });
    expect(judged({ employedOn: '2026-11-01', employerName: 'Другое ТОО', position: 'кто угодно' })).toBe(true);
    expect(judged({ employedOn: '2026-11-02', employerName: 'ТОО «Другое»', position: 'кто угодно' })).toBe(false);
  });
});
