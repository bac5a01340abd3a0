import { useLocalStorage, useWindowEvent } from "@mantine/hooks";

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "password", "number", "date", "tel", "url", "time", "datetime-local", "month", "week"]);

/** Whether a key press belongs to something the person is typing in (or to an open dialog), not to the exam. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("[role='dialog'], [aria-modal='true']")) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

export interface ExamShortcutHandlers {
  /** Option index 0–5 from 1–6 or A–F. */
  choose: (index: number) => void;
  next: () => void;
  previous: () => void;
}

/**
 * Single-key shortcuts for the player: 1–6 or A–F choose an option, N and P move. They can be
 * turned off (WCAG 2.1.4), and never fire while typing in a field or inside a dialog.
 */
export function useExamShortcuts(handlers: ExamShortcutHandlers, isActive: boolean) {
  const [isEnabled, setEnabled] = useLocalStorage<boolean>({ key: "rxladder.exam-shortcuts", defaultValue: true });

  useWindowEvent("keydown", (event) => {
    if (!isEnabled || !isActive || event.defaultPrevented || event.repeat) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    if (document.querySelector("[role='dialog']")) return;
    const key = event.key.toLowerCase();
    if (key >= "1" && key <= "6" && key.length === 1) {
      event.preventDefault();
      handlers.choose(Number(key) - 1);
    } else if (key >= "a" && key <= "f" && key.length === 1) {
      event.preventDefault();
      handlers.choose(key.charCodeAt(0) - "a".charCodeAt(0));
    } else if (key === "n") {
      event.preventDefault();
      handlers.next();
    } else if (key === "p") {
      event.preventDefault();
      handlers.previous();
    }
  });

  return { isEnabled, setEnabled };
}
