import { describe, expect, it } from 'vitest';
import { appCodeOf, createClient, type GatehouseClient } from '@gatehouse/client';
import { Member, Profile, Session } from '@gatehouse/db';
import { makeMember, makeProfile, makeWorkspace, uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { cookieFetch, failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;
const PASSWORD = TEST_PASSWORD;

function anonymous(locale?: string): GatehouseClient {
  return createClient({ url: test.server.url, ...(locale ? { locale } : {}) });
}

/** A person with a password, signed in as a desktop client (bearer token). */
async function signedInPerson(options: { name?: string; mustChangePassword?: boolean } = {}) {
  const person = await people.signedIn(options.name ? { name: options.name } : {});
  if (options.mustChangePassword) await db.orm.em.fork().nativeUpdate(Profile, { id: person.profile.id }, { mustChangePassword: true });
  return person;
}

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${test.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('sign-up and sign-in', () => {
  it('signs up, asks to confirm the address, then signs in with the email in any case and spacing', async () => {
    const email = uniqueEmail('Signup');
    const answer = await anonymous().auth.signUp.mutate({ email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Ada Lovelace' });
    expect(answer).toEqual({ status: 'verification_sent', email: email.toLowerCase() });
    const unconfirmed = await failureOf(anonymous().auth.signIn.mutate({ email, password: PASSWORD }));
    expect(unconfirmed.appCode).toBe('EMAIL_NOT_VERIFIED');

    const mail = await test.server.mailSink!.waitFor(email.toLowerCase());
    const token = new URL(linkIn(mail, `${test.server.publicUrl}/verify-email#`)).hash.slice(1);
    await anonymous().auth.verifyEmail.mutate({ token });
    const signedIn = await anonymous().auth.signIn.mutate({ email: email.toUpperCase(), password: PASSWORD });
    expect(signedIn).toMatchObject({ status: 'signed_in', profile: { email: email.toLowerCase(), name: 'Ada Lovelace' }, workspace: null });
    expect(signedIn).not.toHaveProperty('token');
  });

  it('answers a sign-up for a taken address exactly like a new one, and tells the owner by mail', async () => {
    const { email } = await signedInPerson();
    const answer = await anonymous().auth.signUp.mutate({ email: email.toUpperCase(), password: 'another long passphrase', name: 'Impostor' });
    expect(answer).toEqual({ status: 'verification_sent', email });
    const notice = await test.server.mailSink!.waitFor(email, (mail) => mail.subject === 'Someone tried to create a profile with your address');
    expect(notice.text).toContain('/forgot-password');
    // The owner's password still works; the impostor's does not.
    expect((await anonymous().auth.signIn.mutate({ email, password: PASSWORD })).status).toBe('signed_in');
    expect((await failureOf(anonymous().auth.signIn.mutate({ email, password: 'another long passphrase' }))).appCode).toBe('INVALID_CREDENTIALS');
  });

  it('keeps one profile when two sign-ups for one address race', async () => {
    const email = uniqueEmail();
    const results = await Promise.all([
      anonymous().auth.signUp.mutate({ email, password: PASSWORD, name: 'One' }),
      anonymous().auth.signUp.mutate({ email, password: PASSWORD, name: 'Two' }),
    ]);
    expect(results).toEqual([
      { status: 'verification_sent', email },
      { status: 'verification_sent', email },
    ]);
    expect(await db.orm.em.fork().count(Profile, { email })).toBe(1);
  });

  it('explains a too-short password in the caller’s language and creates nothing (INVALID_INPUT)', async () => {
    const email = uniqueEmail();
    try {
      await anonymous('fr-FR,fr;q=0.9').auth.signUp.mutate({ email, password: 'short', name: 'Court' });
      expect.unreachable();
    } catch (error) {
      expect(appCodeOf(error)).toBe('INVALID_INPUT');
      const data = (error as { data: { fields: Record<string, string> } }).data;
      expect(data.fields.password).toBe('Utilisez au moins 15 caractères.');
    }
    expect(await db.orm.em.fork().count(Profile, { email })).toBe(0);
  });

  it('answers a wrong password and an unknown email with the same error (INVALID_CREDENTIALS)', async () => {
    const { email } = await signedInPerson();
    const wrong = await failureOf(anonymous().auth.signIn.mutate({ email, password: 'not the right password' }));
    const unknown = await failureOf(anonymous().auth.signIn.mutate({ email: uniqueEmail('nobody'), password: PASSWORD }));
    expect(wrong).toEqual({ appCode: 'INVALID_CREDENTIALS', message: 'Invalid login or password.', fields: {} });
    expect(unknown).toEqual(wrong);
    const german = await failureOf(anonymous('de').auth.signIn.mutate({ email, password: 'not the right password' }));
    expect(german.message).toBe('Ungültiger Benutzername oder falsches Passwort.');
  });

  it('tells a profile that is not a member of the workspace so, only once the password is right (NO_ACCESS)', async () => {
    const em = db.orm.em.fork();
    const owner = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: owner });
    const { email } = await signedInPerson();
    const wrongPassword = await failureOf(anonymous().auth.signIn.mutate({ email, password: 'not the right password', workspace: workspace.slug }));
    expect(wrongPassword.appCode).toBe('INVALID_CREDENTIALS');
    const stranger = await failureOf(anonymous().auth.signIn.mutate({ email, password: PASSWORD, workspace: workspace.slug }));
    expect(stranger.appCode).toBe('NO_ACCESS');
    expect(stranger.message).toContain('There is no user with this name in this workspace');
    const noSuchWorkspace = await failureOf(anonymous().auth.signIn.mutate({ email, password: PASSWORD, workspace: uniqueSlug() }));
    expect(noSuchWorkspace.appCode).toBe('NO_ACCESS');
  });

  it('tells a dismissed member they were deactivated (MEMBER_DISMISSED) and lets active members in', async () => {
    const em = db.orm.em.fork();
    const owner = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: owner });
    const dismissed = await signedInPerson();
    await makeMember(em, { workspace, profile: await em.findOneOrFail(Profile, { id: dismissed.profile.id }), status: 'dismissed' });
    const failure = await failureOf(anonymous('it').auth.signIn.mutate({ email: dismissed.email, password: PASSWORD, workspace: workspace.slug }));
    expect(failure.appCode).toBe('MEMBER_DISMISSED');
    expect(failure.message).toContain('Questo utente è stato disattivato');

    const active = await signedInPerson();
    await makeMember(em, { workspace, profile: await em.findOneOrFail(Profile, { id: active.profile.id }) });
    const result = await anonymous().auth.signIn.mutate({ email: active.email, password: PASSWORD, workspace: workspace.slug.toUpperCase() });
    expect(result).toMatchObject({ status: 'signed_in', workspace: { slug: workspace.slug, name: workspace.name } });
  });
});

describe('browser sessions over cookies', () => {
  it('sets an HttpOnly, SameSite=Lax cookie (not Secure on plain-http localhost) and ends it at sign-out', async () => {
    const { email } = await signedInPerson();
    const jar = cookieFetch();
    const browser = createClient({ url: test.server.url, fetch: jar });
    await browser.auth.signIn.mutate({ email, password: PASSWORD });
    const cookie = jar.setCookieHeaders.at(-1)!;
    expect(cookie).toMatch(/^gatehouse_session=[a-z2-7]{24}\.[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    expect((await browser.auth.session.query())?.profile.email).toBe(email);
    await browser.auth.signOut.mutate();
    expect(await browser.auth.session.query()).toBeNull();
    expect(await db.orm.em.fork().count(Session, { profile: { email } })).toBe(1); // the desktop session of signedInPerson
  });

  it('refuses a mutation from another origin or sent as a form, even with a valid cookie', async () => {
    const { email } = await signedInPerson();
    const jar = cookieFetch();
    await createClient({ url: test.server.url, fetch: jar }).auth.signIn.mutate({ email, password: PASSWORD });
    const cookie = [...jar.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

    const crossOrigin = await postJson('/trpc/sessions.revokeOthers', {}, { cookie, origin: 'https://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await postJson('/trpc/sessions.revokeOthers', {}, { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${test.server.url}/trpc/sessions.revokeOthers`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(403);
    const sameOrigin = await postJson('/trpc/sessions.revokeOthers', {}, { cookie, origin: test.server.publicUrl, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
  });

  it('is driven with curl-style plain JSON: no transformer, dates as ISO strings', async () => {
    const { email } = await signedInPerson();
    const response = await postJson('/trpc/auth.signIn', { email, password: PASSWORD, client: 'desktop' });
    const body = (await response.json()) as { result: { data: { token: string; session: { expiresAt: string } } } };
    expect(body.result.data.session.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const session = await fetch(`${test.server.url}/trpc/auth.session`, { headers: { authorization: `Bearer ${body.result.data.token}` } });
    const sessionBody = (await session.json()) as { result: { data: { profile: { email: string } } } };
    expect(sessionBody.result.data.profile.email).toBe(email);
  });

  it('answers the session check (served without tRPC’s plumbing) exactly as tRPC answers it inside a batch', async () => {
    const { token } = await signedInPerson();
    const headers = { authorization: `Bearer ${token}` };
    const alone = await fetch(`${test.server.url}/trpc/auth.session`, { headers });
    expect(alone.headers.get('content-type')).toMatch(/^application\/json/);
    const viaTrpc = (await (await fetch(`${test.server.url}/trpc/auth.session,auth.session?batch=1&input=${encodeURIComponent('{}')}`, { headers })).json()) as unknown[];
    expect(await alone.json()).toEqual(viaTrpc[0]);
    const batchOfOne = (await (await fetch(`${test.server.url}/trpc/auth.session?batch=1&input=${encodeURIComponent('{}')}`, { headers })).json()) as unknown[];
    expect(batchOfOne).toEqual([viaTrpc[1]]);

    expect(await (await fetch(`${test.server.url}/trpc/auth.session`)).json()).toEqual({ result: { data: null } });
    const deadCookie = await fetch(`${test.server.url}/trpc/auth.session`, { headers: { cookie: 'gatehouse_session=aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } });
    expect(await deadCookie.json()).toEqual({ result: { data: null } });
    expect(deadCookie.headers.getSetCookie().some((cookie) => /^gatehouse_session=;.*Expires=Thu, 01 Jan 1970/i.test(cookie))).toBe(true);
  });

  it('sends the security headers (content security policy, no framing, no sniffing) on API answers and errors alike', async () => {
    const answers = [await fetch(`${test.server.url}/healthz`), await fetch(`${test.server.url}/trpc/auth.session`), await postJson('/trpc/auth.signIn', {}, { origin: 'https://elsewhere.example' })];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 403]);
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers tRPC calls whole, with their length, answers and errors alike', async () => {
    const origin = { origin: test.server.publicUrl };
    const answers = [
      await postJson('/trpc/auth.signIn', { email: uniqueEmail(), password: 'not the password', client: 'browser' }, origin),
      await fetch(`${test.server.url}/trpc/auth.session,auth.session?batch=1&input=${encodeURIComponent('{}')}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 200]);
    for (const answer of answers) {
      const body = Buffer.from(await answer.arrayBuffer());
      expect(answer.headers.get('transfer-encoding')).toBeNull();
      expect(Number(answer.headers.get('content-length'))).toBe(body.length);
      expect(() => JSON.parse(body.toString('utf8')) as unknown).not.toThrow();
    }
  });

  it('caps batches at ten calls', async () => {
    const paths = Array.from({ length: 11 }, () => 'auth.session').join(',');
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, null]))));
    const response = await fetch(`${test.server.url}/trpc/${paths}?batch=1&input=${input}`);
    expect(response.status).toBe(400);
    const ten = await fetch(`${test.server.url}/trpc/${Array.from({ length: 10 }, () => 'auth.session').join(',')}?batch=1&input=${input}`);
    expect(ten.status).toBe(200);
  });
});

describe('sessions and profile', () => {
  it('requires a session (UNAUTHENTICATED) and lists, revokes and revokes-others the caller’s own sessions', async () => {
    expect((await failureOf(anonymous().profile.get.query())).appCode).toBe('UNAUTHENTICATED');
    const person = await signedInPerson();
    const second = await anonymous().auth.signIn.mutate({ email: person.email, password: PASSWORD, client: 'desktop' });
    if (second.status !== 'signed_in') throw new Error('expected a session');
    await anonymous().auth.signIn.mutate({ email: person.email, password: PASSWORD, client: 'desktop' });
    const sessions = await person.client.sessions.list.query();
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);

    await person.client.sessions.revoke.mutate({ id: second.session.id, password: TEST_PASSWORD });
    expect(await person.client.sessions.list.query()).toHaveLength(2);
    expect(await person.client.sessions.revokeOthers.mutate()).toEqual({ revoked: 1 });
    expect(await person.client.sessions.list.query()).toHaveLength(1);

    const stranger = await signedInPerson();
    const strangerSession = (await stranger.client.sessions.list.query())[0]!;
    expect((await failureOf(person.client.sessions.revoke.mutate({ id: strangerSession.id }))).appCode).toBe('NOT_FOUND');
    expect(await stranger.client.sessions.list.query()).toHaveLength(1);
  });

  it('updates name and language, the name following the person into their workspaces', async () => {
    const person = await signedInPerson({ name: 'Old Name' });
    const workspace = await person.client.workspace.create.mutate({ name: 'Renamers', slug: uniqueSlug() });
    const updated = await person.client.profile.update.mutate({ name: 'New Name', locale: 'de' });
    expect(updated).toMatchObject({ name: 'New Name', locale: 'de' });
    const members = await person.client.members.list.query({ workspace: workspace.slug });
    expect(members.items.map((member) => member.name)).toEqual(['New Name']);
    // The profile's language now words its errors.
    const failure = await failureOf(person.client.workspace.get.query({ workspace: uniqueSlug() }));
    expect(failure.message).toBe('Nicht gefunden.');
  });

  it('holds a profile with a generated password at the password change (PASSWORD_CHANGE_REQUIRED)', async () => {
    const person = await signedInPerson({ mustChangePassword: true });
    const failure = await failureOf(person.client.profile.workspaces.query());
    expect(failure.appCode).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await person.client.profile.get.query()).mustChangePassword).toBe(true);
  });
});

describe('workspaces', () => {
  it('makes the creator the first admin and shows the plan and seats', async () => {
    const person = await signedInPerson({ name: 'Founder' });
    expect(await person.client.profile.workspaces.query()).toEqual([]);
    const slug = uniqueSlug('acme');
    const created = await person.client.workspace.create.mutate({ name: 'Acme', slug });
    expect(created).toMatchObject({ slug, name: 'Acme', plan: 'free', seats: { used: 1, total: 12 } });
    expect(await person.client.workspace.get.query({ workspace: slug })).toMatchObject({ seats: { used: 1, total: 12 }, myRole: 'admin' });
    expect(await person.client.profile.workspaces.query()).toEqual([
      expect.objectContaining({ workspace: expect.objectContaining({ slug }), role: 'admin', status: 'active', isCreator: true }),
    ]);
  });

  it('refuses a taken or malformed address (SLUG_TAKEN, INVALID_INPUT), also when two create it at once', async () => {
    const person = await signedInPerson();
    const slug = uniqueSlug();
    const results = await Promise.allSettled([
      person.client.workspace.create.mutate({ name: 'One', slug }),
      person.client.workspace.create.mutate({ name: 'Two', slug }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(appCodeOf((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason)).toBe('SLUG_TAKEN');
    expect((await failureOf(person.client.workspace.create.mutate({ name: 'Three', slug }))).appCode).toBe('SLUG_TAKEN');
    expect((await failureOf(person.client.workspace.create.mutate({ name: 'Bad', slug: 'no spaces allowed' }))).appCode).toBe('INVALID_INPUT');
    expect((await failureOf(person.client.workspace.create.mutate({ name: 'Reserved', slug: 'console' }))).appCode).toBe('INVALID_INPUT');
  });

  it('hides other tenants: their workspace and their member ids are not found (NOT_FOUND)', async () => {
    const alice = await signedInPerson();
    const bob = await signedInPerson();
    const alices = await alice.client.workspace.create.mutate({ name: 'Alice Co', slug: uniqueSlug() });
    const bobs = await bob.client.workspace.create.mutate({ name: 'Bob Co', slug: uniqueSlug() });
    expect((await failureOf(bob.client.workspace.get.query({ workspace: alices.slug }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(bob.client.members.list.query({ workspace: alices.slug }))).appCode).toBe('NOT_FOUND');
    const aliceMember = (await alice.client.members.list.query({ workspace: alices.slug })).items[0]!;
    expect((await failureOf(bob.client.members.get.query({ workspace: bobs.slug, memberId: aliceMember.id }))).appCode).toBe('NOT_FOUND');
  });
});

describe('member directory', () => {
  async function directory(size: number) {
    const admin = await signedInPerson({ name: 'Aaron Admin' });
    const created = await admin.client.workspace.create.mutate({ name: 'Directory Co', slug: uniqueSlug() });
    const em = db.orm.em.fork();
    const workspace = await em.findOneOrFail(Member, { profile: admin.profile.id }, { populate: ['workspace'] }).then((m) => m.workspace.getEntity());
    for (let i = 0; i < size; i++) {
      await makeMember(em, {
        workspace,
        name: `Member ${String(i).padStart(2, '0')}`,
        contactEmail: `member${i}@corp.example`,
        status: i % 5 === 0 ? 'invited' : i % 7 === 0 ? 'dismissed' : 'active',
      });
    }
    return { admin, slug: created.slug };
  }

  it('pages through every member once, in name order, with a cursor', async () => {
    const { admin, slug } = await directory(24);
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.client.members.list.query({ workspace: slug, limit: 10, ...(cursor ? { cursor } : {}) });
      names.push(...page.items.map((member) => member.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(names).toEqual([...names].sort());
  });

  it('filters by status and searches by name or email', async () => {
    const { admin, slug } = await directory(15);
    const invited = await admin.client.members.list.query({ workspace: slug, status: 'invited' });
    expect(invited.items.map((member) => member.name)).toEqual(['Member 00', 'Member 05', 'Member 10']);
    expect(invited.items.every((member) => member.status === 'invited')).toBe(true);
    const byName = await admin.client.members.list.query({ workspace: slug, search: 'member 1' });
    expect(byName.items.map((member) => member.name)).toEqual(['Member 10', 'Member 11', 'Member 12', 'Member 13', 'Member 14']);
    const byEmail = await admin.client.members.list.query({ workspace: slug, search: 'MEMBER7@corp' });
    expect(byEmail.items.map((member) => member.name)).toEqual(['Member 07']);
    const wildcard = await admin.client.members.list.query({ workspace: slug, search: '%' });
    expect(wildcard.items).toEqual([]);
  });

  it('shows admins how a member signs in, and keeps extranet guests out (FORBIDDEN)', async () => {
    const { admin, slug } = await directory(0);
    const me = (await admin.client.members.list.query({ workspace: slug })).items[0]!;
    const detail = await admin.client.members.get.query({ workspace: slug, memberId: me.id });
    expect(detail.signIn).toEqual({ kind: 'email', email: admin.email });

    const guest = await signedInPerson();
    const em = db.orm.em.fork();
    const workspace = (await em.findOneOrFail(Member, { id: me.id }, { populate: ['workspace'] })).workspace.getEntity();
    await makeMember(em, { workspace, profile: await em.findOneOrFail(Profile, { id: guest.profile.id }), role: 'extranet' });
    expect((await failureOf(guest.client.members.list.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');
  });
});

describe('typed client', () => {
  it('runs the README example script against a live server', async () => {
    const { execFile } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const person = await signedInPerson({ name: 'Script Runner' });
    const workspace = await person.client.workspace.create.mutate({ name: 'Scripted', slug: uniqueSlug() });
    const script = fileURLToPath(new URL('../../../packages/client/examples/list-members.ts', import.meta.url));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [script],
        { env: { ...process.env, GATEHOUSE_URL: test.server.url, GATEHOUSE_EMAIL: person.email, GATEHOUSE_PASSWORD: PASSWORD, GATEHOUSE_WORKSPACE: workspace.slug } },
        (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
      ),
    );
    expect(output.trim()).toBe(`Script Runner\tadmin\tactive\t${person.email}`);
  });
});
