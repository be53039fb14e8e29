import { ErrorCode, Principal, PrincipalKind, StaffRole, WebhookEvents } from '@helpdesk/contracts';

import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { WebhookPolicy, WebhooksService } from './webhooks.service';
import { WebhooksRepository } from './webhooks.repository';

const admin: Principal = {
  kind: PrincipalKind.Staff,
  id: 1,
  role: StaffRole.Admin,
  name: 'Ada',
  email: 'ada@example.test',
  departmentIds: [],
};
const strict: WebhookPolicy = { allowHttp: false, allowPrivate: false, secretOverlapMs: 86_400_000 };

describe(WebhooksService.name, () => {
  let webhooks: { create: jest.Mock };

  const service = (policy: WebhookPolicy) => {
    webhooks = { create: jest.fn().mockResolvedValue({ id: 7 }) };
    return new WebhooksService(
      policy,
      webhooks as unknown as WebhooksRepository,
      {} as DeliveriesRepository,
      {} as DeliveryWorker,
    );
  };
  const create = (policy: WebhookPolicy, url: string) =>
    service(policy).create(admin, { url, events: [WebhookEvents.TicketCreated] });

  describe('create', () => {
    it.each([
      ['https://127.0.0.1/hook', 'a loopback address'],
      ['https://10.1.2.3/hook', 'a private address'],
      ['https://169.254.169.254/latest/meta-data', 'the link-local metadata address'],
      ['https://[::1]/hook', 'IPv6 loopback'],
      ['https://localhost/hook', 'a name resolving to loopback'],
    ])('refuses %s (%s) with WEBHOOK_URL_FORBIDDEN and saves nothing', async (url) => {
      await expect(create(strict, url)).rejects.toMatchObject({ code: ErrorCode.WebhookUrlForbidden });
      expect(webhooks.create).not.toHaveBeenCalled();
    });

    it('accepts a private address with WEBHOOK_ALLOW_PRIVATE', async () => {
      await expect(create({ ...strict, allowPrivate: true }, 'https://127.0.0.1/hook')).resolves.toMatchObject({
        id: 7,
        secret: expect.stringMatching(/^whsec_/) as unknown,
      });
    });

    it('refuses plain http unless WEBHOOK_ALLOW_HTTP, naming the field', async () => {
      await expect(create({ ...strict, allowPrivate: true }, 'http://127.0.0.1/hook')).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        message: 'url: must be an https URL',
      });
      await expect(
        create({ allowHttp: true, allowPrivate: true, secretOverlapMs: 1 }, 'http://127.0.0.1/hook'),
      ).resolves.toMatchObject({ id: 7 });
    });

    it('refuses credentials in the URL', async () => {
      await expect(create({ ...strict, allowPrivate: true }, 'https://user:pw@127.0.0.1/hook')).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
      });
    });

    it('answers ACCESS_DENIED to anyone but an administrator', async () => {
      const staff = { ...admin, role: StaffRole.Staff };
      await expect(
        service(strict).create(staff, { url: 'https://example.com/hook', events: [WebhookEvents.TicketCreated] }),
      ).rejects.toMatchObject({ code: ErrorCode.AccessDenied });
    });
  });
});
