import { useEffect } from "react";
import { Link, useLocation } from "react-router";
import { useApiQuery } from "../../api.ts";
import { NOTIFICATIONS_CHANGED } from "./notifications.api.ts";
import classes from "./notifications.module.css";

const POLL_MS = 60_000;

/** The header's bell: the unread count, linking to the notification centre; refreshed every minute, on navigation and when a page marks some read. */
export function NotificationBell() {
  const count = useApiQuery<{ unread: number }>("/api/notifications/unread-count", { keepPreviousData: true });
  const location = useLocation();
  const { reload } = count;
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, reload);
    };
  }, [reload]);
  useEffect(() => reload(), [location.pathname, reload]);
  const unread = count.data?.unread ?? 0;
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link to="/notifications" className={classes.bell} aria-label={label} title={label}>
      <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className={classes.count} aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
