import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

import { ServerEvent, type SessionEndReason } from '../contracts/socket-events';
import type { SocketData } from './socket-user';

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The way services push events to users. Everything for a user goes to the room `user:<id>`, so every tab
 * of theirs gets it. The gateway hands over its server once Socket.IO is up.
 */
@Injectable()
export class RealtimeService {
  private server: Server | null = null;

  attach(server: Server): void {
    this.server = server;
  }

  toUsers(userIds: string[], event: string, payload: unknown): void {
    if (!this.server || userIds.length === 0) return;
    this.server.to(userIds.map(userRoom)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.toUsers([userId], event, payload);
  }

  /** Whose sockets, among these users, all say they are idle (on any instance: the adapter asks them all). */
  async allIdleAmong(userIds: string[]): Promise<string[]> {
    if (!this.server || userIds.length === 0) return [];
    const sockets = await this.server.in(userIds.map(userRoom)).fetchSockets();
    const idle = new Map<string, boolean>();
    for (const socket of sockets) {
      const { user, idle: socketIdle } = socket.data as Partial<SocketData>;
      if (user) idle.set(user.id, (idle.get(user.id) ?? true) && socketIdle === true);
    }
    return [...idle].filter(([, allIdle]) => allIdle).map(([userId]) => userId);
  }

  /** Tells the sockets of a session it has ended (and why), then closes them. */
  endSession(sessionId: string, reason: SessionEndReason = 'signed_out'): void {
    this.end(sessionRoom(sessionId), reason);
  }

  /** Same for every session of a user (logout-all, password reset, ban). */
  endUser(userId: string, reason: SessionEndReason = 'signed_out'): void {
    this.end(userRoom(userId), reason);
  }

  private end(room: string, reason: SessionEndReason): void {
    if (!this.server) return;
    this.server.to(room).emit(ServerEvent.SessionRevoked, { reason });
    this.server.in(room).disconnectSockets(true);
  }
}
