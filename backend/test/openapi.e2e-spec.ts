import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';

import { startTestApp, type TestApp } from './support/test-app';

interface ExpressLayer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
}

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await startTestApp({ SCIM_TOKEN: 'scim-test-token-0123456789abcdef0123456789' });
    doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it('lists every route the app serves, each tagged, with its error responses', () => {
    const stack = t.app.getHttpAdapter().getInstance().router.stack as unknown as ExpressLayer[];
    // The SPA's catch-all route has a RegExp path; API routes have string paths. Middleware for the paths outside the
    // /api prefix (/scim/v2) is mounted on a wildcard route; no handler has a wildcard.
    const served = stack
      .flatMap(({ route }) =>
        route && typeof route.path === 'string' && !route.path.includes('{*') ? [{ ...route, path: route.path }] : [],
      )
      .filter(({ path }) => (path.startsWith('/api/') || path.startsWith('/scim/')) && !path.startsWith('/api/docs'))
      .flatMap(({ path, methods }) =>
        // A trailing slash is the same route to Express (Nest adds one for the routes outside the prefix).
        Object.keys(methods).map((method) => `${method} ${path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`),
      );
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);

    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect([`${method} ${path}`, op.tags?.length > 0]).toEqual([`${method} ${path}`, true]);
        const isPublic =
          /^\/api\/(health|embed\/config|auth\/(signup|login|refresh|logout|providers|cookie-check|invitation\/accept|oidc\/login|oidc\/callback|oidc\/redeem)$)/.test(
            path,
          ) ||
          path.startsWith('/api/auth/password') ||
          path.startsWith('/api/auth/verify') ||
          path === '/api/notifications/unsubscribe';
        if (path.startsWith('/api/service/')) {
          // Service routes take a service token only, and say which scope they need.
          expect([`${method} ${path}`, op.security, op['x-required-scope']]).toEqual([
            `${method} ${path}`,
            [{ 'service-token': [] }],
            expect.stringMatching(/^(messages:send|users:read|users:write|conversations:read)$/),
          ]);
          expect([`${method} ${path}`, Boolean(op.responses['401'])]).toEqual([`${method} ${path}`, true]);
        } else if (!isPublic) {
          expect([`${method} ${path}`, op.security]).toEqual([
            `${method} ${path}`,
            expect.arrayContaining([{ bearer: [] }]),
          ]);
          expect([`${method} ${path}`, Boolean(op.responses['401'])]).toEqual([`${method} ${path}`, true]);
        }
      }
    }
  });

  it('documents request bodies from the DTOs, with their validation rules', () => {
    const signup = doc.components.schemas.SignupDto;
    expect(signup.required).toEqual(expect.arrayContaining(['username', 'email', 'password']));
    expect(signup.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(doc.components.schemas.ApiErrorBody.properties).toHaveProperty('statusCode');
    const sendMessage = doc.paths['/api/conversations/{id}/messages'].post;
    expect(sendMessage.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SendMessageDto');
    expect(sendMessage.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/MessageView',
    );
  });
});
