import type { ServiceConfig } from '../shared/config.ts';

/** The paths of a connection's browser round trip, all under PUBLIC_URL (never a request's Host). */
export const SSO_ROUTES_BASE = '/auth/sso';

export function ssoCallbackUrl(config: ServiceConfig, connectionId: string): string {
  return new URL(`${SSO_ROUTES_BASE}/${connectionId}/callback`, config.publicUrl).toString();
}

export function ssoStartUrl(config: ServiceConfig, connectionId: string): string {
  return new URL(`${SSO_ROUTES_BASE}/${connectionId}/start`, config.publicUrl).toString();
}

/** A SAML connection's assertion consumer service: where the directory posts its answer. */
export function ssoAcsUrl(config: ServiceConfig, connectionId: string): string {
  return new URL(`${SSO_ROUTES_BASE}/${connectionId}/acs`, config.publicUrl).toString();
}

/** A SAML connection's metadata, whose URL is also our entity id (the audience the directory names). */
export function ssoMetadataUrl(config: ServiceConfig, connectionId: string): string {
  return new URL(`${SSO_ROUTES_BASE}/${connectionId}/metadata`, config.publicUrl).toString();
}
