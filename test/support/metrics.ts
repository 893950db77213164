import { metrics } from '../../src/runtime/metrics.ts';

/** A counter's values now, by its one label's value (`{ created: 2, rejected: 1 }`). */
export async function counted(name: string): Promise<Record<string, number>> {
  const metric = metrics.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return Object.fromEntries(values.map(({ labels, value }) => [String(Object.values(labels)[0]), value]));
}

/** How much each label's count grew from `before` to `after` (labels that did not grow left out). */
export function growth(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([label, value]) => [label, value - (before[label] ?? 0)]).filter(([, grown]) => grown !== 0));
}
