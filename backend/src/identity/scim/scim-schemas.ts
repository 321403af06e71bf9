/** Where the SCIM service is mounted (outside /api: identity providers are configured with this base URL). */
export const SCIM_PATH = '/scim/v2';
export const SCIM_CONTENT_TYPE = 'application/scim+json';

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
} as const;

/** Pages of a list are at most this long, whatever `count` asks for. */
export const MAX_RESULTS = 200;

/** Attributes of RFC 7643's User that this service keeps (lowercase name → name). */
export const KEPT_ATTRIBUTES = new Map(
  ['schemas', 'userName', 'name', 'displayName', 'emails', 'active', 'externalId'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/**
 * Attributes of RFC 7643's User (and the enterprise extension) that identity providers send by default and this
 * service accepts without keeping them: read-only ones (id, meta, groups) and ones the chat has no use for
 * (a password: people sign in by SSO or an invitation link). Any other attribute is refused.
 */
export const IGNORED_ATTRIBUTES = new Set(
  [
    'id',
    'meta',
    'groups',
    'password',
    'nickName',
    'profileUrl',
    'title',
    'userType',
    'preferredLanguage',
    'locale',
    'timezone',
    'phoneNumbers',
    'ims',
    'photos',
    'addresses',
    'entitlements',
    'roles',
    'x509Certificates',
    URN.enterpriseUser,
  ].map((name) => name.toLowerCase()),
);

interface AttributeOptions {
  type?: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  uniqueness?: 'none' | 'server';
  subAttributes?: object[];
}

/** An attribute definition of a Schema resource (RFC 7643 §7) with the RFC's defaults filled in. */
function attribute(name: string, description: string, options: AttributeOptions = {}): object {
  return {
    name,
    type: options.type ?? 'string',
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
  };
}

const USER_SCHEMA = {
  id: URN.user,
  name: 'User',
  description: 'A person who can sign in and chat',
  attributes: [
    attribute('userName', 'Unique identifier of the person at the identity provider, often an e-mail address', {
      required: true,
      uniqueness: 'server',
    }),
    attribute('name', 'The components of the name', {
      type: 'complex',
      subAttributes: [
        attribute('formatted', 'The full name; used as displayName when none is given'),
        attribute('familyName', 'Family name'),
        attribute('givenName', 'Given name'),
      ],
    }),
    attribute('displayName', 'The name shown to other people (at most 50 characters)'),
    attribute('emails', 'E-mail addresses; the primary (or work, or first) one is kept and counts as verified', {
      multiValued: true,
      type: 'complex',
      required: true,
      subAttributes: [
        attribute('value', 'The address'),
        attribute('type', 'e.g. "work"'),
        attribute('primary', 'The address to keep', { type: 'boolean' }),
      ],
    }),
    attribute('active', 'false deactivates the account at once: its sessions and open connections end', {
      type: 'boolean',
    }),
    attribute('externalId', "The identity provider's own id of the person", { caseExact: true }),
  ],
};

/** The Schema resources of GET /Schemas. */
export const SCHEMAS = [USER_SCHEMA];

/** The ResourceType resources of GET /ResourceTypes. */
export const RESOURCE_TYPES = [
  {
    schemas: [URN.resourceType],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'People who use the chat',
    schema: URN.user,
    schemaExtensions: [],
  },
];

/** GET /ServiceProviderConfig (RFC 7643 §5). */
export const SERVICE_PROVIDER_CONFIG = {
  schemas: [URN.serviceProviderConfig],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'The value of the server setting SCIM_TOKEN, sent as "Authorization: Bearer <token>"',
      primary: true,
    },
  ],
};
