import type { Routes } from '@angular/router';

import { provideGroups } from '../groups/provide-groups';
import { provideSearch } from '../search/provide-search';
import { NoChatSelected } from './components/no-chat-selected';
import { ChatPage } from './pages/chat-page';
import { ConversationPage } from './pages/conversation-page';

/** The chat list at /, with the conversation at /c/:conversationId beside it (or instead of it, on a phone). */
export const CHAT_ROUTES: Routes = [
  {
    path: '',
    component: ChatPage,
    children: [
      { path: '', title: $localize`:@@route.chats:Chats`, component: NoChatSelected },
      { path: 'c/:conversationId', title: $localize`:@@route.chats:Chats`, component: ConversationPage },
      {
        path: 'search',
        title: $localize`:@@search.route:Search messages`,
        providers: [provideSearch()],
        loadComponent: () => import('../search/pages/search-page').then((m) => m.SearchPage),
      },
      {
        // Group management (groups/), in the same pane: creating a group, and a group's info.
        path: '',
        providers: [provideGroups()],
        children: [
          {
            path: 'groups/new',
            title: $localize`:@@groups.route.new:New group`,
            loadComponent: () => import('../groups/pages/create-group-page').then((m) => m.CreateGroupPage),
          },
          {
            path: 'c/:conversationId/info',
            title: $localize`:@@groups.route.info:Group info`,
            loadComponent: () => import('../groups/pages/group-info-page').then((m) => m.GroupInfoPage),
          },
        ],
      },
    ],
  },
];
