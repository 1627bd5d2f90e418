import { PLAN_IDS, PLANS, type PlanId } from './plans.ts';

/** The seeds: free workspaces nobody signed in to for more than 50 days are deleted; paid ones never. */
export const ABANDONED_AFTER_DAYS = 50;
/** Admins are warned before: at these days of silence (first warning, last warning). */
export const CLEANUP_WARNING_DAYS = [40, 47] as const;

const DAY_MS = 86_400_000;

/** The plans whose workspaces the cleanup looks at: the free ones; a paid workspace is never cleaned up. */
export const CLEANED_UP_PLANS: readonly PlanId[] = PLAN_IDS.filter((plan) => !PLANS[plan].paid);

export type CleanupStep = { kind: 'delete' } | { kind: 'warn'; warning: number; daysLeft: number } | null;

/** What the cleanup does to one workspace now: nothing, the next warning, or deletion. */
export function cleanupStep(workspace: { plan: PlanId; lastSignInAt: Date; cleanupWarningsSent: number }, now: Date): CleanupStep {
  if (!CLEANED_UP_PLANS.includes(workspace.plan)) return null;
  const silentDays = Math.floor((now.getTime() - workspace.lastSignInAt.getTime()) / DAY_MS);
  if (silentDays >= ABANDONED_AFTER_DAYS) return { kind: 'delete' };
  const due = CLEANUP_WARNING_DAYS.filter((day) => silentDays >= day).length;
  if (due > workspace.cleanupWarningsSent) return { kind: 'warn', warning: due, daysLeft: ABANDONED_AFTER_DAYS - silentDays };
  return null;
}

/**
 * A member asking platform staff for an administrator while the workspace
 * still has some (who no longer answer): those admins are mailed at once and
 * may refuse the request in the console for this many days; staff decide
 * only after that. A workspace with no active admin waits for nobody.
 */
export const RECOVERY_ADMIN_WINDOW_DAYS = 7;

/** A signed recovery letter: PDF or an image, identified by its first bytes, not its name. */
export const RECOVERY_LETTER_MAX_BYTES = 5 * 1024 * 1024;

export function sniffLetterType(bytes: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}
