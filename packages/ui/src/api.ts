import { createClient, TRPCClientError } from '@gatehouse/client';

/** The browser's typed client: the same client scripts use, on this origin's `/trpc`, the session in the HttpOnly cookie, errors in `locale()`. */
export function createApi(options: { locale: () => string }) {
  return createClient({ url: '', locale: options.locale });
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

/** The sentence for a catalogue code that came back by redirect (a social round trip), in the person's language; `fallback` if the API cannot say. */
export async function messageOfReturnedCode(api: Api, code: string, fallback: string): Promise<string> {
  const known = await api.system.errorMessage.query({ appCode: code as never }).catch(() => null);
  return known?.message ?? fallback;
}
