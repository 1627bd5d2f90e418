export const PLANS = {
  /** The seeds: "the number of current users + unaccepted invitations = 12" on the free plan. */
  free: { seats: 12, paid: false },
  standard: { seats: 50, paid: true },
  professional: { seats: 250, paid: true },
  enterprise: { seats: 1000, paid: true },
} as const satisfies Record<string, { seats: number; paid: boolean }>;

export type PlanId = keyof typeof PLANS;
export const PLAN_IDS = Object.keys(PLANS) as PlanId[];

export function seatsOf(plan: PlanId): number {
  return PLANS[plan].seats;
}

/** Whether `adding` more seat-occupying members fit the plan. */
export function hasFreeSeats(options: { used: number; total: number; adding?: number }): boolean {
  return options.used + (options.adding ?? 1) <= options.total;
}

/**
 * How long a workspace's audit trail is kept. Paid plans keep it forever
 * unless their admins choose a time; free workspaces keep a year, or less if
 * their admins choose less. Null: forever.
 */
export const AUDIT_RETENTION_FREE_DAYS = 365;
export const AUDIT_RETENTION_CHOICES = [90, 180, 365, 730, 1825, 3650] as const;

export function auditRetentionDaysOf(plan: PlanId, chosenDays: number | null | undefined): number | null {
  if (PLANS[plan].paid) return chosenDays ?? null;
  return Math.min(chosenDays ?? AUDIT_RETENTION_FREE_DAYS, AUDIT_RETENTION_FREE_DAYS);
}
