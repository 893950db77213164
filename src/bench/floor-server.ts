import { createServer } from 'node:http';
import { systemClock } from '../modules/base/clock.ts';
import { registrationStatusSql } from '../modules/registration/registration.rules.ts';
import { settings } from '../runtime/settings.ts';

// The floors of the benchmark: each query of the mix answered by one hand-written SQL statement
// that builds the whole JSON body in the database, served by a bare node:http handler. Nothing is
// faster than this on the same database, so the API's requests/s are reported as a share of these.
// Like the API's answers, a floor's are built by the same rules (the §12 status, the next visit
// from today in Kazakhstan); unlike them, a floor checks no token and writes no read audit.
//   DATABASE_URL=… PORT=… node src/bench/floor-server.ts    (or PGLITE_DIR=… for the embedded database)
// POST /deep-list   {"center": "<career center id>", "first": 50}  →  {"data":{"cards":{"edges":[{"node":{…}}]}}}
// POST /card-by-iin {"iin": "…"}                                   →  {"data":{"cardByIin":{…}}}
// POST /mobile      {"center": "<career center id>", "first": 20}  →  {"data":{"cards":{"edges":[{"node":{id fullName registrationStatus nextPlannedVisit}}]}}}

/** Every live row of a card's list section, as JSON, in id order (signatures are never voided). */
const section = (table: string, where = 't.card_id = c.id', live = 't.voided_at is null') =>
  `(select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]') from ${table} t where ${where} and ${live})`;

/** The whole card `c`, every section, as one JSON value. */
const FULL_CARD = `to_jsonb(c) || jsonb_build_object(
    'careerCenter', (select to_jsonb(cc) from career_center cc where cc.id = c.career_center_id),
    'education', ${section('education_entry')},
    'registrations', ${section('registration')},
    'careerGuidance', ${section('career_guidance')},
    'referrals', ${section('referral')},
    'activeMeasures', (select coalesce(jsonb_agg(to_jsonb(m) || jsonb_build_object('familyMembers', ${section('relocation_family_member', 't.relocation_id = m.id')})
      order by m.referred_on, m.id), '[]') from active_measure m where m.card_id = c.id and m.voided_at is null),
    'specialWorkplaces', ${section('special_workplace')},
    'visits', ${section('visit')},
    'employmentPlan', ${section('employment_plan_row')},
    'signatures', ${section('card_signature', 't.card_id = c.id', 'true')}
  )`;

/** The §12 status of card `c`, by the rule the API's filter uses. */
const STATUS = `case when ${registrationStatusSql('c', 'UNEMPLOYED')} then 'UNEMPLOYED'
  when ${registrationStatusSql('c', 'JOB_SEEKER')} then 'JOB_SEEKER' else 'NONE' end`;

/** A page of cards as `{"data":{"cards":{"edges":[{"node": …}]}}}`; `node` is a JSON expression over `c`. */
const page = (node: string) => `
select json_build_object('data', json_build_object('cards', json_build_object('edges',
  coalesce(json_agg(json_build_object('node', ${node}) order by c.id), '[]'))))::text as body
from (select * from card where career_center_id = $1 order by id limit $2) c`;

/** The floors, by path: the statement and its parameters from the request's body. */
export const FLOORS: Record<string, { sql: string; params: (body: Record<string, unknown>) => unknown[] }> = {
  // (a) A page of a center's cards, every section.
  '/deep-list': { sql: page(FULL_CARD), params: (body) => [body.center, body.first] },
  // (b) One card by IIN, every section.
  '/card-by-iin': {
    sql: `select json_build_object('data', json_build_object('cardByIin', (select ${FULL_CARD} from card c where c.iin = $1)))::text as body`,
    params: (body) => [body.iin],
  },
  // (c) Mobile: §1 (the name), the §12 status and the earliest visit planned from today and not attended.
  '/mobile': {
    sql: page(`json_build_object('id', c.id,
      'fullName', json_build_object('surname', c.surname, 'givenName', c.given_name, 'patronymic', c.patronymic),
      'registrationStatus', ${STATUS},
      'nextPlannedVisit', (select json_build_object('plannedOn', v.planned_on) from visit v
        where v.card_id = c.id and v.voided_at is null and v.attended_on is null and v.planned_on >= $3::date
        order by v.planned_on, v.id limit 1))`),
    params: (body) => [body.center, body.first, systemClock.today()],
  },
};

type Query = (sql: string, params: unknown[]) => Promise<{ body: string }[]>;

async function database(): Promise<Query> {
  const { DATABASE_URL, PGLITE_DIR } = settings();
  if (DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
    return async (sql, params) => (await pool.query(sql, params)).rows;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(PGLITE_DIR!);
  return async (sql, params) => (await db.query<{ body: string }>(sql, params)).rows;
}

const query = await database();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const floor = FLOORS[req.url ?? ''];
    if (!floor) return void res.writeHead(404).end(`no floor at ${req.url}; there are ${Object.keys(FLOORS).join(', ')}`);
    try {
      const [row] = await query(floor.sql, floor.params(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      res.writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': '1' }).end(row!.body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(settings().PORT, '127.0.0.1', () => {
  const address = server.address();
  console.log(`floor listening on ${typeof address === 'object' && address ? address.port : address}`);
});
// Keep-alive connections would hold close() open: the bench is done with them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
