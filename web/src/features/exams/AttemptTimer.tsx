import { Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { clockInWords, formatClock } from "./labels.ts";
import classes from "./exams.module.css";

/** Moments announced to screen readers (the clock itself is not read out every second). */
const ANNOUNCE_AT_MS = [30 * 60_000, 10 * 60_000, 5 * 60_000, 60_000];
const LOW_MS = 5 * 60_000;

interface AttemptTimerProps {
  /** When time is up, on this browser's clock (the server's deadline moved by the clocks' difference). */
  deadline: number;
  onExpired: () => void;
}

/** Counts down to the deadline; it redraws on its own so the question on screen does not. */
export function AttemptTimer({ deadline, onExpired }: AttemptTimerProps) {
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<number>());
  const expired = useRef(false);
  const onExpiredRef = useRef(onExpired);
  onExpiredRef.current = onExpired;
  const remaining = Math.max(0, deadline - now);

  useEffect(() => {
    expired.current = false;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  useEffect(() => {
    if (remaining <= 0) {
      if (!expired.current) {
        expired.current = true;
        setAnnouncement("Time is up.");
        onExpiredRef.current();
      }
      return;
    }
    const crossed = ANNOUNCE_AT_MS.find((mark) => remaining <= mark && remaining > mark - 5_000 && !announced.current.has(mark));
    if (crossed !== undefined) {
      announced.current.add(crossed);
      setAnnouncement(`${clockInWords(crossed)} left.`);
    }
  }, [remaining]);

  return (
    <>
      <Text component="span" className={classes.timer} data-low={remaining <= LOW_MS} role="timer" aria-label={`Time left: ${clockInWords(remaining)}`}>
        <span aria-hidden>{formatClock(remaining)}</span>
        <Text span size="sm" fw={400} aria-hidden>
          {" "}
          left
        </Text>
      </Text>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </>
  );
}
