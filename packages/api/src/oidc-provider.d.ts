// oidc-provider ships no types; this is the part of it Gatehouse uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcContext {
    oidc: {
      client?: OidcClient;
      session?: { accountId?: string };
      params?: Record<string, unknown>;
      result?: { consent?: { grantId?: string } };
      route?: string;
      provider: Provider;
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
      entities: Record<string, unknown>;
    };
    cookies: {
      get(name: string, options?: { signed?: boolean }): string | undefined;
      set(name: string, value: string | null, options?: Record<string, unknown>): void;
    };
    req: IncomingMessage;
    status: number;
    type: string;
    body: unknown;
    redirect(url: string): void;
  }

  export interface OidcClient {
    clientId: string;
    metadata(): Record<string, unknown>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string };
    session?: { accountId: string; uid: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
    exp: number;
    iat?: number;
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
  }

  export class Check {
    constructor(reason: string, description: string, check: (ctx: OidcContext) => boolean | Promise<boolean>);
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export interface PromptList extends Array<{ name: string; checks: Check[] }> {
    get(name: string): { name: string; checks: Check[] & { add(check: Check, index?: number): void } };
  }

  export const interactionPolicy: { base(): PromptList; Check: typeof Check };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    listen(port: number, host?: string): import('node:http').Server;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionResult(request: IncomingMessage, response: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    on(event: string, listener: (...args: never[]) => void): this;
    Grant: {
      new (properties: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    Client: {
      prototype: {
        compareClientSecret(this: OidcClient, actual: string): Promise<boolean> | boolean;
        backchannelLogout(this: OidcClient, accountId: string, sid?: string): Promise<void>;
      };
    };
  }
}
