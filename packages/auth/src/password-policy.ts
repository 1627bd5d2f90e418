import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError, passwordWeakness } from '@gatehouse/domain';

/** About 49,000 of the most common and breached passwords, shipped with the product (zxcvbn-ts's list). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

const PRODUCT_WORDS = ['gatehouse'];

/**
 * Refuses a new password that attackers would try first, saying why (NIST SP
 * 800-63B-4 §3.1.1.2): common or breached ones, and ones built on the
 * context — the product, the person's address and name, the names of the
 * workspaces it opens (whole, "QuorvexaHoldings!7", and word by word).
 */
export function assertPasswordAcceptable(password: string, context: { email?: string | null; name?: string | null; workspaceNames?: readonly string[] } = {}): void {
  const words = [...PRODUCT_WORDS];
  if (context.email) words.push(context.email.slice(0, context.email.indexOf('@')), context.email);
  if (context.name) words.push(...context.name.split(/\s+/));
  for (const workspaceName of context.workspaceNames ?? []) words.push(workspaceName, ...workspaceName.split(/\s+/));
  const weakness = passwordWeakness(password, { common: COMMON_PASSWORDS, context: words });
  if (weakness) throw new AppError('INVALID_INPUT', { fields: { password: weakness === 'common' ? 'password_common' : 'password_context' } });
}
