import { RecoveryRequest, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { assertStaff } from './assert-staff.ts';

export async function getRecoveryLetter(options: { em: EntityManager; actor: Actor; id: string }): Promise<{ bytes: Buffer; type: string; name: string }> {
  assertStaff(options.actor);
  const request = await options.em.findOne(RecoveryRequest, { id: options.id }, { populate: ['letter'] });
  if (!request) throw new AppError('NOT_FOUND');
  return { bytes: Buffer.from(request.letter), type: request.letterType, name: request.letterName };
}
