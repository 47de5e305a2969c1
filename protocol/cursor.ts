/**
 * A history cursor: `"<sentAt>:<id>"` of a stored message. `list` returns messages before it.
 * The backend hands one out with each page; clients may build one from any message they hold.
 */
export const historyCursor = (message: { sentAt: number; id: string }): string => `${message.sentAt}:${message.id}`;
