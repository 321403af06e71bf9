import type { Routes } from '@angular/router';

import { DeepLinkPage } from './pages/deep-link-page';

/** A portal's links to a person (/u/…), inside the signed-in shell. */
export const DEEP_LINK_ROUTES: Routes = [
  { path: 'email/:email', title: $localize`:@@route.chats:Chats`, component: DeepLinkPage },
  { path: 'ext/:externalId', title: $localize`:@@route.chats:Chats`, component: DeepLinkPage },
  { path: ':username', title: $localize`:@@route.chats:Chats`, component: DeepLinkPage },
];
