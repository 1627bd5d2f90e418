export { authenticateScim, type ScimCaller } from './scim-caller.ts';
export { listScimTokens, createScimToken, revokeScimToken, type ScimTokenView } from './manage-scim-tokens.ts';
export { listDirectoryGroups, mapDirectoryGroup, type DirectoryGroupView } from './manage-group-roles.ts';
export { type ScimCall, type ScimListQuery } from './scim-context.ts';
export { SCHEMA as SCIM_SCHEMA, serviceProviderConfig, resourceTypes, schemas as scimSchemas } from './scim-documents.ts';
export { ScimProblem } from './scim-problem.ts';
export { getScimUser, listScimUsers, createScimUser, replaceScimUser, patchScimUser, deleteScimUser } from './scim-users.ts';
export { getScimGroup, listScimGroups, createScimGroup, replaceScimGroup, patchScimGroup, deleteScimGroup } from './scim-groups.ts';
