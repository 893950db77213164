import { databaseSettings, ormOptions } from './src/db/config.ts';
import { ENTITIES } from './src/modules/entities.ts';

// For the MikroORM CLI; the application builds the same options in src/db/config.ts.
// DATABASE_URL selects a PostgreSQL server, otherwise the embedded PGlite cluster in PGLITE_DIR.
export default ormOptions(databaseSettings(), ENTITIES);
