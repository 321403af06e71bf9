import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

import ipaddr from 'ipaddr.js';

import type { WebhooksConfig } from '../config/webhooks.config';

/** A target webhooks and Web Push must not reach: a private, loopback, link-local… address not allow-listed. */
export class RefusedTargetError extends Error {
  readonly code = 'webhook_target_refused';
}

type AllowHosts = WebhooksConfig['allowHosts'];

/**
 * Outgoing requests go to public addresses only (SSRF): every address a host resolves to must be public unicast
 * (which leaves out private, loopback, link-local, CGNAT, multicast, unspecified, reserved, IPv4-mapped and
 * NAT64/6to4/Teredo ranges), unless WEBHOOK_ALLOW_HOSTS names the host or covers the address. Checked when an
 * endpoint is registered and again when each request connects (`lookup`), so a name that later resolves
 * elsewhere (DNS rebinding) is refused: the request connects to the very address that was checked.
 */
export class SsrfGuard {
  constructor(
    private readonly allow: AllowHosts,
    /** The setting named in refusals: WEBHOOK_ALLOW_HOSTS, or PUSH_ALLOW_HOSTS for push endpoints. */
    private readonly setting = 'WEBHOOK_ALLOW_HOSTS',
  ) {}

  /** Whether the host is allowed by name, so plain http is fine for it too. */
  isAllowListed(hostname: string, addresses: string[]): boolean {
    const host = bareHost(hostname);
    if (this.allow.names.includes(host)) return true;
    return addresses.length > 0 && addresses.every((address) => this.inAllowedRange(address));
  }

  /** The host's addresses, all checked; throws RefusedTargetError for any address that is not allowed. */
  async resolve(hostname: string): Promise<string[]> {
    const host = bareHost(hostname);
    const addresses = isIP(host)
      ? [host]
      : (
          await new Promise<LookupAddress[]>((resolve, reject) =>
            dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
          )
        ).map((entry) => entry.address);
    for (const address of addresses) this.assertAllowed(host, address);
    return addresses;
  }

  /** For `http.request({ lookup })`: resolves like the system does, then refuses any address not allowed. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      try {
        for (const entry of found) this.assertAllowed(hostname, entry.address);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, found);
      callback(null, found[0].address, found[0].family);
    });
  };

  assertAllowed(hostname: string, address: string): void {
    if (this.allow.names.includes(bareHost(hostname)) || this.inAllowedRange(address)) return;
    const range = ipaddr.process(address).range();
    if (range !== 'unicast') {
      throw new RefusedTargetError(
        `${hostname} resolves to ${address} (${range}); only public addresses are allowed unless ${this.setting} lists it`,
      );
    }
  }

  private inAllowedRange(address: string): boolean {
    const parsed = ipaddr.process(address);
    return this.allow.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  }
}

/** "[::1]" (as URL.hostname writes IPv6) → "::1"; names lowercase, without a trailing dot. */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}
