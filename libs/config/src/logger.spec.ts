import { JsonLogger } from './logger';

describe(JsonLogger.name, () => {
  let written: string[];

  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  });

  afterEach(() => jest.restoreAllMocks());

  it('writes one JSON line per entry, tagged with the service', () => {
    new JsonLogger('tests', 'info').log('Ticket #7 was opened', 'Tickets');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0])).toMatchObject({ service: 'tests', level: 'log', message: 'Ticket #7 was opened' });
  });

  it('scrubs every line, message and stack alike', () => {
    const logger = new JsonLogger('tests', 'info', (line) => line.replace(/secret-\d+/g, '[redacted]'));
    logger.warn('Mail to reply+secret-1@x.test was refused');
    logger.error('Send failed', 'Error: secret-2 refused\n    at send (mailer.ts:1:1)', 'Mailer');
    const [warning, error] = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warning.message).toBe('Mail to reply+[redacted]@x.test was refused');
    expect(error.stack).toContain('Error: [redacted] refused');
    expect(written.join('')).not.toMatch(/secret-\d/);
  });

  it('leaves out what the level excludes', () => {
    new JsonLogger('tests', 'warn').log('not shown');
    expect(written).toEqual([]);
  });
});
