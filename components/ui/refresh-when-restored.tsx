// A page whose content changes while people work through it (the home page, the drafts and
// release lists, the approval queue) shows the current state again when it is reached with the
// browser's Back or Forward button. The router restores such a page from its cache, as it was
// rendered (Next.js keeps back/forward entries whatever staleTimes say); this marks each server
// render with an id, and the client asks the router for a fresh render when it sees the same id
// mounted a second time: a restore, not a new render.
import { randomUUID } from "node:crypto";
import { RefreshOnRestore } from "./refresh-on-restore";

export function RefreshWhenRestored() {
  return <RefreshOnRestore renderId={randomUUID()} />;
}
