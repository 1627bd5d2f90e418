import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@gatehouse/api';

export interface ClientOptions {
  /** Where Gatehouse runs, e.g. `http://localhost:3000` (the `/trpc` path is added); `''` in a page Gatehouse serves itself. */
  url: string;
  /** A desktop session token (`auth.signIn` with `client: "desktop"`), sent as `Authorization: Bearer`. */
  token?: string;
  /** A workspace's API key (`gh_…`, made in the console's API keys section), sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** Language of error messages: en, fr, de or it (a function when it changes while the client lives, as in the SPAs). */
  locale?: string | (() => string);
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** A typed Gatehouse client: every procedure, input and result type comes from the server's router. */
export function createClient(options: ClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  if (options.token && options.apiKey) throw new TypeError('createClient takes a session token or an API key, not both');
  const credential = options.apiKey ?? options.token;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        maxItems: 10,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: () => {
          const locale = typeof options.locale === 'function' ? options.locale() : options.locale;
          return {
            ...options.headers,
            ...(credential ? { authorization: `Bearer ${credential}` } : {}),
            ...(locale ? { 'accept-language': locale } : {}),
          };
        },
      }),
    ],
  });
}

export type GatehouseClient = ReturnType<typeof createClient>;

/** The catalogue code of a failed call (`INVALID_CREDENTIALS`, `SEAT_LIMIT_REACHED`, …), or undefined for other errors. */
export function appCodeOf(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: string } | undefined;
    return data?.appCode;
  }
  return undefined;
}

export { TRPCClientError };
export type { AppRouter };
