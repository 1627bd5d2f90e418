import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AuditEvent, queryRows } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { openDownload } from '@gatehouse/services';
import { failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

/*
 * The audit trail downloaded as CSV and NDJSON through the link
 * `audit.export` answers, against the whole api process: what the file
 * holds, who may ask, which ranges are refused, and that a trail of 100,000
 * events streams without the process holding it.
 */

const test = useTestServer();
const { db, people } = test;

async function workspaceWithHistory() {
  const admin = await people.signedIn({ name: 'Audrey Auditor' });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: 'Audited company', slug });
  const member = await admin.client.invitations.register.mutate({ workspace: slug, name: '=Formula Person', email: uniqueEmail('formula') });
  await admin.client.members.setRole.mutate({ workspace: slug, memberId: member.id, role: 'extranet', password: TEST_PASSWORD });
  return { admin, slug, member };
}

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const soon = () => new Date(Date.now() + 60_000).toISOString();

describe('audit export', () => {
  it('downloads the filtered trail as CSV and NDJSON, newest first, and records that it was exported', async () => {
    const { admin, slug } = await workspaceWithHistory();
    const listed = (await admin.client.audit.list.query({ workspace: slug, limit: 50 })).items;

    const { url } = await admin.client.audit.export.mutate({ workspace: slug, format: 'ndjson', from: hourAgo(), to: soon() });
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/x-ndjson');
    expect(download.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="audit-${slug}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.ndjson"`));
    const lines = (await download.text()).trim().split('\n').map((line) => JSON.parse(line) as { id: string; action: string });
    // The export itself is the newest event of the trail it exports.
    expect(lines[0]!.action).toBe('audit.exported');
    expect(lines.slice(1).map((line) => line.id)).toEqual(listed.map((event) => event.id));

    const csv = await (await fetch((await admin.client.audit.export.mutate({ workspace: slug, format: 'csv', from: hourAgo(), to: soon(), action: 'member' })).url)).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('time,action,actor,actor_type,actor_id,target,target_member_id,ip_address,user_agent,details');
    expect(rows.slice(1).map((row) => row.split(',')[1])).toEqual(['"member.role_changed"', '"member.registered"']);
    // A name that starts like a formula stays text in a spreadsheet.
    expect(csv).toContain(`"'=Formula Person"`);

    const exported = await db.orm.em.fork().find(AuditEvent, { action: 'audit.exported', actorProfileId: admin.profile.id });
    expect(exported).toHaveLength(2);
    expect(exported.map((event) => event.details?.format).sort()).toEqual(['csv', 'ndjson']);
  });

  it('refuses links that are altered or expired, callers who are not admins, and absurd ranges, each saying why', async () => {
    const { admin, slug, member } = await workspaceWithHistory();
    const { url } = await admin.client.audit.export.mutate({ workspace: slug, format: 'csv', from: hourAgo(), to: soon() });
    const token = new URL(url).pathname.split('/').pop()!;
    const [body, mac] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), workspaceId: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expect((await fetch(new URL(`/exports/audit/${widened}.${mac}`, url))).status).toBe(404);
    expect((await fetch(new URL(`/exports/audit/${body}.${mac!.slice(0, -2)}xx`, url))).status).toBe(404);
    // A link of one kind opens nothing of another kind, and none opens once its five minutes are over.
    expect((await fetch(new URL(`/exports/my-data/${token}`, url))).status).toBe(404);
    expect((await fetch(new URL(`/exports/security-history/${token}`, url))).status).toBe(404);
    expect(() => openDownload(db.orm, test.server.serviceConfig, 'audit', token, new Date(Date.now() + 6 * 60_000))).toThrow();
    expect(openDownload(db.orm, test.server.serviceConfig, 'audit', token).fileName).toMatch(/^audit-/);

    const ask = (range: { from: string; to: string }) => failureOf(admin.client.audit.export.mutate({ workspace: slug, format: 'csv', ...range }));
    expect((await ask({ from: soon(), to: hourAgo() })).fields).toMatchObject({ to: expect.any(String) });
    expect((await ask({ from: '2015-01-01T00:00:00Z', to: soon() })).fields).toMatchObject({ to: expect.stringContaining('five years') });
    expect((await ask({ from: '1900-01-01T00:00:00Z', to: '1901-01-01T00:00:00Z' })).appCode).toBe('INVALID_INPUT');
    expect((await ask({ from: hourAgo(), to: '2999-01-01T00:00:00Z' })).appCode).toBe('INVALID_INPUT');
    expect((await failureOf(admin.client.audit.export.mutate({ workspace: slug, format: 'xlsx' as never, from: hourAgo(), to: soon() }))).appCode).toBe('INVALID_INPUT');

    const stranger = await people.signedIn();
    expect((await failureOf(stranger.client.audit.export.mutate({ workspace: slug, format: 'csv', from: hourAgo(), to: soon() }))).appCode).toBe('NOT_FOUND');
    expect(member.id).toBeTruthy();
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'audit.exported', actorProfileId: stranger.profile.id })).toBe(0);
  });

  it('streams 100,000 events page by page, the process holding no more than a few pages', async () => {
    const { admin, slug } = await workspaceWithHistory();
    const workspaceId = (await queryRows<{ id: string }>(db.orm.em.fork(), 'select id from workspace where slug = $1', [slug]))[0]!.id;
    const filler = 'x'.repeat(400);
    await queryRows(
      db.orm.em.fork(),
      `insert into audit_event (id, workspace_id, actor_profile_id, action, details, ip_address, user_agent, created_at)
       select gen_random_uuid(), $1, $2, 'member.updated', jsonb_build_object('note', $3::text || n), '192.0.2.1', 'Bench', now() - make_interval(secs => n)
         from generate_series(1, 100000) as n`,
      [workspaceId, admin.profile.id, filler],
    );
    const { url } = await admin.client.audit.export.mutate({ workspace: slug, format: 'ndjson', from: new Date(Date.now() - 2 * 86_400_000).toISOString(), to: soon() });

    // What the heap holds after a full collection, at the start and at every 10 MB read: the api process runs in
    // this one, and while the test reads no further it writes no further (backpressure), so this is what it keeps.
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as () => void;
    const retained = () => {
      collect();
      // Buffers (a socket's queue, the reader's) live outside the heap: counted too.
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.external;
    };
    const baseline = retained();
    let most = 0;
    let lines = 0;
    let bytes = 0;
    let nextSample = 10 * 1024 * 1024;
    const reader = (await fetch(url)).body!.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      bytes += part.value.byteLength;
      for (const byte of part.value) if (byte === 10) lines += 1;
      if (bytes >= nextSample) {
        most = Math.max(most, retained() - baseline);
        nextSample += 10 * 1024 * 1024;
      }
    }
    // Each event's line, the workspace's own few included.
    expect(lines).toBeGreaterThanOrEqual(100_000);
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    // A file held whole would be more than the file itself; a page is well under a megabyte.
    expect(most).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
