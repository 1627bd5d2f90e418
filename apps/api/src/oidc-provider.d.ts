/// <reference path="../../../packages/api/src/oidc-provider.d.ts" />
