import { generateKeyPairSync } from 'node:crypto';
import { createSocket, RemoteInfo, Socket } from 'node:dgram';

const TXT = 16;
const NXDOMAIN = 3;

/**
 * A local DNS zone for sender authentication in tests: TXT records (DKIM keys, SPF, DMARC)
 * answered in process (`resolve`, mailauth's resolver shape) and over UDP on 127.0.0.1 (`server`,
 * for SENDER_AUTH_DNS_SERVERS of a started mail-ingress). No network is ever asked.
 */
export class TestDnsZone {
  private readonly records = new Map<string, string[]>();
  private socket?: Socket;

  static async start(): Promise<TestDnsZone> {
    const zone = new TestDnsZone();
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => zone.answer(socket, query, peer));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    zone.socket = socket;
    return zone;
  }

  /** `127.0.0.1:<port>` of the UDP server. */
  get server(): string {
    return `127.0.0.1:${this.socket?.address().port ?? 0}`;
  }

  setTxt(name: string, values: string[]): void {
    this.records.set(name.toLowerCase(), values);
  }

  /** As mailauth's `resolver` option: TXT records as lists of strings, ENOTFOUND otherwise. */
  readonly resolve = (name: string, type: string): Promise<string[][]> => {
    const values = this.records.get(name.toLowerCase());
    if (!values || type !== 'TXT') {
      return Promise.reject(
        Object.assign(new Error(`no ${type} for ${name}`), { code: values ? 'ENODATA' : 'ENOTFOUND' }),
      );
    }
    return Promise.resolve(values.map((value) => [value]));
  };

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  }

  private answer(socket: Socket, query: Buffer, peer: RemoteInfo): void {
    let offset = 12;
    const labels: string[] = [];
    while (offset < query.length && query[offset] !== 0) {
      labels.push(query.toString('latin1', offset + 1, offset + 1 + query[offset]));
      offset += query[offset] + 1;
    }
    const questionEnd = offset + 5;
    if (questionEnd > query.length) {
      return;
    }
    const type = query.readUInt16BE(offset + 1);
    const values = this.records.get(labels.join('.').toLowerCase());
    const answers = type === TXT ? (values ?? []).map((value) => txtAnswer(value)) : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8480 | (query.readUInt16BE(2) & 0x0100) | (values ? 0 : NXDOMAIN), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  }
}

/** One TXT answer, pointing at the question's name; long values in strings of at most 255 bytes. */
function txtAnswer(value: string): Buffer {
  const bytes = Buffer.from(value, 'latin1');
  const strings: Buffer[] = [];
  for (let start = 0; start < bytes.length || start === 0; start += 255) {
    const part = bytes.subarray(start, start + 255);
    strings.push(Buffer.concat([Buffer.from([part.length]), part]));
  }
  const data = Buffer.concat(strings);
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(TXT, 2);
  fixed.writeUInt16BE(1, 4);
  fixed.writeUInt32BE(60, 6);
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}

/** A DKIM key pair for tests: the private key (PEM) to sign with, and the TXT record that publishes it. */
export function testDkimKey(): { privateKey: string; record: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  };
}
