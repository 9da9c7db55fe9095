/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_WORKFRONT_URL?: string;
  readonly VITE_WORKFRONT_CLIENT_ID?: string;
  readonly VITE_WORKFRONT_API_VERSION?: string;
  /** 'true' only in the bench's build: exposes the data layer as window.workfrontBench. */
  readonly VITE_BENCH_HOOKS?: string;
}
