// Web Push for Portal Chat: the server pushes {conversationId, title, body} while no tab of the person is open.
self.addEventListener('push', (event) => {
  const data = event.data ? event.data.json() : null;
  if (!data) return;
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: `conversation-${data.conversationId}`,
      icon: '/favicon.svg',
      data: { url: `/c/${encodeURIComponent(data.conversationId)}` },
    }),
  );
});

// A click opens the conversation: in a tab of the app if one is open, else in a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((tabs) => {
      const tab = tabs.find((client) => new URL(client.url).origin === self.location.origin);
      if (!tab) return self.clients.openWindow(url);
      return tab.focus().then((focused) => focused.navigate(url));
    }),
  );
});
