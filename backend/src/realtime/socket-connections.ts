import { Injectable, Logger } from '@nestjs/common';

import type { AuthedSocket } from './socket-user';

/** A feature that follows sockets coming and going (presence does). */
export interface SocketConnectionListener {
  connected(socket: AuthedSocket): Promise<void>;
  disconnected(socket: AuthedSocket): Promise<void>;
}

/**
 * Tells listeners about every authenticated socket that connects or disconnects, so the connection gateway knows
 * no feature. Disconnect work still running (lastSeenAt writes) is awaited at shutdown, before the database closes.
 */
@Injectable()
export class SocketConnections {
  private readonly logger = new Logger(SocketConnections.name);
  private readonly listeners: SocketConnectionListener[] = [];
  private readonly pendingDisconnects = new Set<Promise<unknown>>();

  listen(listener: SocketConnectionListener): void {
    this.listeners.push(listener);
  }

  async connected(socket: AuthedSocket): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener.connected(socket)));
  }

  async disconnected(socket: AuthedSocket): Promise<void> {
    const done = Promise.all(
      this.listeners.map((listener) => listener.disconnected(socket).catch((e: Error) => this.logger.error(e.stack))),
    );
    this.pendingDisconnects.add(done);
    await done;
    this.pendingDisconnects.delete(done);
  }

  async settled(): Promise<void> {
    await Promise.all(this.pendingDisconnects);
  }
}
