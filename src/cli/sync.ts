import { parseArgs } from 'node:util';
import { databaseSettings } from '../db/config.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { systemClock } from '../modules/base/clock.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { registryFrom } from '../modules/verification/registry-from-settings.ts';
import { syncVerifications, type SyncTotals } from '../modules/verification/sync.ts';
import { registryActor } from '../modules/verification/verification.service.ts';
import { ENTITIES } from '../modules/entities.ts';

// npm run sync -- [--all | --older-than-days N] [--batch 200] [--concurrency 8] [--after CARD_ID]
// Rule 4: re-checks cards against the person registry (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE)
// in the configured database (DATABASE_URL or the embedded one).

const { values } = parseArgs({
  options: {
    all: { type: 'boolean', default: false },
    'older-than-days': { type: 'string', default: '30' },
    batch: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    after: { type: 'string' },
  },
});

function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
}
const olderThanDays = whole('older-than-days', values['older-than-days'], 0);
const batchSize = whole('batch', values.batch, 1);
const concurrency = whole('concurrency', values.concurrency, 1);
if (values.after !== undefined && !/^\d+$/.test(values.after)) throw new Error('--after must be a card id (digits)');

const registry = await registryFrom();
if (!registry) {
  console.error('No person registry configured: set PERSON_REGISTRY_URL (or PERSON_REGISTRY_FILE for development).');
  process.exit(2);
}

const counts = (t: SyncTotals) =>
  `checked ${t.checked}, verified ${t.verified} (${t.changed} changed), pending ${t.pending}, failed ${t.failed}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const orm = await openOrm(databaseSettings(), ENTITIES);
let lastId = values.after ?? null;
try {
  await migrate(orm);
  const territories = await Territories.load(orm.em.fork());
  console.log(`Checking ${values.all ? 'every card' : `cards not verified in the last ${olderThanDays} days`} against ${registry.name}`
    + ` (${batchSize} per batch, ${concurrency} lookups at a time${lastId ? `, after card ${lastId}` : ''})`);
  const totals = await syncVerifications(
    { em: orm.em.fork(), actor: registryActor(registry), territories, now: systemClock.now, today: systemClock.today, registry },
    {
      all: values.all, olderThanDays, batchSize, concurrency, afterId: lastId,
      onProgress: (progress) => {
        lastId = progress.lastId;
        console.log(`up to card ${progress.lastId}: ${counts(progress)}, ${seconds(progress.elapsedMs)}`);
      },
    },
  );
  console.log(`Done: ${counts(totals)}, elapsed ${seconds(totals.elapsedMs)}.`);
} catch (error) {
  console.error('Sync stopped:', error);
  if (lastId) console.error(`Every card up to ${lastId} is done; continue with --after ${lastId}.`);
  process.exitCode = 1;
} finally {
  await orm.close();
}
