import type { BrowserContext, Request } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Runs the page's clock, the network in step. The app's timeouts run on the page's clock
 * (Playwright's clock fakes `AbortSignal.timeout` as well), so a jump of minutes while a request
 * is on its way would time out a request that a real user's network answers in milliseconds.
 * The clock runs in slices shorter than any timeout of the app's (src/config/request-policy.ts),
 * and waits after each until the context's requests have their answers.
 */
const sliceMs = 2_500;

const inFlight = new WeakMap<BrowserContext, Set<Request>>();

function requestsOf(context: BrowserContext): Set<Request> {
  let requests = inFlight.get(context);
  if (!requests) {
    const tracked = new Set<Request>();
    // The app's own calls, not documents or worker scripts: Chromium never reports a
    // SharedWorker's script as finished.
    context.on('request', (request) => {
      if (['fetch', 'xhr'].includes(request.resourceType())) tracked.add(request);
    });
    context.on('requestfinished', (request) => tracked.delete(request));
    context.on('requestfailed', (request) => tracked.delete(request));
    inFlight.set(context, tracked);
    requests = tracked;
  }
  return requests;
}

export async function runClock(context: BrowserContext, ms: number) {
  const requests = requestsOf(context);
  for (let done = 0; done < ms; done += sliceMs) {
    await context.clock.runFor(Math.min(sliceMs, ms - done));
    if (requests.size > 0) await expect.poll(() => requests.size).toBe(0);
  }
}
