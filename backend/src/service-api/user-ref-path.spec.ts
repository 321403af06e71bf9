import { BadRequestException } from '@nestjs/common';

import { parseUserRefPath } from './user-ref-path';

describe('parseUserRefPath', () => {
  it.each([
    ['665f1c2e8b3e4a1d2c9f0a11', { userId: '665f1c2e8b3e4a1d2c9f0a11' }],
    ['id:665f1c2e8b3e4a1d2c9f0a11', { userId: '665f1c2e8b3e4a1d2c9f0a11' }],
    ['username:ada', { username: 'ada' }],
    ['email:ada@acme.com', { email: 'ada@acme.com' }],
    ['ext:auth0|abc:def', { externalId: 'auth0|abc:def' }],
  ])('reads %s', (ref, expected) => {
    expect(parseUserRefPath(ref)).toEqual(expected);
  });

  it.each(['phone:123', 'username:', 'ext:', 'not-an-id', 'id:42', '😀'])('refuses %s', (ref) => {
    expect(() => parseUserRefPath(ref)).toThrow(BadRequestException);
  });
});
