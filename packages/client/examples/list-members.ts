/**
 * Signs in as a script (a desktop session) and prints a workspace's directory.
 * GATEHOUSE_URL (default http://localhost:3000), GATEHOUSE_EMAIL (default the
 * demo admin), GATEHOUSE_PASSWORD and GATEHOUSE_WORKSPACE (default "demo").
 */
import { appCodeOf, createClient } from '../src/index.ts';

const url = process.env.GATEHOUSE_URL ?? 'http://localhost:3000';
const email = process.env.GATEHOUSE_EMAIL ?? 'admin@demo.localhost';
const password = process.env.GATEHOUSE_PASSWORD;
const workspace = process.env.GATEHOUSE_WORKSPACE ?? 'demo';
if (!password) {
  console.error('Set GATEHOUSE_PASSWORD (the demo admin’s password is printed at the first start).');
  process.exit(2);
}

try {
  const anonymous = createClient({ url });
  let signedIn = await anonymous.auth.signIn.mutate({ email, password, client: 'desktop' });
  if (signedIn.status === 'two_factor_required') {
    const code = process.env.GATEHOUSE_TOTP;
    if (!code) throw new Error('two-step verification is on: set GATEHOUSE_TOTP to the current code');
    signedIn = await anonymous.auth.verifyTwoFactor.mutate({ challengeId: signedIn.challengeId, code });
  }
  if (signedIn.status !== 'signed_in' || !signedIn.token) throw new Error('no desktop token in the answer');
  const gatehouse = createClient({ url, token: signedIn.token });
  let cursor: string | undefined;
  do {
    const page = await gatehouse.members.list.query({ workspace, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const member of page.items) console.log(`${member.name}\t${member.role}\t${member.status}\t${member.contactEmail ?? ''}`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await gatehouse.auth.signOut.mutate();
} catch (error) {
  console.error(`${appCodeOf(error) ?? 'ERROR'}: ${(error as Error).message}`);
  process.exit(1);
}
