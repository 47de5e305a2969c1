/**
 * Porch protocol v1: the frames the widget, the inbox and the backend exchange over one WebSocket.
 * docs/protocol.md is its prose version (its tables are generated from these declarations).
 *
 * The widget imports types and `limits` from here but never parses a frame: every function that
 * builds a schema is marked `@__NO_SIDE_EFFECTS__`, so the bundler leaves the schemas and valibot out
 * of porch.js (the build's size report shows it).
 */
export * from "./frames.ts";
export * from "./errors.ts";
export { attachmentLimits, limits } from "./limits.ts";
export { localePatterns } from "./fields.ts";
export { countChars, isBlank, isEmailAddress, stripBidiControls, truncateChars } from "./text.ts";
export { defineAction, type ActionDeclaration, type Caller } from "./action.ts";
export * from "./actions/index.ts";
export { parseFrame, type ParsedFrame } from "./parse.ts";
export { viewRequest, viewsOf, type InboxViewName, type ViewedState } from "./views.ts";

import type { ErrorReply, ServerPush } from "./frames.ts";
import type { ReplyOf, ActionName } from "./actions/index.ts";

/** Any frame the backend sends: a reply to some action, an error, or a push. */
export type ServerFrame = ReplyOf<ActionName> | ErrorReply | ServerPush;
