export { oidcStoreOn, type OidcModelStore } from './oidc-store.ts';
export { ensureSigningKeys, rotateSigningKeys, signingJwks, type SigningJwk } from './signing-keys.ts';
export { listApps, registerApp, updateApp, rotateAppSecret, deleteApp, appSecretMatches, APPS_PER_WORKSPACE, type AppSettingsInput } from './manage-apps.ts';
export { hashAppSecret } from './app-secret.ts';
export { appView, type AppView } from './app-view.ts';
export {
  findAppRecord,
  findAppMember,
  appRefusalOf,
  appClaims,
  pairwiseSubject,
  appClientMetadata,
  appDoor,
  type AppDoorStep,
  type AppDoorSession,
  type AppRecord,
  type AppMember,
} from './app-sign-in.ts';
export { deliverAppLogouts } from './backchannel-logout.ts';
export { listGrantedApps, revokeGrantedApp, type GrantedAppView } from './granted-apps.ts';
