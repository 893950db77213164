// Records of the labour-contract register as it answers them, for the stand-in server and files.

export interface ContractData {
  contractNumber: string;
  employerName: string;
  employerBin?: string;
  position: string;
  concludedOn: string;
  startedOn?: string;
  endsOn?: string | null;
}

/** A contract in the register's shape (work starts the day it is concluded, indefinite term, unless told). */
export const aContract = ({ employerName, employerBin = '040340001234', startedOn, endsOn = null, ...rest }: ContractData) => ({
  ...rest, employer: { bin: employerBin, name: employerName }, startedOn: startedOn ?? rest.concludedOn, endsOn,
});

/** The register's record of a person. */
export const contractsRecord = (iin: string, contracts: ContractData[]) => ({ iin, contracts: contracts.map(aContract) });
