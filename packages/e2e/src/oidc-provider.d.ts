/// <reference path="../../api/src/oidc-provider.d.ts" />
