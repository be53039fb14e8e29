import { TtlCache } from './ttl-cache';

describe(TtlCache.name, () => {
  it('loads once per ttl, then again', async () => {
    let now = 0;
    const cache = new TtlCache<string, number>(1_000, 10, () => now);
    const load = jest.fn().mockResolvedValueOnce(1).mockResolvedValueOnce(2);
    await expect(cache.get('a', load)).resolves.toBe(1);
    now = 999;
    await expect(cache.get('a', load)).resolves.toBe(1);
    now = 1_000;
    await expect(cache.get('a', load)).resolves.toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('caches nothing with a ttl of 0, and forgets the oldest when full', async () => {
    const uncached = new TtlCache<string, number>(0);
    const load = jest.fn().mockResolvedValue(1);
    await uncached.get('a', load);
    await uncached.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);

    const small = new TtlCache<string, string>(60_000, 2);
    const loadKey = jest.fn((key: string) => Promise.resolve(key));
    for (const key of ['a', 'b', 'c', 'a']) {
      await small.get(key, () => loadKey(key));
    }
    expect(loadKey.mock.calls.map(([key]) => key)).toEqual(['a', 'b', 'c', 'a']);
  });
});
