import type { AnyCatalog, Translation } from './catalog';

/** Every Simplified Chinese translation (`*messages.zh-CN.ts`), in this one chunk. */
const files = import.meta.glob<Translation<AnyCatalog>>('../**/*messages.zh-CN.ts', {
  eager: true,
  import: 'default',
});

export default Object.values(files);
