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

  it('lists whom a message was written to: Delivered-To, X-Original-To, To and Cc, once each, lower case', async () => {
    const head = Buffer.from(
      [
        'Delivered-To: <Support@Company.test>',
        'X-Original-To: help@company.test',
        'To: "Help desk" <Help@Company.test>, Team: a@x.test, b@x.test;',
        'Cc: c@x.test',
        'From: casey@client.test',
      ].join('\r\n'),
    );
    const summary = await summarizeHeaderBlock(head);
    expect(summary.writtenTo).toEqual([
      'support@company.test',
      'help@company.test',
      'a@x.test',
      'b@x.test',
      'c@x.test',
    ]);
  });

  it('looks at a bounded number of recipients', async () => {
    const many = Array.from({ length: 5_000 }, (_, index) => `r${index}@x.test`).join(', ');
    const summary = await summarizeHeaderBlock(Buffer.from(`To: ${many}\r\nFrom: casey@client.test`));
    expect(summary.writtenTo).toHaveLength(100);
  });
});
