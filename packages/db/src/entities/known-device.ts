import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';

/** A device a profile signed in from before: a sign-in from any other is mailed to the person. */
export const KnownDeviceSchema = defineEntity({
  name: 'KnownDevice',
  tableName: 'known_device',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    deviceHash: p.string().length(64),
    firstSeenAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'known_device_profile_hash_unique', properties: ['profile', 'deviceHash'] }],
});

export class KnownDevice extends KnownDeviceSchema.class {}
KnownDeviceSchema.setClass(KnownDevice);
