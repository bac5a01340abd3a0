import { useEffect, useRef } from "react";

export const UNSAVED_CHANGES_MESSAGE = "The framework has unsaved changes. Leave this page and lose them?";

interface NavigateEventLike extends Event {
  navigationType: "push" | "replace" | "reload" | "traverse";
  cancelable: boolean;
}

interface NavigationLike {
  addEventListener(type: "navigate", listener: (event: NavigateEventLike) => void): void;
  removeEventListener(type: "navigate", listener: (event: NavigateEventLike) => void): void;
}

/**
 * Asks before the page is left while there are unsaved changes: closing or reloading the tab,
 * following a link inside the app, and (where the browser supports the Navigation API) going
 * back or forward. The app uses a plain BrowserRouter, so react-router's blockers are not
 * available; links are intercepted before react-router handles the click.
 */
export function useUnsavedChangesWarning(hasUnsavedChanges: boolean) {
  const active = useRef(hasUnsavedChanges);
  useEffect(() => {
    active.current = hasUnsavedChanges;
  }, [hasUnsavedChanges]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!active.current) return;
      event.preventDefault();
      event.returnValue = "";
    };

    const onClick = (event: MouseEvent) => {
      if (!active.current || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if (anchor.target && anchor.target !== "_self") return;
      if (anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return; // beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(UNSAVED_CHANGES_MESSAGE)) {
        event.preventDefault();
        event.stopPropagation();
      } else {
        active.current = false;
      }
    };

    const navigation = (window as unknown as { navigation?: NavigationLike }).navigation;
    const onNavigate = (event: NavigateEventLike) => {
      if (!active.current || event.navigationType !== "traverse" || !event.cancelable) return;
      if (!window.confirm(UNSAVED_CHANGES_MESSAGE)) event.preventDefault();
      else active.current = false;
    };

    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    navigation?.addEventListener("navigate", onNavigate);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      navigation?.removeEventListener("navigate", onNavigate);
    };
  }, []);
}
