import { generateSessionToken, generateTotpKey, hashPassword, SecretBox } from '@gatehouse/auth';
import { Member, Profile, Workspace, executeStatement, migrate, openOrm, queryRows } from '@gatehouse/db';

export const PASSWORD = 'benchmark passphrase that is long';

/** The same people on both servers: the sign-in scenarios cycle through them. */
export function benchPeople(count: number): { email: string; name: string }[] {
  return Array.from({ length: count }, (_, i) => ({ email: `bench-${i}@example.test`, name: `Bench Person ${i}` }));
}

const FIRST = ['Ada', 'Bela', 'Chen', 'Dara', 'Emil', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kemal', 'Lena', 'Milo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tove'];
const LAST = ['Anderson', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Johnson', 'Kowalski', 'Lambert', 'Moreau', 'Nowak', 'Okafor', 'Petrov', 'Rossi', 'Silva', 'Tanaka', 'Wilson'];

export interface GatehouseSeed {
  directory: { slug: string; adminEmail: string; deepCursor: string; members: number };
  /** People with two-step verification on, and their TOTP keys. */
  twoFactor: { email: string; key: Uint8Array }[];
  /** A workspace with room for the invitation scenario, and its admin. */
  invitations: { slug: string; adminEmail: string };
  /** Desktop session tokens of distinct profiles' sessions, for the memory scenario. */
  sessionTokens: string[];
}

/**
 * Gatehouse's data: the bench people (verified, one password), and a
 * workspace with `members` members for the directory scenarios. Written
 * with SQL in bulk where the ORM would take minutes; the shapes are those of
 * the migrations.
 */
export async function seedGatehouse(options: {
  databaseUrl: string;
  people: { email: string; name: string }[];
  members: number;
  sessions: number;
  /** The server key the api runs with: TOTP secrets are stored sealed with it. */
  appSecret: Uint8Array;
}): Promise<GatehouseSeed> {
  const orm = await openOrm({ databaseUrl: options.databaseUrl, poolSize: 2 });
  try {
    await migrate(orm);
    const passwordHash = await hashPassword(PASSWORD);
    const em = orm.em.fork();
    const profiles = options.people.map((person) => em.create(Profile, { ...person, passwordHash, emailVerifiedAt: new Date() }));
    const admin = profiles[0]!;
    const workspace = em.create(Workspace, { slug: 'bench-directory', name: 'Directory benchmark', plan: 'enterprise', creator: admin });
    em.create(Member, { workspace, profile: admin, role: 'admin', status: 'active', name: admin.name, contactEmail: admin.email, source: 'creator', joinedAt: new Date() });
    const inviter = profiles[1]!;
    const invitationWorkspace = em.create(Workspace, { slug: 'bench-invitations', name: 'Invitation benchmark', plan: 'enterprise', creator: inviter });
    em.create(Member, { workspace: invitationWorkspace, profile: inviter, role: 'admin', status: 'active', name: inviter.name, contactEmail: inviter.email, source: 'creator', joinedAt: new Date() });
    const totpBox = new SecretBox(options.appSecret, 'totp');
    const twoFactor = options.people.map((_, i) => ({ email: `bench-2fa-${i}@example.test`, key: generateTotpKey() }));
    for (const person of twoFactor) {
      em.create(Profile, { email: person.email, name: 'Careful Person', passwordHash, emailVerifiedAt: new Date(), totpSecretEncrypted: totpBox.seal(person.key), twoFactorEnabledAt: new Date() });
    }
    await em.flush();

    await executeStatement(
      em,
      `insert into member (id, workspace_id, role, status, name, contact_email, source, joined_at, created_at, updated_at)
       select gen_random_uuid(), $1, 'employee', 'invited',
              ($2::text[])[1 + i % 20] || ' ' || ($3::text[])[1 + (i / 20) % 20] || ' ' || i,
              lower(($2::text[])[1 + i % 20] || '.' || ($3::text[])[1 + (i / 20) % 20] || '.' || i || '@corp.example'),
              'invitation', null, now(), now()
         from generate_series(1, $4::int) as i`,
      [workspace.id, FIRST, LAST, options.members - 1],
    );
    await executeStatement(em, 'analyze member', []);
    // The seed may use OFFSET once to find a deep cursor; the product never does.
    const [deep] = await queryRows<{ name: string; id: string }>(em, 'select name, id from member where workspace_id = $1 order by name, id offset $2 limit 1', [
      workspace.id,
      Math.floor(options.members * 0.99),
    ]);

    const sessionTokens: string[] = [];
    const chunk = 5_000;
    for (let start = 0; start < options.sessions; start += chunk) {
      const ids: string[] = [];
      const hashes: string[] = [];
      const owners: string[] = [];
      for (let i = start; i < Math.min(options.sessions, start + chunk); i++) {
        const token = generateSessionToken();
        sessionTokens.push(token.token);
        ids.push(token.id);
        hashes.push(token.secretHash);
        owners.push(profiles[i % profiles.length]!.id);
      }
      await executeStatement(
        em,
        `insert into session (id, secret_hash, profile_id, client, created_at, last_active_at, authenticated_at, expires_at)
         select id, hash, owner, 'desktop', now(), now(), now(), now() + interval '30 days'
           from unnest($1::text[], $2::text[], $3::uuid[]) as s(id, hash, owner)`,
        [ids, hashes, owners],
      );
    }
    return {
      twoFactor,
      invitations: { slug: invitationWorkspace.slug, adminEmail: inviter.email },
      directory: {
        slug: workspace.slug,
        adminEmail: admin.email,
        deepCursor: Buffer.from(JSON.stringify([deep!.name, deep!.id])).toString('base64url'),
        members: options.members,
      },
      sessionTokens,
    };
  } finally {
    await orm.close();
  }
}
