import { headerCandidate } from './text-lines';

const MAX_CLIENT_SIGNATURE_LENGTH = 120;
// RFC 3676 "-- ", and the bare "--" that many clients and people type instead.
const SIGNATURE_DELIMITER = /^--[ \t]*$/;
// Clients link the app's name: "Get Outlook for iOS<https://aka.ms/o0ukef>", "Sent from
// Mail<https://go.microsoft.com/…> for Windows", "Sent via Superhuman ( https://sprh.mn/… )".
const BRACKETED_TOKEN = /\s?(?:<[^<>\s]*>|\([^()\s]*\)|\[[^[\]\s]*\]|\(\s?https?:\/\/[^()\s]*\s?\))/giu;
const LOOKS_LIKE_LINK = /[./]/;
const BARE_LINK = /\s?https?:\/\/\S*/giu;
const TRAILING_PERIOD = /\.$/;
const FROM_MY_DEVICE_PHRASES = [
  'Sent from my',
  'Sent with my',
  'Sent via my',
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
  'Sent via',
  'Envoyé de',
  'Envoyé depuis',
  'Envoyé à partir de',
  'Envoyé avec',
  'Envoyé via',
  'Gesendet von',
  'Gesendet mit',
  'Enviado desde',
  'Enviado con',
  'Enviado de',
  'Enviado vía',
  'Enviado via',
  'Inviato con',
  'Verzonden met',
  'Verstuurd met',
  'Verzonden vanaf',
  'Verstuurd vanaf',
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
const GET_APP_PHRASES = ['Get', 'Obtener', 'Obtenir', 'Scarica', 'Baixe o', 'Baixar o', 'Descargar'].join('|');
const FOR_PLATFORM = ['for', 'para', 'pour', 'per', 'für', 'voor'].join('|');
// "Outlook für Android herunterladen", "Outlook voor iOS downloaden"
const GET_APP_VERBS_LAST = ['herunterladen', 'beziehen', 'downloaden'].join('|');

const CLIENT_SIGNATURES: readonly RegExp[] = [
  new RegExp(`^(?:${FROM_MY_DEVICE_PHRASES})(?:\\s+${WORD}){1,5}$`, 'iu'),
  new RegExp(`^(?:${FROM_APP_PHRASES})\\s+(?:${MAIL_APPS})(?:\\s+${WORD}){0,5}$`, 'u'),
  new RegExp(`^(?:${GET_APP_PHRASES})\\s+(?:${MAIL_APPS})\\s+(?:${FOR_PLATFORM})\\s+${WORD}$`, 'u'),
  new RegExp(`^(?:${MAIL_APPS})\\s+(?:${FOR_PLATFORM})\\s+${WORD}\\s+(?:${GET_APP_VERBS_LAST})$`, 'u'),
  // "Von meinem iPhone gesendet", Samsung's "Von meinem/meiner Galaxy gesendet", "Von Outlook für Android gesendet"
  new RegExp(`^Von\\s+(?:meine[mr](?:/meine[mr])?|${MAIL_APPS})(?:\\s+${WORD}){0,4}\\s+gesendet$`, 'iu'),
  /^[\p{L}\p{N} ]{1,30}から送信$/u,
  /^(?:发自我的|從我的)[\p{L}\p{N} ]{1,30}$/u,
];

export function isSignatureDelimiter(line: string): boolean {
  return SIGNATURE_DELIMITER.test(line);
}

/**
 * A line a mail client appends on its own, in any language and with any link around the app's
 * name: "Sent from my iPhone", "Get Outlook for iOS<https://…>", "Von meinem/meiner Galaxy gesendet".
 */
export function isClientSignature(line: string): boolean {
  const text = headerCandidate(line);
  if (!text) {
    return false;
  }
  const withoutLinks = text
    .replace(BRACKETED_TOKEN, (token) => (LOOKS_LIKE_LINK.test(token) ? '' : token))
    .replace(BARE_LINK, '')
    .trim()
    .replace(TRAILING_PERIOD, '');
  return (
    withoutLinks.length <= MAX_CLIENT_SIGNATURE_LENGTH &&
    CLIENT_SIGNATURES.some((pattern) => pattern.test(withoutLinks))
  );
}
