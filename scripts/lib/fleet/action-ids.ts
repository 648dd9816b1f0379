// Server action ids as a browser learns them: from the chunks of the client components a page
// renders for the person who asked (its HTML names them), where each action the page may call is
// a `createServerReference("<id>", …, "<exported name>")`. Read from the instance that served
// the page; the fleet check then posts them to the other instance.
import type { ConsoleClient } from "./console-client";

// Script tags and the chunks the inline RSC payload names for the client components it renders.
const CHUNK = /\/_next\/static\/[^"'\\\s]+?\.js/g;
const SERVER_REFERENCE = /createServerReference\)\("([0-9a-f]{40,})",[^()]*?"([A-Za-z_$][\w$]*)"\)/g;

export interface PageActions {
  /** Exported name -> action id. */
  ids: Map<string, string>;
  /** The build id the page's HTML names (its static assets live under it). */
  buildId: string | null;
}

export async function actionsOfPage(client: ConsoleClient, instance: string, path: string): Promise<PageActions> {
  const page = await client.get(instance, path);
  if (page.status !== 200) throw new Error(`${instance}${path} answered ${page.status}`);
  const html = await page.text();
  const ids = new Map<string, string>();
  const scripts = new Set([...html.matchAll(CHUNK)].map((m) => m[0]));
  for (const src of scripts) {
    const chunk = await (await fetch(new URL(src, instance))).text();
    for (const [, id, name] of chunk.matchAll(SERVER_REFERENCE)) if (id && name) ids.set(name, id);
  }
  // The App Router's HTML carries the build id in its inline flight data ("b":"<id>").
  const buildId = /\\?"b\\?":\\?"([\w-]+)\\?"/.exec(html)?.[1] ?? null;
  return { ids, buildId };
}
