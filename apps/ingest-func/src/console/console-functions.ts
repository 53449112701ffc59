// Registers the console's three HTTP functions (C8 in CONTRACTS.md):
//   POST   console/api/session   authLevel function: the host checks the function key, the app issues the session cookie
//   *      console/api/{*rest}   authLevel anonymous, checked by the app (console-auth.ts)
//   GET    console/{*path}       pages and assets
// Registered in this order: the local host takes the first matching route, Azure the most specific.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { guarded } from '../shared/guarded-http';
import { structuredLog } from '../shared/structured-log';
import { getConfig, getRuntime } from '../shared/app-runtime';
import { handleConsoleApi, type ConsoleRoute } from './console-api';
import { defaultAssetDir } from './console-assets';
import { ConsoleAuth, consoleAuthMode } from './console-auth';
import { handleConsolePage } from './console-pages';
import { handleSignIn } from './sign-in';

export function registerConsoleFunctions(extraRoutes: Readonly<Record<string, ConsoleRoute>> = {}): void {
  const auth = new ConsoleAuth(consoleAuthMode(process.env));
  const assetDir = defaultAssetDir();
  app.http(FUNCTION_NAMES.consoleSignIn, {
    route: 'console/api/session',
    methods: ['POST'],
    authLevel: 'function',
    handler: async (request: HttpRequest): Promise<HttpResponseInit> => handleSignIn(request, { auth, now: new Date() }),
  });
  df.app.client.http(FUNCTION_NAMES.consoleApi, {
    route: 'console/api/{*rest}',
    methods: ['GET', 'POST', 'DELETE'],
    authLevel: 'anonymous',
    handler: (request, client, context) => {
      const log = structuredLog(context);
      return guarded(log, () =>
        handleConsoleApi(request, request.params.rest ?? '', {
          auth,
          client,
          config: getConfig,
          store: async () => (await getRuntime()).store,
          log,
          now: () => new Date(),
          extraRoutes,
        }),
      );
    },
  });
  app.http(FUNCTION_NAMES.consolePages, {
    route: 'console/{*path}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: (request) => handleConsolePage(request, request.params.path ?? '', { auth, assetDir, now: new Date() }),
  });
}
