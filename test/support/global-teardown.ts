import type pg from 'pg';
import { TEMPLATE_CLAIM } from './global-setup.ts';

/** Ends the run's claim on its template database (global-setup.ts), so a later run may remove it. */
export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<symbol, unknown>)[TEMPLATE_CLAIM] as pg.Client | undefined)?.end();
}
