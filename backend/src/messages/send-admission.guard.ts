import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import type { AuthUser } from '../common/auth-user';
import { MessagesService } from './messages.service';

/**
 * The REST side of the early busy answer (the socket's is in MessagesGateway): guards run before the pipes, so over
 * the instance's cap of sends at once a new send is refused before its body is validated or authorized.
 */
@Injectable()
export class SendAdmissionGuard implements CanActivate {
  constructor(private readonly messages: MessagesService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { user: AuthUser }>();
    const body = request.body as { clientId?: unknown } | undefined;
    if (this.messages.admits(request.user.id, body?.clientId)) return true;
    throw this.messages.busy();
  }
}
