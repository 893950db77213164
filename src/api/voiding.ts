/** Rule 3 — the `voided` field of an entry: who voided it, when and why, or null. */
export function voidingOf(entry: { voidedAt?: Date | string | null; voidedBy?: string | null; voidReason?: string | null }) {
  return entry.voidedAt ? { at: entry.voidedAt, by: entry.voidedBy ?? '', reason: entry.voidReason ?? '' } : null;
}
