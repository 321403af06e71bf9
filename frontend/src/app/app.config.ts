import { HttpBackend, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import { provideSocketIo } from 'ngx-socket-io';

import { routes } from './app.routes';
import * as accountEffects from './auth/account-effects';
import { accountFeature } from './auth/account-feature';
import { provideChat } from './chat/provide-chat';
import { UploadAwareBackend } from './core/api/upload-backend';
import * as authEffects from './core/auth/auth-effects';
import { authFeature } from './core/auth/auth-feature';
import { authInterceptor } from './core/auth/auth-interceptor';
import { PageTitle } from './core/page-title';
import { connectionFeature } from './core/socket/connection-feature';
import { SOCKET_OPTIONS } from './core/socket/realtime-socket';
import * as socketEffects from './core/socket/socket-effects';
import { provideEmbed } from './embed/provide-embed';
import * as friendsEffects from './friends/friends-effects';
import { friendsFeature } from './friends/friends-feature';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: PageTitle },
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // After withFetch(): uploads with progress go through XHR (see UploadAwareBackend).
    { provide: HttpBackend, useClass: UploadAwareBackend },
    provideStore(),
    provideState(authFeature),
    provideState(connectionFeature),
    provideState(friendsFeature),
    provideEffects(authEffects, socketEffects),
    provideState(accountFeature),
    provideEffects(accountEffects),
    provideEffects(friendsEffects),
    provideChat(),
    provideEmbed(),
    provideSocketIo({ url: globalThis.location?.origin ?? '', options: SOCKET_OPTIONS }),
  ],
};
