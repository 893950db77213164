export type { Expectations as ExpectationsMapper, ExpectedWage as ExpectedWageMapper } from './expectations.entity.ts';
