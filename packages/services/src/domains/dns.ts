import { Resolver } from 'node:dns/promises';
import { challengeRecordName, challengeRecordValue, DOMAIN_CHALLENGE_PREFIX } from '@gatehouse/domain';
import type { TxtResolver } from '../shared/config.ts';

/**
 * The system's resolver, or the servers given (`DNS_SERVERS`, e.g. a local
 * one in tests), with short timeouts: an admin waits for the answer.
 */
export function createTxtResolver(servers: readonly string[] = []): TxtResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers.length) resolver.setServers([...servers]);
  return { txt: (name) => resolver.resolveTxt(name) };
}

/**
 * What the DNS says of a domain's challenge record: there with the token,
 * absent (or another value), or no answer at all (a resolver or the
 * domain's servers failing) — which proves nothing either way.
 */
export type ChallengeLookup = 'found' | 'missing' | 'wrong_value' | 'unreachable';

const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME', 'NXDOMAIN']);

export async function lookUpChallenge(resolver: TxtResolver, domain: string, token: string): Promise<ChallengeLookup> {
  let records: string[][];
  try {
    records = await resolver.txt(challengeRecordName(domain));
  } catch (error) {
    return ABSENT.has((error as { code?: string }).code ?? '') ? 'missing' : 'unreachable';
  }
  // A long TXT value may come in several strings: they are one value.
  const values = records.map((parts) => parts.join(''));
  if (values.includes(challengeRecordValue(token))) return 'found';
  return values.some((value) => value.startsWith(DOMAIN_CHALLENGE_PREFIX)) ? 'wrong_value' : 'missing';
}
