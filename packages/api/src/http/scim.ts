import express, { type NextFunction, type Request, type Response, type Router } from 'express';
type Logger = { error(details: object, message: string): void };
import type { Orm } from '@gatehouse/db';
import { DEFAULT_LOCALE, describeError, negotiateLocale, SCIM_MAX_BODY_BYTES, type AppCode } from '@gatehouse/domain';
import {
  authenticateScim,
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  getScimGroup,
  getScimUser,
  listScimGroups,
  listScimUsers,
  patchScimGroup,
  patchScimUser,
  replaceScimGroup,
  replaceScimUser,
  resourceTypes,
  SCIM_SCHEMA,
  ScimProblem,
  scimSchemas,
  serviceProviderConfig,
  type ScimCall,
  type ScimListQuery,
  type ServiceConfig,
} from '@gatehouse/services';
import { asAppError } from '../errors.ts';
import { requestIdOf } from './request-id.ts';

/*
 * The SCIM 2.0 endpoint (RFC 7644) a company's directory provisions one
 * workspace through: /scim/v2/<workspace>/Users, /Groups and the discovery
 * documents. Every request carries one of the workspace's SCIM tokens; every
 * answer, errors included, is application/scim+json.
 */

export const SCIM_PATH = '/scim/v2/:workspace';

/** How the product's refusals are told in SCIM: the status a directory acts on, and the reason in words. */
const STATUS_OF: Partial<Record<AppCode, { status: number; scimType?: string }>> = {
  UNAUTHENTICATED: { status: 401 },
  RATE_LIMITED: { status: 429 },
  SERVICE_UNAVAILABLE: { status: 503 },
  NOT_FOUND: { status: 404 },
  EMAIL_TAKEN: { status: 409, scimType: 'uniqueness' },
  INVALID_INPUT: { status: 400, scimType: 'invalidValue' },
  DOMAIN_NOT_OWNED: { status: 400, scimType: 'invalidValue' },
  SEAT_LIMIT_REACHED: { status: 403 },
  LAST_ADMIN: { status: 403 },
  CREATOR_PROTECTED: { status: 403 },
  MEMBER_NOT_DISMISSABLE: { status: 403 },
};

function sendScim(res: Response, status: number, body?: unknown): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  if (body === undefined) return void res.end();
  res.type('application/scim+json; charset=utf-8').send(JSON.stringify(body));
}

function sendError(res: Response, status: number, detail: string, scimType?: string): void {
  sendScim(res, status, { schemas: [SCIM_SCHEMA.error], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

type Handler = (call: ScimCall, req: Request) => Promise<{ status?: number; body?: unknown }>;

const query = (req: Request): ScimListQuery => {
  const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
  return { filter: text('filter'), startIndex: text('startIndex'), count: text('count'), excludedAttributes: text('excludedAttributes') };
};

export function scimRoutes(options: { orm: Orm; config: ServiceConfig; publicUrl: URL; logger: Logger }): Router {
  const router = express.Router({ mergeParams: true });
  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: SCIM_MAX_BODY_BYTES }));

  const handle =
    (handler: Handler) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        const slug = String(req.params.workspace ?? '');
        const em = options.orm.em.fork();
        const origin = { userAgent: req.headers['user-agent'] ?? null, ipAddress: req.ip ?? null, requestId: requestIdOf(req) };
        if (!token) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
          return sendError(res, 401, 'A SCIM token is required (Authorization: Bearer …)');
        }
        const caller = await authenticateScim({ em, config: options.config, token, workspaceSlug: slug, origin });
        const base = new URL(`/scim/v2/${encodeURIComponent(slug)}`, options.publicUrl).toString();
        const answer = await handler({ em, config: options.config, caller, base }, req);
        sendScim(res, answer.status ?? 200, answer.body);
      } catch (error) {
        next(error);
      }
    };

  const base = (req: Request) => new URL(`/scim/v2/${encodeURIComponent(String(req.params.workspace))}`, options.publicUrl).toString();
  router.get('/ServiceProviderConfig', handle(async (_call, req) => ({ body: serviceProviderConfig(base(req)) })));
  router.get('/ResourceTypes', handle(async (_call, req) => ({ body: listOf(resourceTypes(base(req))) })));
  router.get('/ResourceTypes/:id', handle(async (_call, req) => ({ body: oneOf(resourceTypes(base(req)), req.params.id) })));
  router.get('/Schemas', handle(async (_call, req) => ({ body: listOf(scimSchemas(base(req))) })));
  router.get('/Schemas/:id', handle(async (_call, req) => ({ body: oneOf(scimSchemas(base(req)), req.params.id) })));

  router.get('/Users', handle(async (call, req) => ({ body: await listScimUsers(call, query(req)) })));
  router.post('/Users', handle(async (call, req) => ({ status: 201, body: await createScimUser(call, req.body) })));
  router.get('/Users/:id', handle(async (call, req) => ({ body: await getScimUser(call, String(req.params.id)) })));
  router.put('/Users/:id', handle(async (call, req) => ({ body: await replaceScimUser(call, String(req.params.id), req.body) })));
  router.patch('/Users/:id', handle(async (call, req) => ({ body: await patchScimUser(call, String(req.params.id), req.body) })));
  router.delete('/Users/:id', handle(async (call, req) => (await deleteScimUser(call, String(req.params.id)), { status: 204 })));

  router.get('/Groups', handle(async (call, req) => ({ body: await listScimGroups(call, query(req)) })));
  router.post('/Groups', handle(async (call, req) => ({ status: 201, body: await createScimGroup(call, req.body) })));
  router.get('/Groups/:id', handle(async (call, req) => ({ body: await getScimGroup(call, String(req.params.id), query(req)) })));
  router.put('/Groups/:id', handle(async (call, req) => ({ body: await replaceScimGroup(call, String(req.params.id), req.body) })));
  router.patch('/Groups/:id', handle(async (call, req) => ({ body: await patchScimGroup(call, String(req.params.id), req.body) })));
  router.delete('/Groups/:id', handle(async (call, req) => (await deleteScimGroup(call, String(req.params.id)), { status: 204 })));

  router.use((_req: Request, res: Response) => sendError(res, 404, 'No such SCIM endpoint (Users, Groups, ServiceProviderConfig, ResourceTypes, Schemas)'));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (error instanceof ScimProblem) return sendError(res, error.status, error.message, error.scimType);
    const parseFailure = (error as { type?: string }).type;
    if (parseFailure === 'entity.too.large') return sendError(res, 413, `A request body has at most ${SCIM_MAX_BODY_BYTES} bytes`, 'tooMany');
    if (parseFailure === 'entity.parse.failed') return sendError(res, 400, 'The body is not valid JSON', 'invalidSyntax');
    const known = asAppError(error);
    const mapped = known ? STATUS_OF[known.code] : undefined;
    if (!known || !mapped) {
      options.logger.error({ err: error, requestId: requestIdOf(req) }, 'SCIM request failed');
      return sendError(res, 500, 'The request could not be completed');
    }
    const retryAfter = known.params.retryAfterSeconds;
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    if (mapped.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim", error="invalid_token"');
    const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
    sendError(res, mapped.status, describeError(known.code, known.params, locale), mapped.scimType);
  });
  return router;
}

function listOf(resources: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [SCIM_SCHEMA.listResponse], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

function oneOf(resources: Record<string, unknown>[], id: string | string[] | undefined): Record<string, unknown> {
  const found = resources.find((resource) => resource.id === id);
  if (!found) throw new ScimProblem(404, 'No such resource');
  return found;
}
