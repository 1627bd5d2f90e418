export { securityPolicyView, updateSecurityPolicy, type SecurityPolicyView, type SecurityPolicyChanges } from './manage-policy.ts';
export { listTwoFactorPending, remindTwoFactor, type TwoFactorPendingView } from './pending.ts';
export { policyAtDoor, assertPolicyAllowsSession } from './enforce.ts';
export { securityPolicyOf, securityPolicyOfRow, offeredWaysIn, wayInOf } from './policy.ts';
