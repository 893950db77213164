export type { CardTransfer as CardTransferMapper } from './card-transfer.entity.ts';
