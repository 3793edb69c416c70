import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { AtlasError, isLoopbackHost } from "@aws-atlas/sdk";
import type { Hono } from "hono";
import type { AuthType } from "./auth.js";

/**
 * Options for {@link createNodeServer}.
 *
 * @example
 * const options: NodeServerOptions = { app, port: 0, host: "127.0.0.1" };
 */
export interface NodeServerOptions {
  /** The app to serve: an `AtlasApp` from `createApp` (its `authentication` is checked), or any Hono app. */
  app: Hono & { readonly authentication?: AuthType };
  /** Port to listen on (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /**
   * Serve an app without authentication on a host other than loopback. Off by default: such a server is
   * refused with INVALID_CONFIG. An app not made by `createApp` counts as unauthenticated.
   */
  allowUnauthenticated?: boolean;
}

/**
 * A listening server from {@link createNodeServer}.
 *
 * @example
 * const { url, close } = await createNodeServer({ app });
 */
export interface NodeServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Stop accepting connections, end the open ones and resolve when closed. Idempotent. */
  close(): Promise<void>;
}

function formatHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/**
 * Serve a Hono app on Node with `@hono/node-server`; resolves once it listens. Refuses (AtlasError
 * INVALID_CONFIG) to expose an unauthenticated app beyond loopback unless `allowUnauthenticated` is set.
 *
 * @example
 * const server = await createNodeServer({ app: createApp({ atlas }), port: 8080, host: "127.0.0.1" });
 * console.log(server.url);
 * await server.close();
 */
export async function createNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AtlasError("INVALID_CONFIG", `Port ${port} is not a port number`, { hint: "Use a port from 0 to 65535 (0 picks a free one)." });
  }
  const authentication = options.app.authentication ?? "none";
  if (authentication === "none" && !isLoopbackHost(host) && options.allowUnauthenticated !== true) {
    throw new AtlasError("INVALID_CONFIG", `Refusing to serve without authentication on ${host}: anyone who can reach it could use the API`, {
      hint: "Set dashboard.authentication (basic), bind 127.0.0.1, or pass allowUnauthenticated (--allow-unauthenticated) if a proxy in front authenticates.",
    });
  }

  const server = createAdaptorServer({ fetch: options.app.fetch, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      const hint = error.code === "EADDRINUSE" ? "Choose another port (--port), or 0 for a free one." : "Check the host and port.";
      reject(new AtlasError("INVALID_CONFIG", `Cannot listen on ${formatHost(host)}:${port}: ${error.code ?? error.message}`, { hint, cause: error }));
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${formatHost(host)}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
