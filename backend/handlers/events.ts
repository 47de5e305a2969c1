import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";

/**
 * API Gateway's WebSocket event. `@types/aws-lambda` leaves out fields API Gateway does send
 * (see docs/local-stack.md); they are added here.
 */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  requestContext: APIGatewayProxyWebsocketEventV2["requestContext"] & {
    identity?: { sourceIp?: string; userAgent?: string };
    disconnectStatusCode?: number;
    disconnectReason?: string;
  };
};

export interface HandlerResult {
  statusCode: number;
  body?: string;
}
