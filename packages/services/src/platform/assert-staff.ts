import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';

export function assertStaff(actor: Actor): void {
  if (!actor.isStaff) throw new AppError('FORBIDDEN', { requiredRole: 'staff' });
}
