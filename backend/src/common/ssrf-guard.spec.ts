import { parseAllowHosts } from '../config/webhooks.config';
import { RefusedTargetError, SsrfGuard } from './ssrf-guard';

describe('SsrfGuard', () => {
  const strict = new SsrfGuard(parseAllowHosts(undefined));

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(() => strict.assertAllowed('hooks.example', address)).toThrow(RefusedTargetError);
    expect(() => strict.assertAllowed('hooks.example', address)).toThrow(`(${range})`);
  });

  it('lets public unicast addresses through', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect(() => strict.assertAllowed('hooks.example', address)).not.toThrow();
    }
  });

  it('allows what WEBHOOK_ALLOW_HOSTS lists: a host name, an address, a CIDR (IPv4 and IPv6)', () => {
    const guard = new SsrfGuard(parseAllowHosts('hooks.internal, 127.0.0.1 10.0.0.0/8 [fd00::]/8'));
    expect(() => guard.assertAllowed('hooks.internal', '192.168.1.1')).not.toThrow();
    expect(() => guard.assertAllowed('HOOKS.internal.', '192.168.1.1')).not.toThrow();
    expect(() => guard.assertAllowed('other', '127.0.0.1')).not.toThrow();
    expect(() => guard.assertAllowed('other', '10.200.0.1')).not.toThrow();
    expect(() => guard.assertAllowed('other', 'fd00::5')).not.toThrow();
    expect(() => guard.assertAllowed('other', '127.0.0.2')).toThrow(RefusedTargetError);
    expect(() => guard.assertAllowed('other', '192.168.1.1')).toThrow(RefusedTargetError);
    expect(guard.isAllowListed('other', ['10.1.1.1', '127.0.0.1'])).toBe(true);
    expect(guard.isAllowListed('other', ['10.1.1.1', '8.8.8.8'])).toBe(false);
    expect(() => parseAllowHosts('10.0.0.0/99')).toThrow(/WEBHOOK_ALLOW_HOSTS/);
  });

  it('refuses a name that resolves to loopback, when resolving and when a request connects (DNS rebinding)', async () => {
    await expect(strict.resolve('localhost')).rejects.toThrow(RefusedTargetError);
    const connected = await new Promise<Error | null>((resolve) =>
      strict.lookup('localhost', { family: 0 }, (error) => resolve(error)),
    );
    expect(connected).toBeInstanceOf(RefusedTargetError);
  });
});
