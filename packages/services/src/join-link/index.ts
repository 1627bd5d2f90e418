export { admitJoiner } from './admit-joiner.ts';
export { getJoinLink } from './get-join-link.ts';
export { type JoinLinkView } from './join-token.ts';
export { joinWorkspace, type JoinResult } from './join-workspace.ts';
export { previewJoinLink } from './preview-join-link.ts';
export { promoteVerifiedJoins, type PromotedJoin } from './promote-verified-joins.ts';
export { rotateJoinLink } from './rotate-join-link.ts';
export { updateJoinLink } from './update-join-link.ts';
