// How a reporter wants to hear about their report: every value of the API's `NotifyBy`
// (the type check fails when the API adds one), in the order the forms offer them.
import type { components } from "../api/schema";

export type NotifyBy = components["schemas"]["NotifyBy"];
export const NOTIFY_BY = ["email", "whatsapp", "none"] as const satisfies readonly NotifyBy[];
type Exhaustive<T, U extends readonly T[]> = [T] extends [U[number]] ? true : never;
const _allNotifyBy: Exhaustive<NotifyBy, typeof NOTIFY_BY> = true;
void _allNotifyBy;
