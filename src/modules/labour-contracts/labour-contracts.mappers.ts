export type { OutcomeConflict as OutcomeConflictMapper } from './outcome-conflict.entity.ts';
export type { LabourContract as LabourContractMapper } from './labour-contract-registry.ts';
