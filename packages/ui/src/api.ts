import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@gatehouse/api';

/** The browser's typed client: same-origin `/trpc`, session in the HttpOnly cookie, errors in `locale()`. */
export function createApi(options: { locale: () => string }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        maxItems: 10,
        headers: () => ({ 'accept-language': options.locale() }),
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

export type Api = ReturnType<typeof createApi>;

export interface AppFailure {
  appCode: string;
  message: string;
  fields: Record<string, string>;
}

/** What to show for a failed call: the API's own sentence, already in the person's language. */
export function failureOf(error: unknown, fallback: string): AppFailure {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { appCode?: string; fields?: Record<string, string> };
    return { appCode: data.appCode ?? 'INTERNAL', message: error.message || fallback, fields: data.fields ?? {} };
  }
  return { appCode: 'INTERNAL', message: fallback, fields: {} };
}
