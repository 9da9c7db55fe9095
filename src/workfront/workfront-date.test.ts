import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseWorkfrontDate } from './workfront-date';

describe('parseWorkfrontDate', () => {
  it.each([
    ['2017-03-24T17:00:00:000+0400', '2017-03-24T13:00:00.000Z'],
    ['2026-03-24T17:00:00:000-0700', '2026-03-25T00:00:00.000Z'],
    ['2026-12-31T23:59:59:999+0000', '2026-12-31T23:59:59.999Z'],
    ['2026-06-01T00:30:00:250+0530', '2026-05-31T19:00:00.250Z'],
    ['2026-06-01T08:00:00-0200', '2026-06-01T10:00:00.000Z'],
    ['0050-01-01T00:00:00:000+0000', '0050-01-01T00:00:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseWorkfrontDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-03-24T17:00:00.000Z',
    '2026-03-24T17:00:00:000+04:00',
    '2026-03-24',
    '2026-02-31T10:00:00:000+0000',
    '2026-13-01T10:00:00:000+0000',
    '2026-01-01T24:00:00:000+0000',
    '2026-01-01T10:00:00:000+1560',
    'yesterday',
    '',
  ])('refuses %j', (input) => {
    expect(parseWorkfrontDate(input)).toBeNull();
  });
});

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Writes an instant as Workfront does: wall-clock time at `offsetMinutes` east of UTC. */
function formatWorkfrontDate(instant: Date, offsetMinutes: number, withMillis = true): string {
  const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    (withMillis ? `:${pad(wall.getUTCMilliseconds(), 3)}` : '') +
    `${sign}${pad(Math.floor(offset / 60))}${pad(offset % 60)}`
  );
}

/** Offsets the parser accepts: up to ±14:59. */
const offsets = fc.integer({ min: -(14 * 60 + 59), max: 14 * 60 + 59 });
/** Instants whose wall-clock year stays within four digits at every offset, years 0–99 included. */
const instants = fc.date({
  min: new Date('0000-01-01T15:00:00.000Z'),
  max: new Date('9999-12-31T08:59:59.999Z'),
  noInvalidDate: true,
});

describe('parseWorkfrontDate, for any instant and offset', () => {
  it('reads back the instant that was written, milliseconds included', () => {
    fc.assert(
      fc.property(instants, offsets, (instant, offset) => {
        const text = formatWorkfrontDate(instant, offset);
        expect(parseWorkfrontDate(text)?.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('reads a date without milliseconds as the whole second', () => {
    fc.assert(
      fc.property(instants, offsets, (instant, offset) => {
        const text = formatWorkfrontDate(instant, offset, false);
        const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
        expect(parseWorkfrontDate(text)?.getTime()).toBe(wholeSecond);
      }),
    );
  });

  it('gives the same instant for the same moment written at two offsets', () => {
    fc.assert(
      fc.property(instants, offsets, offsets, (instant, first, second) => {
        const a = parseWorkfrontDate(formatWorkfrontDate(instant, first));
        const b = parseWorkfrontDate(formatWorkfrontDate(instant, second));
        expect(a?.getTime()).toBe(b?.getTime());
      }),
    );
  });

  it('refuses the ISO 8601 spelling of the same moment', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(parseWorkfrontDate(instant.toISOString())).toBeNull();
      }),
    );
  });

  it('refuses an offset written with a colon', () => {
    fc.assert(
      fc.property(instants, offsets, (instant, offset) => {
        const text = formatWorkfrontDate(instant, offset).replace(/(\d{2})(\d{2})$/, '$1:$2');
        expect(parseWorkfrontDate(text)).toBeNull();
      }),
    );
  });

  it('refuses a day past the end of its month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        (year, month) => {
          const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
          const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
          const firstInvalid = month === 2 ? (leap ? 30 : 29) : daysInMonth + 1;
          const text = `${pad(year, 4)}-${pad(month)}-${pad(firstInvalid)}T10:00:00:000+0000`;
          expect(parseWorkfrontDate(text)).toBeNull();
        },
      ),
    );
  });
});
