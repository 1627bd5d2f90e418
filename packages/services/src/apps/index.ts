export { oidcStoreOn, type OidcModelStore } from './oidc-store.ts';
