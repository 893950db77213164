import { createServer } from 'node:http';
import { settings } from '../runtime/settings.ts';

// The floor of the benchmark: the deep list — a page of a center's cards with every
// section — answered by one hand-written SQL statement that builds the whole JSON body in the
// database, served by a bare node:http handler. Nothing is faster than this on the same database,
// so the API's requests/s are reported as a share of these.
//   DATABASE_URL=… PORT=… node src/bench/floor-server.ts    (or PGLITE_DIR=… for the embedded database)
// POST {"center": "<career center id>", "first": 50}  →  {"data":{"cards":{"edges":[{"node":{…}}]}}}

/** Every live row of a card's list section, as JSON, in id order (signatures are never voided). */
const section = (table: string, where = 't.card_id = c.id', live = 't.voided_at is null') =>
  `(select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]') from ${table} t where ${where} and ${live})`;

export const FLOOR_SQL = `
select json_build_object('data', json_build_object('cards', json_build_object('edges',
  coalesce(json_agg(json_build_object('node', page.card) order by page.id), '[]'))))::text as body
from (
  select c.id, to_jsonb(c) || jsonb_build_object(
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
  ) as card
  from card c where c.career_center_id = $1 order by c.id limit $2
) page`;

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
    try {
      const { center, first } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { center: string; first: number };
      const [row] = await query(FLOOR_SQL, [center, first]);
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
