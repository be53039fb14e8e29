import { CreateMailIngressSchema1796342400000 } from '../migrations/1796342400000-create-mail-ingress-schema';
import { AddHeaderFromName1796400000000 } from '../migrations/1796400000000-add-header-from-name';
import { AddSenderAuthentication1796403600000 } from '../migrations/1796403600000-add-sender-authentication';
import { AddInlineRawMessages1796500000000 } from '../migrations/1796500000000-add-inline-raw-messages';
import { AddUnverifiedRequester1797033600000 } from '../migrations/1797033600000-add-unverified-requester';
import { AddMailboxes1797700000000 } from '../migrations/1797700000000-add-mailboxes';

/** mail-ingress's own schema and its migrations; apart from env.ts, so tests can build it without the service's config. */
export const MAIL_INGRESS_SCHEMA = 'mail_ingress';

export const MAIL_INGRESS_MIGRATIONS = [
  CreateMailIngressSchema1796342400000,
  AddHeaderFromName1796400000000,
  AddSenderAuthentication1796403600000,
  AddInlineRawMessages1796500000000,
  AddUnverifiedRequester1797033600000,
  AddMailboxes1797700000000,
];
