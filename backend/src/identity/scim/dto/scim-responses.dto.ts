// The answers of the SCIM routes, for the OpenAPI document (they are sent as application/scim+json).

export class ScimErrorDto {
  /** @example ["urn:ietf:params:scim:api:messages:2.0:Error"] */
  declare schemas: string[];
  /** The HTTP status, as a string. @example "400" */
  declare status: string;
  /** @example "invalidFilter" */
  declare scimType?: string;
  /** @example "This filter is not supported" */
  declare detail: string;
}

export class ScimNameView {
  /** @example "Ada Lovelace" */
  declare formatted: string;
  /** @example "Ada" */
  declare givenName?: string;
  /** @example "Lovelace" */
  declare familyName?: string;
}

export class ScimEmailView {
  /** @example "ada@example.com" */
  declare value: string;
  /** @example "work" */
  declare type: string;
  declare primary: boolean;
}

export class ScimMetaView {
  /** @example "User" */
  declare resourceType: string;
  declare created: string;
  declare lastModified: string;
  /** @example "https://chat.example.com/scim/v2/Users/665f1c2e8b3e4a1d2c9f0a11" */
  declare location: string;
}

export class ScimUserView {
  /** @example ["urn:ietf:params:scim:schemas:core:2.0:User"] */
  declare schemas: string[];
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  declare id: string;
  declare externalId?: string;
  /** @example "ada@example.com" */
  declare userName: string;
  declare name: ScimNameView;
  /** @example "Ada Lovelace" */
  declare displayName: string;
  declare emails: ScimEmailView[];
  /** false: deactivated. */
  declare active: boolean;
  declare meta: ScimMetaView;
}

export class ScimUserListView {
  /** @example ["urn:ietf:params:scim:api:messages:2.0:ListResponse"] */
  declare schemas: string[];
  declare totalResults: number;
  declare startIndex: number;
  declare itemsPerPage: number;
  declare Resources: ScimUserView[];
}
