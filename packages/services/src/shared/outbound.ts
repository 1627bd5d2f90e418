import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/*
 * Requests Gatehouse makes on its own to addresses admins typed (an app's
 * back-channel, webhooks). The name is resolved and every address it
 * gives is checked before connecting, on the very connection used, so a DNS
 * answer that changes between check and use cannot reach inside.
 */

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address is its IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (mappedHex) {
    const [high, low] = [parseInt(mappedHex[1]!, 16), parseInt(mappedHex[2]!, 16)];
    return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class DestinationRefused extends Error {
  readonly address: string;
  constructor(address: string) {
    super(`destination ${address} is private`);
    this.address = address;
  }
}

/** The one outcome a delivery records: the status, or why nothing came back. */
export type OutboundOutcome = { ok: true; status: number } | { ok: false; status: number | null; reason: string };

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that refuses a name resolving to any private address, on the connection that uses it. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, lookupOptions: object, callback: LookupCallback) =>
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(new DestinationRefused(refused.address), []);
      callback(null, (lookupOptions as { all?: boolean }).all ? list : list[0]!.address, list[0]!.family);
    });
}

/** A literal private address never goes through the lookup: refused here. */
function literalRefusal(target: URL, allowPrivate: boolean): string | null {
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  return isIP(literal) && !allowPrivate && isPrivateAddress(literal) ? literal : null;
}

/**
 * Keep-alive connections per scheme and per guard: a receiver getting many
 * messages is not connected to afresh for each. A connection is only ever
 * made through the guarded lookup, so a reused one is one already checked;
 * requests with and without the development switch never share one.
 */
const agents = new Map<string, http.Agent>();
function agentFor(protocol: string, allowPrivate: boolean): http.Agent {
  const key = `${protocol}${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 16, timeout: 30_000, lookup: guardedLookup(allowPrivate) as never };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** POSTs a body, no redirects followed, within `timeoutMs`; refused before connecting when the destination is private. */
export function postOutbound(url: string, message: { body: string; headers: Record<string, string> }, options: { timeoutMs: number; allowPrivate: boolean }): Promise<OutboundOutcome> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const literal = literalRefusal(target, options.allowPrivate);
    if (literal) return resolve({ ok: false, status: null, reason: `destination ${literal} is private` });
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...message.headers, 'content-length': Buffer.byteLength(message.body), 'user-agent': 'Gatehouse' },
        timeout: options.timeoutMs,
        agent: agentFor(target.protocol, options.allowPrivate),
        lookup: guardedLookup(options.allowPrivate) as never,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, reason: `answered ${status}` });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, status: null, reason: error.message.slice(0, 300) }));
    request.end(message.body);
  });
}

/** POSTs a form (a back-channel logout), as {@link postOutbound}. */
export function postForm(url: string, form: Record<string, string>, options: { timeoutMs: number; allowPrivate: boolean }): Promise<OutboundOutcome> {
  return postOutbound(url, { body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, options);
}

/**
 * A fetch for a protocol library talking to a server an admin named (a
 * company's OpenID Connect issuer): the same guard on every connection, no
 * redirects followed, a timeout, and an answer of at most `maxBytes`.
 */
export function guardedFetch(options: { timeoutMs: number; allowPrivate: boolean; maxBytes?: number }) {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return (url: string, init: { method?: string; headers?: Headers | Record<string, string>; body?: string | URLSearchParams | null }): Promise<Response> => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const literal = literalRefusal(target, options.allowPrivate);
      if (literal) return reject(new DestinationRefused(literal));
      const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
      const body = init.body == null ? undefined : String(init.body);
      const request = client.request(target, { method: init.method ?? 'GET', headers: { 'user-agent': 'Gatehouse', ...headers }, timeout: options.timeoutMs, lookup: guardedLookup(options.allowPrivate) as never }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return void request.destroy(new Error(`answer larger than ${maxBytes} bytes`));
          chunks.push(chunk);
        });
        response.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          const status = response.statusCode ?? 502;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: answerHeaders }));
        });
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  };
}
