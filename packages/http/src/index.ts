// Public surface of @aws-atlas/http: the app factory, its servers and the error table.
export { createApp, VERSION, type AtlasApp, type CreateAppOptions } from "./create-app.js";
export { createNodeServer, type NodeServer, type NodeServerOptions } from "./node-server.js";
export { createLambdaHandler, type LambdaHandler } from "./lambda-handler.js";
export { assertAuthOptions, createAuthMiddleware, type AuthOptions, type AuthType } from "./auth.js";
export { ERROR_STATUS, toErrorResponse, type ErrorBody, type HttpOnlyErrorCode } from "./error-status.js";
export { createRequestCounter, renderMetrics, type MetricsInput, type RequestCounter } from "./metrics.js";
export { dashboardCsp, escapeHtml, renderDashboard, type DashboardData } from "./dashboard.js";
