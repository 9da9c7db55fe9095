import { describe, expect, it } from 'vitest';
import doc from '../docs/architecture.md?raw';

/** docs/architecture.md is the map of src/: every folder of it must be on the map. */
const folders = [
  ...new Set(Object.keys(import.meta.glob('./*/**/*')).map((path) => path.split('/')[1] ?? '')),
].sort();
const features = (/features:([^\n]*)/.exec(doc)?.[1] ?? '').split(/\s+/);

describe('docs/architecture.md', () => {
  it('is read with the folders of src/', () => {
    expect(folders).toContain('auth');
  });

  it.each(folders)('names src/%s', (folder) => {
    // As `src/<folder>`, or among the features the picture lists by name.
    expect(doc.includes(`src/${folder}`) || features.includes(folder)).toBe(true);
  });
});
