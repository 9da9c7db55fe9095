import { afterEach, describe, expect, it } from 'vitest';
import { wfId } from '../workfront/test/test-support';
import {
  draftStorageKey,
  isEmptyDraft,
  readDraft,
  toChanges,
  unsavedPart,
  withoutSaved,
  writeDraft,
} from './work-item-draft';
import { forgetDrafts } from './forget-drafts';

const userId = wfId(0xc, 1);
const itemId = wfId(0xa, 1);
const key = draftStorageKey({ userId, kind: 'task', id: itemId });

afterEach(() => {
  sessionStorage.clear();
});

describe('draftStorageKey', () => {
  it('names the user, the kind and the item', () => {
    expect(key).toBe(`workfront.workItemDraft:${userId}:task:${itemId}`);
  });

  it('gives each user and each item a key of its own', () => {
    const keys = new Set([
      key,
      draftStorageKey({ userId: wfId(0xc, 2), kind: 'task', id: itemId }),
      draftStorageKey({ userId, kind: 'issue', id: itemId }),
      draftStorageKey({ userId, kind: 'task', id: wfId(0xa, 2) }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('keeps a separator in an ID from the address inside its part', () => {
    expect(draftStorageKey({ userId: 'a:b', kind: 'task', id: 'c' })).not.toBe(
      draftStorageKey({ userId: 'a', kind: 'task', id: 'b:c' }),
    );
  });
});

describe('readDraft and writeDraft', () => {
  it('keep a draft in sessionStorage, as the typed values and nothing else', () => {
    writeDraft(key, { status: 'INP', percentComplete: '30' });

    expect(JSON.parse(sessionStorage.getItem(key) ?? '')).toEqual({
      status: 'INP',
      percentComplete: '30',
    });
    expect(readDraft(key)).toEqual({ status: 'INP', percentComplete: '30' });
    expect(localStorage.length).toBe(0);
  });

  it('remove the draft once nothing is left unsaved', () => {
    writeDraft(key, { status: 'INP' });
    writeDraft(key, {});
    expect(sessionStorage.getItem(key)).toBeNull();
    expect(readDraft(key)).toBeNull();
  });

  it.each([
    ['not JSON', '{"status": "IN'],
    ['not an object', '"INP"'],
    ['a wrong type', '{"status": 3}'],
    ['an empty status', '{"status": ""}'],
    ['no field at all', '{}'],
    ['null', 'null'],
  ])('ignore and remove stored data that is %s', (_what, stored) => {
    sessionStorage.setItem(key, stored);
    expect(readDraft(key)).toBeNull();
    expect(sessionStorage.getItem(key)).toBeNull();
  });

  it('drop fields a draft does not have', () => {
    sessionStorage.setItem(key, '{"status": "INP", "accessToken": "secret"}');
    expect(readDraft(key)).toEqual({ status: 'INP' });
  });

  it('do not fail when storage does', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(readDraft(key, broken)).toBeNull();
    expect(() => {
      writeDraft(key, { status: 'INP' }, broken);
    }).not.toThrow();
  });
});

describe('unsavedPart', () => {
  const saved = { status: 'NEW', percentComplete: 0 };

  it('keeps only the fields that differ from the saved item', () => {
    expect(unsavedPart({ status: 'NEW', percentComplete: '30' }, saved)).toEqual({
      percentComplete: '30',
    });
    expect(unsavedPart({ status: 'INP', percentComplete: '0' }, saved)).toEqual({
      status: 'INP',
    });
  });

  it('compares percentages as numbers, and keeps one that is not a number yet', () => {
    expect(isEmptyDraft(unsavedPart({ percentComplete: '00' }, saved))).toBe(true);
    expect(unsavedPart({ percentComplete: '' }, saved)).toEqual({ percentComplete: '' });
  });
});

describe('toChanges', () => {
  it('sends the percentage as a number, and leaves out one that is not a number', () => {
    expect(toChanges({ status: 'INP', percentComplete: '30' })).toEqual({
      status: 'INP',
      percentComplete: 30,
    });
    expect(toChanges({ status: 'INP', percentComplete: '' })).toEqual({ status: 'INP' });
  });
});

describe('withoutSaved', () => {
  it('forgets what was saved and keeps what was typed since', () => {
    expect(withoutSaved({ status: 'INP', percentComplete: '30' }, { percentComplete: 30 })).toEqual(
      { status: 'INP' },
    );
    expect(withoutSaved({ status: 'CPL' }, { status: 'INP' })).toEqual({ status: 'CPL' });
  });
});

describe('forgetDrafts', () => {
  it('removes every draft of the tab, of every user and item, and nothing else', () => {
    const storage = window.sessionStorage;
    storage.clear();
    writeDraft(
      draftStorageKey({ userId: 'u1', kind: 'task', id: 'a' }),
      { status: 'INP' },
      storage,
    );
    writeDraft(
      draftStorageKey({ userId: 'u2', kind: 'issue', id: 'b' }),
      { status: 'CLS' },
      storage,
    );
    storage.setItem('workfront.signin.state-1', '{}');

    forgetDrafts(storage);

    expect(Object.keys(storage)).toEqual(['workfront.signin.state-1']);
  });
});
