export { listSsoConnections, createSsoConnection, updateSsoConnection, removeSsoConnection, listSsoEvents, testSsoConnection, oidcSettingsOf, samlSettingsOf, readSamlMetadata, type SsoConnectionView, type SsoConnectionInput, type SsoEventView } from './manage-connections.ts';
export { startOidcSignIn, finishOidcSignIn, type OidcAttempt } from './oidc-directory.ts';
export { signInThroughSso, personFromClaims, recordSsoEvent, ssoWayIn, type DirectoryPerson } from './sso-sign-in.ts';
export { SsoFailure, ssoFailureOf } from './sso-failure.ts';
export { findSsoChoices, type SsoChoice } from './find-connections.ts';
export { ssoAcsUrl, ssoCallbackUrl, ssoMetadataUrl, ssoStartUrl, SSO_ROUTES_BASE } from './sso-urls.ts';
export { startSamlSignIn, finishSamlSignIn, personFromAssertion, samlServiceProviderMetadata, type SamlAttempt } from './saml-directory.ts';
export { parseIdpMetadata, fetchIdpMetadata, type IdpMetadata, type CertificateView } from './saml-metadata.ts';
