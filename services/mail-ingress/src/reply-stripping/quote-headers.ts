import { REPLY_ABOVE_LINE } from '@helpdesk/mail';

import { MAX_HEADER_LINE_LENGTH, hasDateOrTime, hasEmailAddress, headerCandidate, isBlankLine } from './text-lines';

type HeaderKeyGroup = 'from' | 'date' | 'other';

const HEADER_KEYS: Record<HeaderKeyGroup, readonly string[]> = {
  from: [
    'From',
    'Von',
    'De',
    'Van',
    'Da',
    'Fra',
    'Från',
    'Od',
    'От',
    'Від',
    'Kimden',
    'Lähettäjä',
    'Feladó',
    'Mittente',
    'Remetente',
    'Remitente',
    'Afzender',
    'Absender',
    'Expéditeur',
    'Nadawca',
    'Odesílatel',
    '发件人',
    '寄件者',
    '差出人',
    '보낸 사람',
  ],
  date: [
    'Date',
    'Sent',
    'Datum',
    'Gesendet',
    'Envoyé',
    'Envoyé le',
    'Message du',
    'Enviado',
    'Enviada',
    'Enviado el',
    'Enviado em',
    'Enviada em',
    'Fecha',
    'Data',
    'Inviato',
    'Verzonden',
    'Verstuurd',
    'Sendt',
    'Skickat',
    'Wysłano',
    'Wysłane',
    'Отправлено',
    'Дата',
    'Надіслано',
    'Lähetetty',
    'Päivämäärä',
    'Dátum',
    'Elküldve',
    'Odesláno',
    'Gönderildi',
    'Tarih',
    '发送时间',
    '日期',
    '送信日時',
    '보낸 날짜',
  ],
  other: [
    'To',
    'Cc',
    'Bcc',
    'Reply-To',
    'Subject',
    'An',
    'Kopie',
    'Betreff',
    'À',
    'A',
    'Copie à',
    'Objet',
    'Sujet',
    'Para',
    'Asunto',
    'Assunto',
    'Per',
    'Oggetto',
    'Aan',
    'Onderwerp',
    'Til',
    'Emne',
    'Till',
    'Kopia',
    'Ämne',
    'Do',
    'Temat',
    'Кому',
    'Копия',
    'Тема',
    'Komu',
    'Předmět',
    'Vastaanottaja',
    'Aihe',
    'Címzett',
    'Tárgy',
    'Kime',
    'Konu',
    '收件人',
    '抄送',
    '主题',
    '主旨',
    '宛先',
    '件名',
    '받는 사람',
    '제목',
  ],
};

const GROUP_BY_KEY = new Map(
  Object.entries(HEADER_KEYS).flatMap(([group, keys]) =>
    keys.map((key) => [key.toLowerCase(), group as HeaderKeyGroup] as const),
  ),
);
const ALL_KEYS = [...GROUP_BY_KEY.keys()].map(escapeRegExp).join('|');
const HEADER_LINE = new RegExp(`^[ \\t]*\\*{0,2}[ \\t]*(${ALL_KEYS})[ \\t\\u00a0]*\\*{0,2}[ \\t\\u00a0]*[:：]`, 'iu');
const HEADER_KEY_WINDOW = 40;
const MAX_HEADER_BLOCK_LINES = 12;
// Outlook wraps a long value ("From: Human Resources\n<hr@example.com>") onto one extra line.
const MAX_WRAPPED_VALUE_LINES = 1;
// The address follows the key or a short display name: "From: Human Resources <hr@example.com>".
const SENDER_ADDRESS_WORDS = 6;

const ORIGINAL_MESSAGE_TITLES = [
  'Original Message',
  'Reply Message',
  'Ursprüngliche Nachricht',
  'Antwort Nachricht',
  'Originalnachricht',
  'Oprindelig meddelelse',
  'Oprindelig besked',
  'Opprinnelig melding',
  'Ursprungligt meddelande',
  'Originalmeddelande',
  "Message d'origine",
  'Message d’origine',
  'Message original',
  'Mensaje original',
  'Mensagem original',
  'Messaggio originale',
  'Oorspronkelijk bericht',
  'Origineel bericht',
  'Alkuperäinen viesti',
  'Wiadomość oryginalna',
  'Oryginalna wiadomość',
  'Původní zpráva',
  'Eredeti üzenet',
  'Исходное сообщение',
  'Оригинальное сообщение',
  'Оригінальне повідомлення',
  'Orijinal Mesaj',
  '原始邮件',
  '原始郵件',
  '元のメッセージ',
  '원본 메시지',
];
const FORWARD_TITLES = [
  'Forwarded message',
  'Weitergeleitete Nachricht',
  'Message transféré',
  'Mensaje reenviado',
  'Mensagem encaminhada',
  'Messaggio inoltrato',
  'Doorgestuurd bericht',
  'Videresendt meddelelse',
  'Videresendt melding',
  'Vidarebefordrat meddelande',
  'Välitetty viesti',
  'Przekazana wiadomość',
  'Wiadomość przekazana dalej',
  'Пересылаемое сообщение',
  'Пересланное сообщение',
  'Přeposlaná zpráva',
  'Továbbított üzenet',
  'İletilen mesaj',
  '转发的邮件',
  '轉寄的郵件',
  '転送されたメッセージ',
  '전달된 메시지',
];
const FORWARD_INTROS = [
  'Begin forwarded message',
  'Début du message réexpédié',
  'Début du message transféré',
  'Anfang der weitergeleiteten Nachricht',
  'Inicio del mensaje reenviado',
  'Comienzo del mensaje reenviado',
  'Inizio messaggio inoltrato',
  'Begin doorgestuurd bericht',
  'Início da mensagem reencaminhada',
];

// The helpdesk reply marker (issue 23): everything below it is the message being answered.
const REPLY_ABOVE_MARKER = REPLY_ABOVE_LINE.toLowerCase();

const ORIGINAL_MESSAGE = bannerPattern(ORIGINAL_MESSAGE_TITLES);
const FORWARD_BANNER = bannerPattern(FORWARD_TITLES);
const FORWARD_INTRO = new RegExp(`^\\s*(?:${FORWARD_INTROS.join('|')})\\s*[:：]\\s*$`, 'iu');
const UNDERSCORE_RULE = /^\s*_{2,}\s*$/;
const BANNER_START = /^\s*[-=_*]/;
const ENDS_WITH_COLON = /[:：]\s*$/;
const HAS_COLON = /[:：]/;

/** "-----Original Message-----" in any language, or Outlook's "_____________________". */
export function isHistorySeparator(line: string): boolean {
  if (line.length > MAX_HEADER_LINE_LENGTH) {
    return false;
  }
  return BANNER_START.test(line) && (UNDERSCORE_RULE.test(line) || ORIGINAL_MESSAGE.test(line));
}

/** Our marker on a line of its own; quoted inside a sentence it is text. */
export function isReplyMarker(line: string): boolean {
  return headerCandidate(line)?.toLowerCase() === REPLY_ABOVE_MARKER;
}

export function isForwardMarker(line: string): boolean {
  if (line.length > MAX_HEADER_LINE_LENGTH) {
    return false;
  }
  return BANNER_START.test(line) ? FORWARD_BANNER.test(line) : ENDS_WITH_COLON.test(line) && FORWARD_INTRO.test(line);
}

/**
 * Two or more header fields in a row (From/Sent/To/Subject in any language), one of them a
 * sender or a date, and an address or date among the values.
 */
export function isHeaderBlockStart(lines: readonly string[], start: number): boolean {
  const firstGroup = headerKeyGroup(lines[start]);
  if (!firstGroup) {
    return false;
  }
  const groups = [firstGroup];
  const blockText = [headerCandidate(lines[start]) ?? ''];
  let wrappedLines = 0;
  const end = Math.min(lines.length, start + MAX_HEADER_BLOCK_LINES);
  for (let index = start + 1; index < end && !isBlankLine(lines[index]); index++) {
    const group = headerKeyGroup(lines[index]);
    if (group) {
      groups.push(group);
      wrappedLines = 0;
    } else if (++wrappedLines > MAX_WRAPPED_VALUE_LINES) {
      break;
    }
    blockText.push(headerCandidate(lines[index]) ?? '');
  }
  const text = blockText.join('\n');
  return (
    groups.length >= 2 && groups.some((group) => group !== 'other') && (hasDateOrTime(text) || hasEmailAddress(text))
  );
}

/** "From: bob@example.com" on its own, as some clients write the quoted message's header. */
export function isSenderLine(line: string): boolean {
  const text = headerCandidate(line);
  return (
    text !== null && headerKeyGroup(line) === 'from' && hasEmailAddress(text.split(' ', SENDER_ADDRESS_WORDS).join(' '))
  );
}

function headerKeyGroup(line: string): HeaderKeyGroup | null {
  const start = line.slice(0, HEADER_KEY_WINDOW);
  const match = HAS_COLON.test(start) ? HEADER_LINE.exec(start) : null;
  return match ? (GROUP_BY_KEY.get(match[1].toLowerCase()) ?? null) : null;
}

function bannerPattern(titles: readonly string[]): RegExp {
  return new RegExp(`^\\s*[-=_*]{2,}\\s*(?:${titles.join('|')})\\s*[-=_*]{2,}\\s*$`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
