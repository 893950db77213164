import type { Clock } from '../../api/context.ts';
import { settings } from '../../runtime/settings.ts';

// Dates on the card are days in Kazakhstan (CARD_TIME_ZONE, Asia/Almaty unless set).

let dayFormat: Intl.DateTimeFormat | undefined;
/** Made on first use, so that importing this module reads no settings. */
const kazakhstanDays = () => (dayFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: settings().CARD_TIME_ZONE }));
/** The date in Kazakhstan at a moment, `YYYY-MM-DD`. */
export const kazakhstanDay = (at: Date): string => kazakhstanDays().format(at);

// Formatting a date with a time zone costs more than anything else a mobile list does per card
// (§18 asks for today's date once per card): the day is worked out once per second.
let lastDay = { second: Number.NaN, day: '' };

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== lastDay.second) lastDay = { second, day: kazakhstanDays().format(now) };
    return lastDay.day;
  },
};
