// The baseline: a bare Socket.IO relay (no auth, no database, no validation). Same events and payload shape as
// the app (message:send with an ack, message:new to the participants' rooms), so the load generator drives both
// the same way. Started by run.mjs as its own process; prints "READY <port>" once listening on 127.0.0.1.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], maxHttpBufferSize: 64 * 1024 });
let counter = 0;
const prefix = randomBytes(4).toString('hex');

io.on('connection', (socket) => {
  const userId = String(socket.handshake.auth?.userId ?? socket.id);
  socket.join(`user:${userId}`);
  socket.on('message:send', (body, ack) => {
    const message = {
      id: `${prefix}${(counter += 1).toString(16).padStart(16, '0')}`,
      conversationId: body.conversationId,
      senderId: userId,
      clientId: body.clientId,
      kind: 'text',
      text: body.text,
      createdAt: new Date().toISOString(),
    };
    // `to`: the other participant, or a group's other members (a list).
    const recipients = [body.to].flat().map((id) => `user:${id}`);
    io.to([`user:${userId}`, ...recipients]).emit('message:new', { message });
    if (typeof ack === 'function') ack({ ok: true, message });
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`READY ${http.address().port}`);
});
// Dies with its parent: run.mjs keeps stdin open.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
