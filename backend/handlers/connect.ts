import type { APIGatewayProxyResult } from "aws-lambda";
/** Placeholder until the spine lands. */
export const handler = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: "" });
