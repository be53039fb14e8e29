import { AccountMailPurpose, AccountMailRequestedPayload } from '@helpdesk/contracts';

export interface AccountMailText {
  subject: string;
  text: string;
}

/** The web app's page that takes the link's token (`/verify-email` or `/reset-password`). */
export function accountLink(publicUrl: string, purpose: AccountMailPurpose, token: string): string {
  const page = purpose === AccountMailPurpose.VerifyEmail ? 'verify-email' : 'reset-password';
  return `${publicUrl.replace(/\/+$/, '')}/${page}?token=${encodeURIComponent(token)}`;
}

export function accountMailText(payload: AccountMailRequestedPayload, publicUrl: string): AccountMailText {
  const link = accountLink(publicUrl, payload.purpose, payload.token);
  const until = new Date(payload.expiresAt).toUTCString();
  if (payload.purpose === AccountMailPurpose.VerifyEmail) {
    return {
      subject: 'Confirm your address to finish signing up',
      text: [
        `Hello ${payload.name},`,
        '',
        'Open this link to confirm that this address is yours and sign in:',
        link,
        '',
        `It works once, until ${until}. If you did not sign up, ignore this mail: without the link nobody can use the account.`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Choose a new password',
    text: [
      `Hello ${payload.name},`,
      '',
      'Open this link to choose a new password (every other session of yours ends when you do):',
      link,
      '',
      `It works once, until ${until}. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ].join('\n'),
  };
}
