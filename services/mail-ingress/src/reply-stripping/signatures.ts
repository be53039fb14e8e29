import { headerCandidate } from './text-lines';

const MAX_CLIENT_SIGNATURE_LENGTH = 120;
// RFC 3676 "-- ", and the bare "--" that many clients and people type instead.
const SIGNATURE_DELIMITER = /^--[ \t]*$/;
// "Get Outlook for iOS<https://aka.ms/o0ukef>", "Sent with Sparrow (http://sparrowmailapp.com)"
const TRAILING_LINK = /\s*(?:<[^<>\s]*>|\([^()\s]*\)|\[[^[\]\s]*\])$/;

const FROM_MY_DEVICE_PHRASES = [
  'Sent from my',
  'Sent with my',
  'Envoyé de mon',
  'Envoyé depuis mon',
  'Gesendet von meinem',
  'Gesendet mit meinem',
  'Enviado desde mi',
  'Enviado do meu',
  'Enviado de meu',
  'Enviado desde o meu',
  'Inviato dal mio',
  'Inviato da',
  'Verzonden vanaf mijn',
  'Verstuurd vanaf mijn',
  'Verzonden met mijn',
  'Skickat från min',
  'Sendt fra min',
  'Lähetetty',
  'Wysłane z mojego',
  'Wysłano z mojego',
  'Отправлено с моего',
  'Отправлено с',
  'Odesláno z mého',
].join('|');
// Only known apps, so "Sent from Berlin" or "Sent from a magnificent torch of pixels" stays.
const FROM_APP_PHRASES = [
  'Sent from',
  'Sent with',
  'Envoyé de',
  'Envoyé depuis',
  'Envoyé à partir de',
  'Envoyé avec',
  'Gesendet von',
  'Gesendet mit',
  'Enviado desde',
  'Enviado con',
  'Enviado de',
  'Inviato con',
  'Verzonden met',
  'Verstuurd met',
  'Skickat från',
  'Sendt fra',
  'Wysłane z',
  'Отправлено из',
].join('|');
const MAIL_APPS = [
  'Mail',
  'Outlook',
  'Yahoo',
  'TypeApp',
  'BlueMail',
  'Samsung',
  'Gmail',
  'Proton',
  'ProtonMail',
  'Spark',
  'Edison',
  'AOL',
  'iCloud',
  'Acompli',
  'Newton',
  'Airmail',
  'Mailbird',
  'myMail',
  'Sparrow',
  'Polymail',
  'Boxer',
  'BlackBerry',
  'Android',
  'iPhone',
  'iPad',
  'Windows',
  'Xiaomi',
  'Huawei',
  'HUAWEI',
  'Zoho',
  'GMX',
  'WEB.DE',
  'Yandex',
  'Fastmail',
  'Superhuman',
  'Thunderbird',
  'Mailspring',
  'FairEmail',
  'Tuta',
  'Tutanota',
].join('|');
const WORD = "[\\p{L}\\p{N}+'’.-]+";

const CLIENT_SIGNATURES: readonly RegExp[] = [
  new RegExp(`^(?:${FROM_MY_DEVICE_PHRASES})(?:\\s+${WORD}){1,5}$`, 'iu'),
  new RegExp(`^(?:${FROM_APP_PHRASES})\\s+(?:${MAIL_APPS})(?:\\s+${WORD}){0,5}$`, 'u'),
  /^Get Outlook for \p{L}+$/u,
  /^Von meinem(?:\s+[\p{L}\p{N}-]+){1,4}\s+gesendet$/iu,
  /^[\p{L}\p{N} ]{1,30}から送信$/u,
  /^(?:发自我的|從我的)[\p{L}\p{N} ]{1,30}$/u,
];

export function isSignatureDelimiter(line: string): boolean {
  return SIGNATURE_DELIMITER.test(line);
}

/** A line a mail client appends on its own: "Sent from my iPhone", "Get Outlook for iOS", … */
export function isClientSignature(line: string): boolean {
  const text = headerCandidate(line);
  if (!text || text.length > MAX_CLIENT_SIGNATURE_LENGTH) {
    return false;
  }
  const withoutLink = text.replace(TRAILING_LINK, '');
  return CLIENT_SIGNATURES.some((pattern) => pattern.test(withoutLink));
}
