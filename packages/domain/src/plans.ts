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
