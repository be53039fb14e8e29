import { summarizeHeaderBlock } from './header-summary';

describe(summarizeHeaderBlock.name, () => {
  it('decodes encoded-word subjects and reads what routing and loop rules need', async () => {
    const subject = Buffer.from('1b244224332473244b2441244f1b2842', 'hex').toString('base64');
    const head = Buffer.from(
      [
        'From: Casey <Casey@Client.test>',
        `Subject: =?ISO-2022-JP?B?${subject}?=`,
        'Message-ID: <m1@client.test>',
        'In-Reply-To: <a@b>',
        'References: <c@d> <a@b>',
      ].join('\r\n'),
    );
    await expect(summarizeHeaderBlock(head)).resolves.toMatchObject({
      subject: 'こんにちは',
      from: 'casey@client.test',
      fromName: 'Casey',
      messageId: '<m1@client.test>',
      threadIds: ['<a@b>', '<c@d>', '<a@b>'],
    });
  });
});
