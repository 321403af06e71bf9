import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

import type { AdminStats } from '../contracts/users';
import { PresenceRegistry } from '../presence/presence.registry';
import { UsersService } from '../users/users.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = 14;

@Injectable()
export class StatsService {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly users: UsersService,
    private readonly presence: PresenceRegistry,
  ) {}

  async stats(): Promise<AdminStats> {
    const today = startOfUtcDay(new Date());
    const days = Array.from({ length: DAYS }, (_, i) => new Date(today.getTime() - (DAYS - 1 - i) * DAY_MS));
    const [users, perDay, media, onlineNow] = await Promise.all([
      this.users.countAll(),
      this.messagesPerDay(days[0]),
      this.mediaTotals(),
      this.presence.onlineCount(),
    ]);
    const messagesPerDay = days.map((day) => {
      const key = day.toISOString().slice(0, 10);
      return { day: key, count: perDay.get(key) ?? 0 };
    });
    return {
      users,
      onlineNow,
      messagesToday: messagesPerDay[messagesPerDay.length - 1].count,
      messagesPerDay,
      media,
    };
  }

  private async messagesPerDay(since: Date): Promise<Map<string, number>> {
    const rows = await this.connection
      .collection('messages')
      .aggregate<{ _id: string; count: number }>([
        { $match: { createdAt: { $gte: since } } },
        { $group: { _id: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt' } }, count: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((row) => [row._id, row.count]));
  }

  /** Stored media (the media collection), zero while none has been uploaded. */
  private async mediaTotals(): Promise<{ count: number; bytes: number }> {
    const [row] = await this.connection
      .collection('media')
      .aggregate<{ count: number; bytes: number }>([
        { $group: { _id: null, count: { $sum: 1 }, bytes: { $sum: '$size' } } },
      ])
      .toArray();
    return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
