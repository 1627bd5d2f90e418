export { listDomains, addDomain, verifyDomain, updateDomain, removeDomain, domainView, type DomainView } from './manage-domains.ts';
export { recheckDomains } from './recheck-domains.ts';
export { createTxtResolver, lookUpChallenge, type ChallengeLookup } from './dns.ts';
export { suggestedWorkspaces, joinByDomain, type SuggestedWorkspace } from './join-by-domain.ts';
export { assertAddressAtVerifiedDomain } from './owned-address.ts';
export { ssoRequirementOf, hasSsoConnectionOn, type SsoRequirement } from './sso-requirement.ts';
