import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { Resource } from "sst";
import { visitorEmailSettings } from "../email/settings.ts";
import { unsubscribePage } from "../email/unsubscribe.ts";
import { DynamoChatStore } from "../store/store.ts";
import { perContainer } from "./container.ts";

/** The table, built once per container (backend/handlers/container.ts). */
const store = perContainer(() => new DynamoChatStore({ tableName: Resource.PorchTable.name }));

/**
 * The unsubscribe link of reply emails, as a Lambda function URL (payload format 2.0): GET shows
 * a confirmation page, POST unsubscribes (backend/email/unsubscribe.ts).
 */
export const handler = async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
  const response = await unsubscribePage(
    { method: event.requestContext.http.method, token: event.queryStringParameters?.t ?? "" },
    {
      store: store().replyEmails,
      linkKey: Resource.LinkSigningKey.value,
      siteName: visitorEmailSettings(process.env).siteName || "This site",
      now: Date.now,
    },
  );
  const head = event.requestContext.http.method.toUpperCase() === "HEAD";
  return { statusCode: response.status, headers: response.headers, body: head ? "" : response.body };
};
