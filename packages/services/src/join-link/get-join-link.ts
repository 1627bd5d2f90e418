import { type ServiceConfig } from '../shared/config.ts';
import { type Membership } from '../members/index.ts';
import { type JoinLinkView, joinLinkView } from './join-token.ts';

export function getJoinLink(options: { config: ServiceConfig; membership: Membership }): JoinLinkView {
  return joinLinkView(options.config, options.membership.workspace);
}
