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
    { path: '/:slug', name: 'workspace', component: () => import('./pages/WorkspacePage.vue'), meta: { requiresSession: true }, props: true },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresSession) return true;
  const session = await api.auth.session.query().catch(() => null);
  const slug = typeof to.params.slug === 'string' ? to.params.slug : undefined;
  return session ? true : { name: 'signin', query: { next: to.fullPath, ...(slug ? { workspace: slug } : {}) } };
});
