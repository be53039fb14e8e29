import { PollLoop } from './poll-loop';

/** A pass that waits to be let go, counting how many started and how many ran at once. */
function heldPasses() {
  const releases: (() => void)[] = [];
  let started = 0;
  let concurrent = 0;
  let mostConcurrent = 0;
  const pass = () => {
    started += 1;
    concurrent += 1;
    mostConcurrent = Math.max(mostConcurrent, concurrent);
    return new Promise<void>((resolve) => releases.push(resolve)).finally(() => (concurrent -= 1));
  };
  const waitForStart = async (count: number) => {
    while (started < count) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { pass, releases, waitForStart, started: () => started, mostConcurrent: () => mostConcurrent };
}

describe(PollLoop.name, () => {
  const hour = 3_600_000;

  it('coalesces pokes during a pass into one more pass, never two at once', async () => {
    const passes = heldPasses();
    const loop = new PollLoop({ name: 'Test loop', pollIntervalMs: hour, pass: passes.pass });
    loop.start();
    await passes.waitForStart(1);
    loop.poke();
    loop.poke();
    passes.releases[0]();
    await passes.waitForStart(2);
    passes.releases[1]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes.started()).toBe(2);
    expect(passes.mostConcurrent()).toBe(1);
    await loop.stop();
  });

  it('keeps going after a failed pass, and stop waits for the pass under way', async () => {
    let calls = 0;
    let finished = false;
    const loop = new PollLoop({
      name: 'Test loop',
      pollIntervalMs: hour,
      pass: async () => {
        calls += 1;
        if (calls === 1) {
          throw new Error('broker down');
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
    });
    loop.start();
    while (calls < 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    loop.poke();
    while (calls < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await loop.stop();
    expect(finished).toBe(true);
    expect(loop.stopping).toBe(true);
  });
});
