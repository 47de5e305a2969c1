import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { Resource } from "sst";
import { confirmPage, confirmPath } from "../email/confirm.ts";
import { visitorEmailSettings } from "../email/settings.ts";
import { unsubscribePage } from "../email/unsubscribe.ts";
import { DynamoChatStore } from "../store/store.ts";
import { perContainer } from "./container.ts";

/** The table, built once per container (backend/handlers/container.ts). */
const store = perContainer(() => new DynamoChatStore({ tableName: Resource.PorchTable.name }));

/**
 * The links of visitor emails, as one Lambda function URL (payload format 2.0): at its root the
 * unsubscribe link (backend/email/unsubscribe.ts), at `/confirm` a confirmation email's link
 * (backend/email/confirm.ts); GET shows a page with a button, POST does what it says.
 */
export const handler = async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
  const { method, path } = event.requestContext.http;
  const request = { method, token: event.queryStringParameters?.t ?? "", acceptLanguage: event.headers["accept-language"] };
  const common = {
    linkKey: Resource.LinkSigningKey.value,
    siteName: visitorEmailSettings(process.env).siteName || "This site",
    now: Date.now,
  };
  const response =
    path === `/${confirmPath}`
      ? await confirmPage(request, { ...common, store: store().confirmations })
      : await unsubscribePage(request, { ...common, store: store().replyEmails });
  const head = method.toUpperCase() === "HEAD";
  return { statusCode: response.status, headers: response.headers, body: head ? "" : response.body };
};
