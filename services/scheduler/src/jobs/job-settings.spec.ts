import { JobName } from '@helpdesk/contracts';

import { jobDefinitions, JobSettings } from './job-definitions';
import { formatInterval, parseInterval, parseServiceList } from './job-settings';

describe('job settings', () => {
  describe(parseInterval.name, () => {
    it.each([
      ['5', 5 * 60_000],
      ['5m', 5 * 60_000],
      ['1h', 3_600_000],
      ['1s', 1_000],
      ['500ms', 500],
    ])('reads %p as %p ms (bare numbers are minutes)', (input, ms) => {
      expect(parseInterval(input)).toBe(ms);
    });

    it.each(['0', '100ms', 'soon', '-1m'])('refuses %p', (input) => {
      expect(() => parseInterval(input)).toThrow();
    });
  });

  describe(parseServiceList.name, () => {
    it('reads a comma-separated list of services, once each', () => {
      expect(parseServiceList(' tickets, access,tickets ')).toEqual(['tickets', 'access']);
    });

    it('refuses a service that does not exist', () => {
      expect(() => parseServiceList('tickets,tikets')).toThrow(/unknown service\(s\) tikets/);
    });
  });

  describe(formatInterval.name, () => {
    it.each([
      [300_000, '5m'],
      [3_600_000, '1h'],
      [90_000, '90s'],
      [1_500, '1500ms'],
      [86_400_000, '1d'],
    ])('writes %p ms as %p', (ms, text) => {
      expect(formatInterval(ms)).toBe(text);
    });
  });

  describe(jobDefinitions.name, () => {
    const settings: JobSettings = {
      ENABLE_AUTO_CLOSE_SWEEP: true,
      AUTO_CLOSE_SWEEP_INTERVAL: 300_000,
      ENABLE_ATTACHMENTS_CLEANUP: true,
      ATTACHMENTS_CLEANUP_INTERVAL: 3_600_000,
      ENABLE_OUTBOX_REDRIVE: true,
      OUTBOX_REDRIVE_INTERVAL: 60_000,
      OUTBOX_REDRIVE_SERVICES: ['tickets', 'access'],
      ENABLE_MAIL_REDRIVE: false,
      MAIL_REDRIVE_INTERVAL: 300_000,
      ENABLE_MAIL_RAW_PURGE: true,
      MAIL_RAW_PURGE_INTERVAL: 3_600_000,
      ENABLE_SIGN_IN_FAILURES_PURGE: true,
      SIGN_IN_FAILURES_PURGE_INTERVAL: 3_600_000,
    };

    it('sends each command to the services that own the data', () => {
      expect(
        jobDefinitions(settings).map((job) => [job.name, job.pattern, job.queues, job.enabled, job.everyMs]),
      ).toEqual([
        [JobName.AutoClose, 'tickets.auto-close-sweep', ['tickets'], true, 300_000],
        [JobName.AttachmentsCleanup, 'attachments.remove-unlinked', ['attachments'], true, 3_600_000],
        [JobName.OutboxRedrive, 'system.relay-outbox', ['tickets', 'access'], true, 60_000],
        [JobName.MailRedrive, 'mail-ingress.redrive', ['mail-ingress'], false, 300_000],
        [JobName.MailRawPurge, 'mail-ingress.purge-raw', ['mail-ingress'], true, 3_600_000],
        [JobName.SignInFailuresPurge, 'auth.purge-sign-in-failures', ['access'], true, 3_600_000],
      ]);
    });

    it('turns the outbox re-drive off when it has no services', () => {
      const outbox = jobDefinitions({ ...settings, OUTBOX_REDRIVE_SERVICES: [] }).find(
        (job) => job.name === JobName.OutboxRedrive,
      );
      expect(outbox?.enabled).toBe(false);
    });
  });
});
