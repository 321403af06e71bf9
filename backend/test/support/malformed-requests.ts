import { Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';

/**
 * Malformed requests derived from the served OpenAPI document: a fixed list of mutations per body property, path
 * parameter and query parameter, plus raw bodies no JSON parser accepts. Every one of them is invalid, so the
 * answer must be a 4xx; none may reach the handler.
 */

export interface RawRequest {
  label: string;
  method: string;
  /** Already encoded: sent on the request line exactly as given. */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** The status it must get when it is not the kind of error every request of its caller gets (e.g. 403). */
  expected?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** An id that is well formed but names nothing. */
export const UNKNOWN_ID = '0123456789abcdef01234567';

/** Strings no field accepts: too long for any of them, a NUL byte, a control character, unpaired surrogates. */
export const BAD_STRINGS: [string, string][] = [
  ['huge string', 'x'.repeat(20_000)],
  ['NUL byte', 'ada\u0000x'],
  ['control character', 'ada\u0007x'],
  ['lone high surrogate', 'ada\uD800x'],
  ['lone low surrogate', '\uDC00ada'],
];

/** Values of the wrong kind, each skipped where it is the property's own type. */
const WRONG_VALUES: [string, unknown, string][] = [
  ['null', null, 'null'],
  ['number', 0, 'number'],
  ['boolean', true, 'boolean'],
  ['array', ['a', 'b'], 'array'],
  ['object', {}, 'object'],
  ['operator object', { $gt: '' }, 'operator'],
];

/** Values for path parameters that are not ids; a path that cannot be decoded is refused before any guard. */
export const BAD_PATH_VALUES: [string, string, number?][] = [
  ['not an id', 'not-an-id'],
  ['NUL byte', '%00'],
  ['id with NUL', `${UNKNOWN_ID}%00`],
  ['very long', 'a'.repeat(4000)],
  ['bad percent-encoding', '%FF', 400],
  ['encoded slash', `..%2F${UNKNOWN_ID}`],
  ['emoji', '%F0%9F%98%80'],
];

/** Query strings for one parameter; lone surrogates cannot be sent in a URL (they have no UTF-8 form). */
export const badQueries = (name: string): [string, string][] => [
  ['NUL byte', `${name}=%00`],
  ['control character', `${name}=ad%07`],
  ['repeated', `${name}=a&${name}=b`],
  ['array syntax', `${name}%5B%5D=a&${name}%5B%5D=b`],
  ['operator object', `${name}%5B%24gt%5D=`],
  ['huge', `${name}=${'x'.repeat(5000)}`],
  ['unknown parameter with NUL', `${name}=a&unexpected=%00`],
];

/** Raw bodies for every operation, and the status each must get: the body parser refuses them all. */
export const RAW_BODIES: [string, Record<string, string>, string, number][] = [
  ['malformed JSON', { 'Content-Type': 'application/json' }, '{bad', 400],
  ['truncated JSON', { 'Content-Type': 'application/json' }, '{"login": "ada", "password": ', 400],
  ['JSON that is not an object', { 'Content-Type': 'application/json' }, '"just a string"', 400],
  ['JSON null', { 'Content-Type': 'application/json' }, 'null', 400],
  ['unsupported charset', { 'Content-Type': 'application/json; charset=ebcdic' }, '{}', 415],
  ['unsupported encoding', { 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' }, '{}', 415],
  ['corrupt gzip', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, '{"not": "gzip"}', 400],
  ['oversize JSON', { 'Content-Type': 'application/json' }, JSON.stringify({ text: 'x'.repeat(300_000) }), 413],
];

/** An object `depth` levels deep: `{a: {a: … 'x'}}`. */
export function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  format?: string;
}

export type Components = Record<string, Schema>;

function resolve(schema: Schema, components: Components): Schema {
  return schema.$ref ? components[schema.$ref.replace('#/components/schemas/', '')] : schema;
}

/** A body that would be valid, or close to it, so that each mutation is what gets rejected. */
export function exampleOf(schema: Schema, components: Components, name = ''): unknown {
  const s = resolve(schema, components);
  // null is one of a nullable property's valid values (`until: null`: until unmuted).
  if (s.nullable) return null;
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([key, value]) => [key, exampleOf(value, components, key)]),
      );
    case 'array':
      return [exampleOf(s.items ?? {}, components)];
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return 1;
    default:
      if (/id$|^to$|^upTo$/i.test(name)) return UNKNOWN_ID;
      return name === 'clientId' ? 'client-00000001' : 'text';
  }
}

/**
 * [label, payload] for the whole payload replaced by something that is not an object, and for every property
 * (nested ones too) set to each wrong value and each bad string; `base` is a valid payload.
 */
export function payloadMutations(base: Record<string, unknown>): [string, unknown][] {
  const result: [string, unknown][] = [
    ['null instead of object', null],
    ['string instead of object', 'text'],
    ['number instead of object', 42],
    ['empty array', []],
    ['array instead of object', [base]],
    ['unknown property', { ...base, unexpected: 1 }],
    ['operator property', { ...base, $where: '1' }],
    ['nested 3,000 deep', nested(3000)],
    ['a property nested 3,000 deep', { ...base, [Object.keys(base)[0]]: nested(3000) }],
  ];
  const visit = (value: unknown, path: string, set: (replacement: unknown) => unknown) => {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    for (const [label, wrong, wrongKind] of WRONG_VALUES) {
      if (wrongKind !== kind) result.push([`${path}: ${label}`, set(wrong)]);
    }
    if (kind === 'string' || kind === 'array') {
      for (const [label, bad] of BAD_STRINGS) result.push([`${path}: ${label}`, set(kind === 'array' ? [bad] : bad)]);
    }
    if (kind === 'object') {
      const object = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(object)) {
        visit(child, `${path}.${key}`, (replacement) => set({ ...object, [key]: replacement }));
      }
    }
  };
  for (const [key, value] of Object.entries(base)) {
    visit(value, key, (replacement) => ({ ...base, [key]: replacement }));
  }
  return result;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends a request exactly as given (no client-side URL normalisation) and reads the answer; the answer may come
 * before the whole body is written (a body that is too large).
 */
export function send(baseUrl: string, req: RawRequest, token?: string): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: req.method.toUpperCase(),
        path: req.path,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(req.body !== undefined ? { 'Content-Length': Buffer.byteLength(req.body) } : {}),
          ...req.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: the assertion on the body shape reports it.
          }
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    // A server that answers before reading a large body may close the connection while we still write.
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export function closeConnections(): void {
  agent.destroy();
}
