import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { optionalWireDate, parseWire, wireDate, wireId, wireReference } from './wire-schemas';
import { WorkfrontApiError } from './workfront-errors';

function malformedMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkfrontApiError);
    expect((error as WorkfrontApiError).kind).toBe('malformed');
    return (error as WorkfrontApiError).message;
  }
  throw new Error('Expected parseWire to throw.');
}

describe('wire schemas', () => {
  it('reads a Workfront date into a Date', () => {
    const date = v.parse(wireDate, '2026-03-24T17:00:00:000+0400');
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString()).toBe('2026-03-24T13:00:00.000Z');
  });

  it.each([null, undefined])('reads an absent optional date (%s) as null', (absent) => {
    expect(v.parse(optionalWireDate, absent)).toBeNull();
  });

  it.each(['2026-03-24T17:00:00.000Z', '2026-02-30T10:00:00:000+0000', ''])(
    'refuses %j as an optional date rather than reading it as null',
    (text) => {
      expect(v.safeParse(optionalWireDate, text).success).toBe(false);
    },
  );

  it('refuses an empty ID', () => {
    expect(v.safeParse(wireId, '').success).toBe(false);
  });

  it('reads an absent reference as null and needs both ID and name in a present one', () => {
    expect(v.parse(wireReference, null)).toBeNull();
    expect(v.parse(wireReference, undefined)).toBeNull();
    expect(v.parse(wireReference, { ID: 'p1', name: 'Launch', objCode: 'PROJ' })).toEqual({
      ID: 'p1',
      name: 'Launch',
    });
    expect(v.safeParse(wireReference, { ID: 'p1' }).success).toBe(false);
  });
});

describe('parseWire', () => {
  const item = v.object({ ID: wireId, due: optionalWireDate });

  it('returns the parsed output', () => {
    expect(parseWire(v.array(item), [{ ID: 'a', due: null }], 'a list')).toEqual([
      { ID: 'a', due: null },
    ]);
  });

  it('names what was read, the path of the first bad field, and the problem', () => {
    const message = malformedMessage(() =>
      parseWire(
        v.array(item),
        [
          { ID: 'a', due: null },
          { ID: 'b', due: '24/03/2026' },
        ],
        'a work list',
      ),
    );
    expect(message).toBe(
      'Workfront sent a work list that this app cannot read (1.due: is not a Workfront date).',
    );
  });

  it('names a missing field by its path', () => {
    const message = malformedMessage(() => parseWire(v.array(item), [{ due: null }], 'a list'));
    expect(message).toMatch(/^Workfront sent a list that this app cannot read \(0\.ID: .+\)\.$/);
  });

  it('leaves out the path when the whole value is wrong', () => {
    const message = malformedMessage(() => parseWire(v.array(item), { ID: 'a' }, 'a list'));
    expect(message).toMatch(
      /^Workfront sent a list that this app cannot read \(Invalid type: .+\)\.$/,
    );
  });
});
