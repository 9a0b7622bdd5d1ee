import { AddressInfo, createServer } from 'node:net';

/** A loopback port nobody listens on right now, for a server a test or benchmark starts itself. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}
