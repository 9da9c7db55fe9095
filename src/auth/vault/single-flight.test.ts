import { describe, expect, it, vi } from 'vitest';
import { singleFlight } from './single-flight';
import { deferred } from '../test/vault-fixtures';

describe('singleFlight', () => {
  it('shares one run between concurrent callers', async () => {
    const gate = deferred<string>();
    const task = vi.fn(() => gate.promise);
    const run = singleFlight(task);

    const callers = Array.from({ length: 20 }, () => run());
    gate.resolve('token-2');

    await expect(Promise.all(callers)).resolves.toEqual(Array(20).fill('token-2'));
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('starts a new run once the previous one settled', async () => {
    let count = 0;
    const run = singleFlight(() => Promise.resolve(++count));
    expect(await run()).toBe(1);
    expect(await run()).toBe(2);
  });

  it('hands the same failure to every caller, then lets the next call retry', async () => {
    const gate = deferred<string>();
    const task = vi.fn(() => gate.promise);
    const run = singleFlight(task);

    const first = run();
    const second = run();
    gate.reject(new Error('503'));
    await expect(first).rejects.toThrow('503');
    await expect(second).rejects.toThrow('503');

    task.mockResolvedValueOnce('recovered');
    await expect(run()).resolves.toBe('recovered');
    expect(task).toHaveBeenCalledTimes(2);
  });
});
