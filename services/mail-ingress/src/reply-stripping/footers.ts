import { headerCandidate } from './text-lines';

const MAX_FOOTER_LINE_LENGTH = 300;

// Gateways and desktop antivirus append a claim that they scanned the mail, in the sender's language.
const SCAN_CLAIMS: readonly RegExp[] = [
  /^(?:this|the)\s+(?:e-?mail|message)(?:\s+and\s+\S+\s+attachments?)?\s+(?:has\s+been|have\s+been|was|is)\s+(?:scanned|checked|swept)\s/i,
  /^diese\s+(?:e-?mail|nachricht)\s+wurde\s.*(?:geprüft|gescannt)/i,
  /^(?:ce|cet)\s+(?:e-?mail|courriel|message)\s+a\s+été\s+(?:vérifié|analysé|scanné)/i,
  /^este\s+(?:correo|mensaje)(?:\s+electrónico)?\s+(?:ha\s+sido|fue)\s+(?:analizado|comprobado|escaneado|revisado)/i,
];
const SCAN_SUBJECT = /virus|viren|malware|spam|antivirus|security|sicherheit|sécurité|seguridad/i;
// Avast and AVG in Gmail: "Virus-free.www.avast.com", localised.
const VIRUS_FREE = /^(?:virus-free|virenfrei|sin virus|garanti sans virus|livre de vírus|senza virus)\b/i;
// Google Groups, GitHub, Groups.io and LISTSERV; each footer's first line says what it is.
const LIST_FOOTERS: readonly RegExp[] = [
  /^You received this (?:message|email) because you are subscribed to /i,
  /^You are receiving this because /i,
  /^Reply to this email directly(?:,| or) view it on /i,
  /^To unsubscribe from this (?:group|list|mailing list)\b/i,
  /^To unsubscribe from the \S+ (?:list|mailing list)\b/i,
  /^To unsubscribe,\s+(?:send|e-?mail|visit|go to|click)\b/i,
  /^Groups\.io Links:/i,
];
const DECORATION = /^[-_=*~#+\s]{3,}$/;
const LINK_ONLY = /^<https?:\/\/[^\s<>]*>$/i;

/** The first line of what a server, an antivirus or a mailing list appends after the sign-off. */
export function isFooterStart(line: string): boolean {
  const text = headerCandidate(line);
  if (!text || text.length > MAX_FOOTER_LINE_LENGTH) {
    return false;
  }
  return (
    (SCAN_CLAIMS.some((pattern) => pattern.test(text)) && SCAN_SUBJECT.test(text)) ||
    VIRUS_FREE.test(text) ||
    LIST_FOOTERS.some((pattern) => pattern.test(text))
  );
}

/** A rule of `#`, `-=-=` and the like, or a lone link: what a footer puts above its first line. */
export function isFooterLead(line: string): boolean {
  const text = headerCandidate(line);
  return text !== null && (DECORATION.test(text) || LINK_ONLY.test(text));
}
