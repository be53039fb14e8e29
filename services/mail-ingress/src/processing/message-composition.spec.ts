import { PrincipalKind } from '@helpdesk/contracts';

import { SenderEvidence } from '@helpdesk/contracts';

import {
  ATTACHMENTS_ONLY,
  composeMessage,
  droppedNotice,
  noteAuthor,
  senderMismatchHeading,
  unverifiedHeading,
} from './message-composition';

const casey = {
  kind: PrincipalKind.Client,
  id: 7,
  name: 'Casey Client',
  email: 'casey@client.test',
  departmentIds: [],
};

describe('message composition', () => {
  it('stores a reply as written, and an attachments-only mail with a short text', () => {
    expect(composeMessage('Thanks!', null)).toBe('Thanks!');
    expect(composeMessage('', null)).toBe(ATTACHMENTS_ONLY);
  });

  it('heads a note with who really sent it', () => {
    const note = composeMessage('Please refund me too.', senderMismatchHeading('mallory@evil.test', casey));
    expect(note).toMatch(/^Email from mallory@evil\.test, not from Casey Client <casey@client\.test>/);
    expect(note.endsWith('\n\nPlease refund me too.')).toBe(true);
    expect(noteAuthor('mallory@evil.test')).toMatchObject({
      kind: PrincipalKind.Staff,
      id: 0,
      name: 'Email from mallory@evil.test',
    });
  });

  it('heads a note from an unverified sender with what its authentication said', () => {
    const verdict = {
      evidence: SenderEvidence.Verified,
      dkim: 'none',
      spf: 'fail',
      dmarc: 'fail',
      domain: 'client.test',
      aligned: false,
      authservId: null,
    };
    expect(composeMessage('Confirm your card', unverifiedHeading('casey@client.test', verdict))).toMatch(
      /^Unverified mail from casey@client\.test \(DKIM none, SPF fail, DMARC fail\).*\n\nConfirm your card$/s,
    );
  });

  it('lists the files that were not kept', () => {
    expect(
      droppedNotice([{ filename: 'setup.exe', reason: 'not an allowed kind' }], 'Casey Client <casey@client.test>'),
    ).toContain('- setup.exe: not an allowed kind');
  });
});
