"use client";
// Keys pressed while the focus is inside an element, heard on the document. A form is not an
// interactive element, so it gets no key handler of its own; its shortcuts (Escape cancels,
// Ctrl+Enter saves) still apply wherever the focus is inside it. The handler may call
// event.stopPropagation() to keep a key from the page's window-level shortcuts.
import { type RefObject, useEffect, useEffectEvent } from "react";

export function useKeyDownWithin(ref: RefObject<HTMLElement | null>, onKeyDown: (event: KeyboardEvent) => void) {
  // The latest handler, without re-adding the listener on every render.
  const handle = useEffectEvent(onKeyDown);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.target instanceof Node && ref.current?.contains(event.target)) handle(event);
    };
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [ref]);
}
