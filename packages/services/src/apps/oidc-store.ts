import {
  consumeOidcRecord,
  destroyOidcRecord,
  findOidcRecord,
  findOidcRecordByUid,
  findOidcRecordByUserCode,
  revokeOidcGrant,
  upsertOidcRecord,
  type Orm,
} from '@gatehouse/db';

/** What the OpenID Connect provider asks of its store for one model (its adapter contract). */
export interface OidcModelStore {
  upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Record<string, unknown> | undefined>;
  findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/**
 * The provider's store in PostgreSQL, one class per model name as the
 * provider constructs it: each call on its own short-lived entity manager,
 * nothing kept in process memory, so any api process can serve any step of
 * a flow (authorize on one, exchange the code on another).
 */
export function oidcStoreOn(orm: Orm, options: { clients?: (id: string) => Promise<Record<string, unknown> | undefined> } = {}): new (model: string) => OidcModelStore {
  return class PostgresOidcStore implements OidcModelStore {
    private readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      await upsertOidcRecord(orm.em.fork(), { model: this.model, id, payload, expiresInSeconds: expiresIn });
    }

    find(id: string) {
      // Clients are the workspaces' apps, registered in the console rather than through the provider.
      if (this.model === 'Client' && options.clients) return options.clients(id);
      return findOidcRecord(orm.em.fork(), this.model, id);
    }

    findByUid(uid: string) {
      return findOidcRecordByUid(orm.em.fork(), this.model, uid);
    }

    findByUserCode(userCode: string) {
      return findOidcRecordByUserCode(orm.em.fork(), this.model, userCode);
    }

    async consume(id: string): Promise<void> {
      await consumeOidcRecord(orm.em.fork(), this.model, id);
    }

    async destroy(id: string): Promise<void> {
      await destroyOidcRecord(orm.em.fork(), this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await revokeOidcGrant(orm.em.fork(), grantId);
    }
  };
}
