import { createRouter, createWebHistory } from 'vue-router';
import { api } from './api.ts';

declare module 'vue-router' {
  interface RouteMeta {
    requiresSession?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { requiresSession: true } },
    { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue') },
    { path: '/platform', name: 'platform', component: () => import('./pages/PlatformPage.vue'), meta: { requiresSession: true } },
    {
      path: '/:slug',
      component: () => import('./pages/WorkspaceLayout.vue'),
      meta: { requiresSession: true },
      props: true,
      children: [
        { path: '', name: 'workspace', component: () => import('./pages/MembersPage.vue'), props: true },
        { path: 'members/:memberId', name: 'member', component: () => import('./pages/MemberPage.vue'), props: true },
        { path: 'settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), props: true },
        { path: 'apps', name: 'apps', component: () => import('./pages/AppsPage.vue'), props: true },
        { path: 'api-keys', name: 'api-keys', component: () => import('./pages/ApiKeysPage.vue'), props: true },
        { path: 'integrations', name: 'integrations', component: () => import('./pages/IntegrationsPage.vue'), props: true },
        { path: 'directory', name: 'directory', component: () => import('./pages/DirectoryPage.vue'), props: true },
        { path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), props: true },
        { path: ':rest(.*)+', name: 'workspace-not-found', component: () => import('./pages/NotFoundPage.vue') },
      ],
    },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
  ],
});

router.beforeEach(async (to) => {
  // Signed in at this workspace already (Back after signing in): the sign-in page moves on rather than asking again.
  // A session of the portal or of another workspace still signs in here: that sign-in is what the workspace's rules apply to.
  if (to.name === 'signin') {
    const session = await api.auth.session.query().catch(() => null);
    const workspaceId = session?.session.workspaceId;
    if (!workspaceId) return true;
    const next = typeof to.query.next === 'string' && to.query.next.startsWith('/') && !to.query.next.startsWith('//') ? to.query.next : null;
    const slug = typeof to.query.workspace === 'string' && to.query.workspace ? to.query.workspace : null;
    const here = slug ? (await api.profile.workspaces.query().catch(() => [])).find((entry) => entry.workspace.slug === slug) : null;
    if (slug && here?.workspace.id !== workspaceId) return true;
    return next ?? (slug ? { name: 'workspace', params: { slug } } : { name: 'home' });
  }
  if (!to.matched.some((record) => record.meta.requiresSession)) return true;
  const session = await api.auth.session.query().catch(() => null);
  const slug = typeof to.params.slug === 'string' ? to.params.slug : undefined;
  return session ? true : { name: 'signin', query: { next: to.fullPath, ...(slug ? { workspace: slug } : {}) } };
});
