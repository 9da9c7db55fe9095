import { describe, expect, it } from 'vitest';
import {
  formatWorkfrontDate,
  parseWorkfrontDate,
  startOfInstanceDay,
} from '../src/workfront/workfront-date.ts';

describe('formatWorkfrontDate', () => {
  it('writes a colon before the milliseconds and no colon in the offset', () => {
    expect(formatWorkfrontDate(Date.UTC(2026, 2, 25, 0, 0, 0, 0))).toBe(
      '2026-03-24T17:00:00:000-0700',
    );
  });

  it('keeps milliseconds and formats positive offsets', () => {
    expect(formatWorkfrontDate(Date.UTC(2017, 2, 24, 13, 0, 5, 42), 240)).toBe(
      '2017-03-24T17:00:05:042+0400',
    );
    expect(formatWorkfrontDate(Date.UTC(2026, 0, 1, 0, 0), 330)).toBe(
      '2026-01-01T05:30:00:000+0530',
    );
  });
});

describe('parseWorkfrontDate', () => {
  const time = Date.UTC(2026, 2, 24, 18, 30, 15, 250);

  it('reads what formatWorkfrontDate writes', () => {
    expect(parseWorkfrontDate(formatWorkfrontDate(time))).toBe(time);
    expect(parseWorkfrontDate('2017-03-24T17:00:00:000+0400')).toBe(Date.UTC(2017, 2, 24, 13));
  });

  it('reads ISO 8601 with a zone, and a bare day as midnight in the instance', () => {
    expect(parseWorkfrontDate(new Date(time).toISOString())).toBe(time);
    expect(parseWorkfrontDate('2026-03-24T11:30:15.250-07:00')).toBe(time);
    expect(parseWorkfrontDate('2026-03-24')).toBe(Date.UTC(2026, 2, 24, 7));
  });

  it('refuses anything else, a date without a zone included', () => {
    for (const text of ['', 'tomorrow', '2026-03-24T11:30', '24/03/2026', '2026-13-45T00:00Z']) {
      expect(parseWorkfrontDate(text)).toBeUndefined();
    }
  });
});

describe('startOfInstanceDay', () => {
  it('is midnight at UTC-7, even when UTC has already moved to the next day', () => {
    expect(startOfInstanceDay(Date.UTC(2026, 2, 25, 3, 0))).toBe(Date.UTC(2026, 2, 24, 7, 0));
    expect(startOfInstanceDay(Date.UTC(2026, 2, 25, 7, 0))).toBe(Date.UTC(2026, 2, 25, 7, 0));
  });
});
