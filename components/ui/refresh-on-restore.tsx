"use client";
// See refresh-when-restored.tsx. A render id mounted before in this document means the router
// restored the page from its cache: refresh it (the cached view stays on screen meanwhile).
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const mounted = new Set<string>();

export function RefreshOnRestore({ renderId }: { renderId: string }) {
  const router = useRouter();
  useEffect(() => {
    if (mounted.has(renderId)) router.refresh();
    else mounted.add(renderId);
  }, [renderId, router]);
  return null;
}
