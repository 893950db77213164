import { openOrm, migrate } from './src/db/orm.ts';
import { seedDemoData } from './src/db/seed/seeder.ts';
import { Territories } from './src/modules/dictionary/territories.ts';
import { createApolloServer } from './src/graphql/apollo.ts';
import { buildSchema } from './src/graphql/schema.ts';
import { createContext } from './src/graphql/context.ts';
const orm = await openOrm({ embeddedDir: 'memory://' }); await migrate(orm);
const territories = await Territories.load(orm.em.fork());
await seedDemoData(orm, territories, { cards: 200 });
const server = createApolloServer(buildSchema()); await server.start();
const q = `{ statistics(period: {from: "2020-01-01", to: "2026-11-29"}, groupBy: [SEX, AGE_GROUP, EDUCATION_LEVEL]) {
  registrations { group { dimension code label } kind applied registered refused deregistered }
  refusalReasons { group { code } kind reason reasonLabel(language: RU) count }
  referrals { group { code label(language: RU) } referred hired refused hiredShare }
  activeMeasures { group { code } kind referred employedPermanently employedWithin30Days employedWithin90Days averageDaysToEmployment }
  relocation { group { code } families persons relocationExpenses rentReimbursement economicMobilityCertificate total }
} t: statistics(period: {from: "2020-01-01", to: "2026-11-29"}) { relocation { families persons total } referrals { referred hiredShare } activeMeasures { kind referred employedPermanently employedWithin30Days employedWithin90Days averageDaysToEmployment } }
  d: statistics(period: {from: "2020-01-01", to: "2026-11-29"}, groupBy: [REGION, DISTRICT, CAREER_CENTER], filter: { ageGroup: AGE_25_34, educationLevel: "HIGHER" }) { registrations { group { code label } kind registered } } }`;
const r = await server.executeOperation({ query: q }, { contextValue: createContext(orm, territories) });
const out = JSON.stringify((r.body as any).singleResult, null, 0);
const d = (r.body as any).singleResult; console.log(JSON.stringify(d.errors)); console.log(JSON.stringify(d.data.t)); console.log(JSON.stringify(d.data.statistics.relocation.slice(0,2))); console.log(JSON.stringify(d.data.statistics.activeMeasures.slice(0,3))); console.log(JSON.stringify(d.data.d.registrations.slice(0,2)));
await server.stop(); await orm.close();
