import { PrincipalKind } from '@helpdesk/contracts';

import { mayDownload } from './attachment-access';
import { Attachment } from './attachment.entity';

const uploader = { kind: PrincipalKind.Client, id: 7 };
const someoneElse = { kind: PrincipalKind.Staff, id: 7 };
const attachment = { ownerKind: PrincipalKind.Client, ownerId: 7 } as Attachment;

describe(mayDownload.name, () => {
  it.each([
    ['the uploader, before any message took it', uploader, { linked: false, visible: false }, true],
    ['anyone else, before any message took it', someoneElse, { linked: false, visible: false }, false],
    ['whoever may see the message it is on', someoneElse, { linked: true, visible: true }, true],
    [
      'not even its uploader, once it is on a message they may not see',
      uploader,
      { linked: true, visible: false },
      false,
    ],
  ])('%s: %p', (_, principal, message, expected) => {
    expect(mayDownload(principal, attachment, message)).toBe(expected);
  });
});
