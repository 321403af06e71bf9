import { Controller, Get, Param } from '@nestjs/common';

import { Public } from '../../common/decorators/public.decorator';
import { ScimApi } from './scim-api.decorators';
import { ScimEndpoint } from './scim-endpoint.decorator';
import { scimError } from './scim-errors';
import { RESOURCE_TYPES, SCHEMAS, SERVICE_PROVIDER_CONFIG, URN } from './scim-schemas';

const listOf = (resources: object[]) => ({
  schemas: [URN.listResponse],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** RFC 7644 §4: what this service supports, for the identity provider to discover. */
@ScimApi()
@ScimEndpoint()
@Public()
@Controller('scim/v2')
export class ScimDiscoveryController {
  @Get('ServiceProviderConfig')
  serviceProviderConfig(): object {
    return SERVICE_PROVIDER_CONFIG;
  }

  @Get('Schemas')
  schemas(): object {
    return listOf(SCHEMAS.map((schema) => ({ schemas: [URN.schema], ...schema })));
  }

  /** One schema, by its URN. */
  @Get('Schemas/:id')
  schema(@Param('id') id: string): object {
    const schema = SCHEMAS.find((candidate) => candidate.id === id);
    if (!schema) throw scimError(404, null, `No schema "${id.slice(0, 100)}"`);
    return { schemas: [URN.schema], ...schema };
  }

  @Get('ResourceTypes')
  resourceTypes(): object {
    return listOf(RESOURCE_TYPES);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Param('id') id: string): object {
    const type = RESOURCE_TYPES.find((candidate) => candidate.id === id);
    if (!type) throw scimError(404, null, `No resource type "${id.slice(0, 100)}"`);
    return type;
  }
}
