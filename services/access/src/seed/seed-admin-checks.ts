import { PASSWORD_MIN_LENGTH } from '@helpdesk/contracts';

/** The seed administrator of development (`npm start`, .env.example): known to everyone. */
export const DEVELOPMENT_ADMIN = { email: 'admin@example.com', password: 'admin-password' };

export interface SeedAdminProblem {
  variable: 'SEED_ADMIN_EMAIL' | 'SEED_ADMIN_PASSWORD';
  problem: string;
}

/**
 * Why the first administrator's settings would make a predictable admin in production (the
 * development address, the development password, no password or a short one); empty when none.
 */
export function seedAdminProblems(email: string, password: string): SeedAdminProblem[] {
  const problems: SeedAdminProblem[] = [];
  if (email.trim().toLowerCase() === DEVELOPMENT_ADMIN.email) {
    problems.push({
      variable: 'SEED_ADMIN_EMAIL',
      problem: `set the address of your first administrator in production, not ${DEVELOPMENT_ADMIN.email}`,
    });
  }
  if (password === DEVELOPMENT_ADMIN.password || password.length < PASSWORD_MIN_LENGTH) {
    problems.push({
      variable: 'SEED_ADMIN_PASSWORD',
      problem: `set a password of at least ${PASSWORD_MIN_LENGTH} characters, other than ${DEVELOPMENT_ADMIN.password}, in production`,
    });
  }
  return problems;
}
