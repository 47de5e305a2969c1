/// <reference path="../.sst/platform/config.d.ts" />
import { linkNames } from "#backend/handlers/links.ts";
import { routes } from "#backend/handlers/routes.ts";
import { lambda, linksFor, type LinkedComponents } from "./functions.ts";
import type { DeploySettings } from "./settings.ts";

/** The WebSocket API that visitors' widgets and the owner's inbox connect to. */
export function webSocketApi(): sst.aws.ApiGatewayWebSocket {
  return new sst.aws.ApiGatewayWebSocket(linkNames.socket, {
    transform: {
      stage(args) {
        // Without a stage limit one API may use the whole account's regional API Gateway
        // quota (10,000 requests/s shared by every API). A chat for one site needs far less;
        // these caps also bound the bill if someone floods the socket. See docs/deploy.md.
        args.defaultRouteSettings = {
          throttlingRateLimit: 50,
          throttlingBurstLimit: 100,
        };
      },
    },
  });
}

/**
 * One function per route of backend/handlers/routes.ts, and a route response for each two-way
 * route. Returns the functions' names.
 */
export function socketRoutes(
  socket: sst.aws.ApiGatewayWebSocket,
  links: LinkedComponents<"route">,
  settings: DeploySettings,
  attachmentWrites: NonNullable<sst.aws.FunctionArgs["permissions"]>,
) {
  return routes.map((route) => {
    const added = socket.route(
      route.routeKey,
      {
        ...lambda,
        handler: route.handler,
        // The message handler enqueues reply emails and opens their links (`resume`); it sends none.
        link: linksFor("route", links),
        // Email settings, who answers (read from the deploy's environment), the limits, the
        // retention and what the site takes as attachments.
        environment: {
          ...settings.email.environment,
          ...settings.ownerProfile,
          ...settings.limits,
          ...settings.retention.environment,
          ...settings.attachments,
        },
        // Presigned POSTs and `send`'s tagging of uploads (infra/bucket.ts): the message handler's only.
        permissions: route.routeKey === "$default" ? attachmentWrites : [],
      },
      {
        transform: {
          route(args) {
            // A two-way route answers the sender: API Gateway only forwards the handler's
            // returned body when the route selects a route response (created below).
            if (route.twoWay) args.routeResponseSelectionExpression = "$default";
          },
        },
      },
    );
    if (route.twoWay) {
      const key = route.routeKey.replace(/\W/g, "");
      new aws.apigatewayv2.RouteResponse(
        `${linkNames.socket}RouteResponse${key.charAt(0).toUpperCase()}${key.slice(1)}`,
        {
          apiId: socket.nodes.api.id,
          routeId: added.nodes.route.apply((apiRoute) => apiRoute.id),
          routeResponseKey: "$default",
        },
        // Not parented to the socket: SST components only accept child types they name.
      );
    }
    return added.nodes.function.apply((fn) => fn.name);
  });
}
