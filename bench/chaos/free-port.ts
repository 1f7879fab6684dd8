import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A TCP port on 127.0.0.1 nothing listens on: `preferred` when it is free, else one the OS picks. */
export async function freePort(preferred = 0): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" && preferred !== 0 ? resolve(freePort(0)) : reject(error)));
    server.listen(preferred, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
