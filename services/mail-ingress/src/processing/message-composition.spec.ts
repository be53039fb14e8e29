import { PrincipalKind } from '@helpdesk/contracts';

import { ATTACHMENTS_ONLY, composeMessage, droppedNotice, noteAuthor } from './message-composition';

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
    const note = composeMessage('Please refund me too.', { from: 'mallory@evil.test', recipient: casey });
    expect(note).toMatch(/^Email from mallory@evil\.test, not from Casey Client <casey@client\.test>/);
    expect(note.endsWith('\n\nPlease refund me too.')).toBe(true);
    expect(noteAuthor('mallory@evil.test')).toMatchObject({
      kind: PrincipalKind.Staff,
      id: 0,
      name: 'Email from mallory@evil.test',
    });
  });

  it('lists the files that were not kept', () => {
    expect(
      droppedNotice([{ filename: 'setup.exe', reason: 'not an allowed kind' }], 'Casey Client <casey@client.test>'),
    ).toContain('- setup.exe: not an allowed kind');
  });
});
