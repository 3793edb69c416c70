import type { Hono } from "hono";
import { handle } from "hono/aws-lambda";

/**
 * The AWS Lambda handler type {@link createLambdaHandler} returns (API Gateway v1/v2, ALB, function URLs).
 *
 * @example
 * export const handler: LambdaHandler = createLambdaHandler(app);
 */
export type LambdaHandler = ReturnType<typeof handle>;

/**
 * An AWS Lambda handler for the app (API Gateway REST and HTTP APIs, ALB, function URLs), via
 * `hono/aws-lambda`. Give the app an atlas factory so a cold start connects only when asked, and point
 * the configuration at a shared database (PostgreSQL): a Lambda keeps nothing between invocations that
 * another one would need.
 *
 * @example
 * const app = createApp({ atlas: () => createAtlas({ config, env: process.env }) });
 * export const handler = createLambdaHandler(app);
 */
export function createLambdaHandler(app: Hono): LambdaHandler {
  return handle(app);
}
