export { listApiKeys, createApiKey, revokeApiKey } from './manage-api-keys.ts';
export { authenticateApiKey, assertKeyMayChange } from './authenticate-api-key.ts';
export { type ApiKeyView } from './api-key-view.ts';
