import { Degraded, runHealthChecks } from './health';

describe(runHealthChecks.name, () => {
  const ok = async () => undefined;

  it('is ok when every check passes', async () => {
    await expect(runHealthChecks({ database: ok, broker: ok })).resolves.toEqual({
      status: 'ok',
      checks: { database: 'ok', broker: 'ok' },
    });
  });

  it('is degraded, not unavailable, when only checks that throw Degraded fail', async () => {
    const report = await runHealthChecks({
      database: ok,
      mailboxes: () => Promise.reject(new Degraded('failing: support@company.test')),
    });
    expect(report).toEqual({
      status: 'degraded',
      checks: { database: 'ok', mailboxes: 'failing: support@company.test' },
    });
  });

  it('is unavailable when any other check fails', async () => {
    const report = await runHealthChecks({
      database: () => Promise.reject(new Error('connection refused')),
      mailboxes: () => Promise.reject(new Degraded('failing: support@company.test')),
    });
    expect(report.status).toBe('unavailable');
  });
});
