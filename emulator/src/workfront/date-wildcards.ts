import { instanceUtcOffsetMinutes } from './workfront-date.ts';

type Unit = 'h' | 'd' | 'w' | 'm' | 'q' | 'y';

/**
 * `$$TODAY` (midnight) and `$$NOW`, with the suffix `[b|e][+|-<n>][h|d|w|m|q|y]` of
 * workfront-api-constants: `$$TODAY+1w`, `$$NOW-2h`, `$$TODAYbm` (the first of this month),
 * `$$TODAYe` (midnight tomorrow), `$$TODAYe+1w` (the Sunday after next week). `b` and `e` are the
 * beginning and end of the unit, a day when none is given; weeks begin on Sunday. Calendar
 * arithmetic happens in the instance's time zone. Returns undefined for anything else.
 */
export function parseDateWildcard(text: string, now: number): number | undefined {
  const match = /^\$\$(TODAY|NOW)([be])?(?:([+-]\d+)([hdwmqy]))?([hdwmqy])?$/.exec(text);
  if (!match) return undefined;
  const [, anchor, edge, amount, offsetUnit, edgeUnit] = match;
  // A unit alone, or an offset and a unit after it, is only meaningful with b or e.
  if (edgeUnit !== undefined && (edge === undefined || offsetUnit !== undefined)) return undefined;
  const offsetMs = instanceUtcOffsetMinutes * 60_000;
  // The instance's wall-clock time, read with the UTC accessors.
  const local = new Date(now + offsetMs);
  if (anchor === 'TODAY') local.setUTCHours(0, 0, 0, 0);
  if (amount !== undefined && offsetUnit !== undefined) {
    move(local, Number(amount), offsetUnit as Unit);
  }
  if (edge !== undefined) {
    const unit = (edgeUnit ?? offsetUnit ?? 'd') as Unit;
    startOf(local, unit);
    if (edge === 'e') move(local, 1, unit);
  }
  return local.getTime() - offsetMs;
}

function move(date: Date, amount: number, unit: Unit): void {
  switch (unit) {
    case 'h':
      date.setUTCHours(date.getUTCHours() + amount);
      return;
    case 'd':
      date.setUTCDate(date.getUTCDate() + amount);
      return;
    case 'w':
      date.setUTCDate(date.getUTCDate() + 7 * amount);
      return;
    case 'm':
      addMonths(date, amount);
      return;
    case 'q':
      addMonths(date, 3 * amount);
      return;
    case 'y':
      addMonths(date, 12 * amount);
  }
}

/** 31 January + 1 month is 28 (or 29) February, as in Java's Calendar, not 3 March. */
function addMonths(date: Date, months: number): void {
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
}

function startOf(date: Date, unit: Unit): void {
  if (unit === 'h') {
    date.setUTCMinutes(0, 0, 0);
    return;
  }
  date.setUTCHours(0, 0, 0, 0);
  if (unit === 'w') date.setUTCDate(date.getUTCDate() - date.getUTCDay());
  if (unit === 'm' || unit === 'q' || unit === 'y') date.setUTCDate(1);
  if (unit === 'q') date.setUTCMonth(date.getUTCMonth() - (date.getUTCMonth() % 3));
  if (unit === 'y') date.setUTCMonth(0);
}
