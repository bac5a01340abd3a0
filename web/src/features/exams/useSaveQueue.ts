import { useCallback, useRef, useState } from "react";
import { toApiError, type ApiError } from "../../api.ts";
import type { ItemPatch } from "./exams.api.ts";

export type SaveState = "idle" | "saving" | "saved" | "failed";

interface Job {
  position: number;
  patch: ItemPatch;
}

/**
 * Saves answers one request at a time, newest change last: changes made while a save is on its
 * way are merged and sent after it, so a slow network never stores an older answer over a newer
 * one. A failed save keeps its change for "Try again".
 */
export function useSaveQueue(save: (position: number, patch: ItemPatch) => Promise<unknown>, onClosed: (error: ApiError) => void) {
  const [state, setState] = useState<SaveState>("idle");
  const [error, setError] = useState<ApiError>();
  const pending = useRef<Job | null>(null);
  const running = useRef<Promise<boolean> | null>(null);
  const failed = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const onClosedRef = useRef(onClosed);
  onClosedRef.current = onClosed;

  const drain = useCallback(async (): Promise<boolean> => {
    while (pending.current) {
      const job = pending.current;
      pending.current = null;
      try {
        await saveRef.current(job.position, job.patch);
      } catch (caught) {
        const apiError = toApiError(caught);
        if (apiError.code === "ATTEMPT_CLOSED") {
          pending.current = null;
          onClosedRef.current(apiError);
          return false;
        }
        // Keep the change: what came after it, for the same question, wins field by field.
        const later = pending.current as Job | null;
        pending.current = later && later.position === job.position ? { position: job.position, patch: { ...job.patch, ...later.patch } } : job;
        failed.current = true;
        setError(apiError);
        setState("failed");
        return false;
      }
    }
    failed.current = false;
    setError(undefined);
    setState("saved");
    return true;
  }, []);

  const start = useCallback(() => {
    if (running.current) return running.current;
    const run = drain().finally(() => {
      running.current = null;
    });
    running.current = run;
    return run;
  }, [drain]);

  /** Queues a change to one question; it is sent as soon as the previous save is done. */
  const enqueue = useCallback(
    (position: number, patch: ItemPatch) => {
      const current = pending.current;
      pending.current = current && current.position === position ? { position, patch: { ...current.patch, ...patch } } : { position, patch };
      setState("saving");
      setError(undefined);
      void start();
    },
    [start],
  );

  /** Waits until every change is stored; false when one could not be. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (running.current) await running.current;
    if (pending.current) {
      setState("saving");
      setError(undefined);
      return start();
    }
    return !failed.current;
  }, [start]);

  const retry = useCallback(() => {
    if (!pending.current) return;
    setState("saving");
    setError(undefined);
    void start();
  }, [start]);

  /** Forgets the saved/failed state when another question is shown. */
  const reset = useCallback(() => {
    if (!running.current && !pending.current) setState("idle");
  }, []);

  return { state, error, enqueue, flush, retry, reset, hasPending: () => running.current !== null || pending.current !== null };
}
