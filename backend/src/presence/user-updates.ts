import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';

import { ServerEvent, type UserUpdatedPayload } from '../contracts/socket-events';
import { RealtimeService } from '../realtime/realtime.service';
import { toCurrentUserView, toPublicUser } from '../users/user.mapper';
import { UserChanges } from '../users/user-changes';
import { UsersService } from '../users/users.service';
import { PresenceAudience } from './presence-audience';

/**
 * `user:updated` after a change to an account: its own tabs get the whole account view (a name changed, an address
 * verified or a role granted in another tab shows at once), the people who see its presence get the public profile.
 * The user is read again, so the event carries what is stored, whichever change came last.
 */
@Injectable()
export class UserUpdates implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UserUpdates.name);
  private subscription: Subscription | null = null;

  constructor(
    private readonly changes: UserChanges,
    private readonly users: UsersService,
    private readonly audience: PresenceAudience,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.changes.changed$.subscribe((userId) => {
      this.broadcast(userId).catch((error: unknown) =>
        this.logger.warn(`Could not announce a change of user ${userId}: ${(error as Error).message}`),
      );
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async broadcast(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    // Erased accounts have their own event (user:erased); banned ones are signed out.
    if (!user || user.status !== 'active') return;
    this.realtime.toUser(userId, ServerEvent.UserUpdated, {
      user: toCurrentUserView(user),
    } satisfies UserUpdatedPayload);
    this.realtime.toUsers(await this.audience.of(userId), ServerEvent.UserUpdated, {
      user: toPublicUser(user),
    } satisfies UserUpdatedPayload);
  }
}
