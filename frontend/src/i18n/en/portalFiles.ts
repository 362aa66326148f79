// The English of portalFiles.ts.
import type { PORTAL_FILES_ID } from "../portalFiles";

export const PORTAL_FILES_EN: Record<keyof typeof PORTAL_FILES_ID, string> = {
  "int.loading": "Loading…",
  "int.failed": "The data could not be loaded. Try again.",
  "int.files.title": "Files from the portal",
  "int.files.name": "File name",
  "int.files.status": "State",
  "int.files.attempts": "Attempts",
  "int.files.nextTry": "Next try",
  "int.files.reason": "Reason",
  "int.files.empty": "This complaint attached no files.",
  "int.files.state.waiting": "Waiting to be fetched",
  "int.files.state.stored": "Stored",
  "int.files.state.refused": "Refused",
  "int.files.state.failed": "Could not be fetched",
};
