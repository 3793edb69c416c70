import { createHash, timingSafeEqual } from "node:crypto";
import { AtlasError } from "@aws-atlas/sdk";
import type { MiddlewareHandler } from "hono";
import type { ErrorBody } from "./error-status.js";

/**
 * Who may use the API and the dashboard. `none` is only accepted on a loopback host unless the server
 * is told otherwise (see `createNodeServer`).
 *
 * @example
 * const auth: AuthOptions = { type: "basic", username: "ops", password: process.env.ATLAS_PASSWORD ?? "" };
 */
export type AuthOptions =
  | { type: "none" }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string };

/**
 * One of the {@link AuthOptions} types.
 *
 * @example
 * const type: AuthType = app.authentication;
 */
export type AuthType = AuthOptions["type"];

const REALM = "aws-atlas";

/** Hash both sides first so the comparison takes the same time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/**
 * Check the credentials of {@link AuthOptions} (throws INVALID_CONFIG for empty ones).
 *
 * @example
 * assertAuthOptions({ type: "bearer", token: "" }); // throws AtlasError INVALID_CONFIG
 */
export function assertAuthOptions(auth: AuthOptions): void {
  switch (auth.type) {
    case "none":
      return;
    case "basic":
      if (auth.username === "" || auth.password === "") {
        throw new AtlasError("INVALID_CONFIG", "Basic authentication needs a non-empty username and password", {
          hint: "Set dashboard.authentication.username and .password (use ${VAR} for the password).",
        });
      }
      if (auth.username.includes(":")) {
        throw new AtlasError("INVALID_CONFIG", "A basic-authentication username cannot contain a colon", { hint: "Choose another username." });
      }
      return;
    case "bearer":
      if (auth.token === "") {
        throw new AtlasError("INVALID_CONFIG", "Bearer authentication needs a non-empty token", { hint: "Pass a token of at least 32 random characters." });
      }
      return;
  }
}

function unauthorized(challenge: string, message: string): Response {
  const body: ErrorBody = { error: { code: "UNAUTHORIZED", message } };
  return new Response(JSON.stringify(body), {
    status: 401,
    headers: { "content-type": "application/json; charset=UTF-8", "www-authenticate": challenge, "cache-control": "no-store" },
  });
}

function decodeBasic(header: string): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Middleware that lets a request through only with the configured credentials (constant-time
 * comparison); 401 with a `WWW-Authenticate` challenge and an error body otherwise.
 *
 * @example
 * app.use("*", createAuthMiddleware({ type: "bearer", token: "s3cret-token" }));
 */
export function createAuthMiddleware(auth: AuthOptions): MiddlewareHandler {
  assertAuthOptions(auth);
  switch (auth.type) {
    case "none":
      return async (_c, next) => {
        await next();
      };
    case "basic": {
      const challenge = `Basic realm="${REALM}", charset="UTF-8"`;
      return async (c, next) => {
        const given = decodeBasic(c.req.header("authorization") ?? "");
        if (!given) return unauthorized(challenge, "Authentication required: send HTTP basic credentials");
        // evaluate both comparisons every time: which one failed must not show in the timing
        const userOk = sameSecret(given.username, auth.username);
        const passwordOk = sameSecret(given.password, auth.password);
        if (!(userOk && passwordOk)) return unauthorized(challenge, "Wrong username or password");
        await next();
        return undefined;
      };
    }
    case "bearer": {
      return async (c, next) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
        if (!match?.[1]) return unauthorized(`Bearer realm="${REALM}"`, "Authentication required: send Authorization: Bearer <token>");
        if (!sameSecret(match[1], auth.token)) return unauthorized(`Bearer realm="${REALM}", error="invalid_token"`, "Wrong bearer token");
        await next();
        return undefined;
      };
    }
  }
}
