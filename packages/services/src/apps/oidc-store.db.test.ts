import { describe, expect, it } from 'vitest';
import { OidcRecord } from '@gatehouse/db';
import { useTestDatabase } from '@gatehouse/db/testing';
import { purgeExpired } from '../workspace/index.ts';
import { oidcStoreOn } from './oidc-store.ts';

const db = useTestDatabase();

describe('the OpenID Connect provider’s store', () => {
  it('keeps each model’s records across processes: another store on the same database reads what one wrote', async () => {
    const Store = oidcStoreOn(db.orm);
    const codes = new Store('AuthorizationCode');
    await codes.upsert('code-1', { accountId: 'p1', grantId: 'g1', clientId: 'app' }, 60);
    // A second api process: its own store class, same database.
    const elsewhere = new (oidcStoreOn(db.orm))('AuthorizationCode');
    expect(await elsewhere.find('code-1')).toEqual({ accountId: 'p1', grantId: 'g1', clientId: 'app' });
    // Models do not see each other's ids.
    expect(await new Store('AccessToken').find('code-1')).toBeUndefined();
  });

  it('spends a code once: a replay reads it consumed', async () => {
    const codes = new (oidcStoreOn(db.orm))('AuthorizationCode');
    await codes.upsert('code-2', { grantId: 'g2' }, 60);
    await Promise.all([codes.consume('code-2'), codes.consume('code-2')]);
    const spent = await codes.find('code-2');
    expect(typeof spent?.consumed).toBe('number');
    expect(Math.abs((spent!.consumed as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('revokes everything of one grant, of every model, and nothing of another', async () => {
    const Store = oidcStoreOn(db.orm);
    await new Store('AccessToken').upsert('at-3', { grantId: 'g3' }, 600);
    await new Store('RefreshToken').upsert('rt-3', { grantId: 'g3' }, 6000);
    await new Store('AccessToken').upsert('at-4', { grantId: 'g4' }, 600);
    await new Store('RefreshToken').revokeByGrantId('g3');
    expect(await new Store('AccessToken').find('at-3')).toBeUndefined();
    expect(await new Store('RefreshToken').find('rt-3')).toBeUndefined();
    expect(await new Store('AccessToken').find('at-4')).toEqual({ grantId: 'g4' });
  });

  it('finds interactions by uid and device codes by user code; an expired record reads as absent and the purge removes it', async () => {
    const Store = oidcStoreOn(db.orm);
    await new Store('Session').upsert('s-5', { uid: 'uid-5', accountId: 'p5' }, 600);
    await new Store('DeviceCode').upsert('dc-5', { userCode: 'ABCD-EFGH' }, 600);
    expect(await new Store('Session').findByUid('uid-5')).toEqual({ uid: 'uid-5', accountId: 'p5' });
    expect(await new Store('DeviceCode').findByUserCode('ABCD-EFGH')).toEqual({ userCode: 'ABCD-EFGH' });

    const interactions = new Store('Interaction');
    await interactions.upsert('i-6', { uid: 'i-6' }, 600);
    await db.orm.em.fork().nativeUpdate(OidcRecord, { model: 'Interaction', id: 'i-6' }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await interactions.find('i-6')).toBeUndefined();
    expect((await purgeExpired({ em: db.orm.em.fork(), now: new Date() })).oidc).toBeGreaterThanOrEqual(1);
    expect(await db.orm.em.fork().count(OidcRecord, { model: 'Interaction', id: 'i-6' })).toBe(0);

    await interactions.upsert('i-7', { uid: 'i-7' });
    await interactions.destroy('i-7');
    expect(await interactions.find('i-7')).toBeUndefined();
  });
});
