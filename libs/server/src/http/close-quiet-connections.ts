import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Lets `server.close()` finish once no request is in progress. Node's close waits for every open
 * connection, and its `closeIdleConnections` spares one that has not sent a request yet: a client's
 * spare pooled socket (undici, a browser's preconnect) or a sender stopped mid-headers would hold a
 * shutdown until the process deadline (Node also stops enforcing headersTimeout once closing).
 * Call `begin()` when closing starts: connections with no request in progress are destroyed then,
 * the others as soon as their answer has gone. A request being answered is never cut.
 */
export function closeQuietConnections(server: Server): { begin(): void } {
  const inProgress = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    if (closing) return void socket.destroy();
    inProgress.set(socket, 0);
    socket.once('close', () => inProgress.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    inProgress.set(socket, (inProgress.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (inProgress.get(socket) ?? 1) - 1;
      inProgress.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  return {
    begin() {
      closing = true;
      for (const [socket, n] of inProgress) if (n === 0) socket.destroy();
    },
  };
}

/** {@link closeQuietConnections} for a Fastify instance, begun when its `close()` starts. */
export function closeQuietConnectionsOnClose(fastify: FastifyInstance): void {
  const quiet = closeQuietConnections(fastify.server);
  fastify.addHook('preClose', (done) => {
    quiet.begin();
    done();
  });
}
