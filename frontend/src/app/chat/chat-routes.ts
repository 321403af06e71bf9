import type { Routes } from '@angular/router';

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
    ],
  },
];
