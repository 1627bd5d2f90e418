export { oidcStoreOn, type OidcModelStore } from './oidc-store.ts';
export { ensureSigningKeys, rotateSigningKeys, signingJwks, type SigningJwk } from './signing-keys.ts';
