import { Alert, Button, Card, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { announceNotificationsChanged, KIND_LABELS, markAllRead, markRead, notificationsPath, type AppNotification, type NotificationList } from "./notifications.api.ts";
import classes from "./notifications.module.css";

const PAGE = 50;

function NotificationCard({ notification, onChanged }: { notification: AppNotification; onChanged: () => void }) {
  const read = useApiAction(markRead);
  const isUnread = notification.readAt === null;
  const headingId = `notification-${notification.id}`;
  const markAsRead = async () => {
    const result = await read.run(notification.id);
    if (result.ok) {
      announceNotificationsChanged();
      onChanged();
    }
  };
  return (
    <Card withBorder padding="md" component="li" aria-labelledby={headingId} className={`${classes.item} ${isUnread ? classes.unread : ""}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <ToneBadge tone={notification.kind === "approval-waiting" ? "pending" : notification.kind === "promotion-eligible" ? "good" : notification.kind === "schedule-changed" ? "neutral" : "warn"}>{KIND_LABELS[notification.kind]}</ToneBadge>
          {isUnread ? <ToneBadge tone="neutral">Unread</ToneBadge> : null}
        </Group>
        <Text id={headingId} component="h2" fw={700} fz="md" className={classes.title}>
          <Link to={notification.link} onClick={() => (isUnread ? void markAsRead() : undefined)}>
            {notification.title}
          </Link>
        </Text>
        <Text size="sm" className={classes.title}>
          {notification.body}
        </Text>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="xs" c="gray.7">
            {formatDateTime(notification.createdAt)}
            {notification.dueOn ? ` · due ${formatDate(notification.dueOn)}` : ""}
          </Text>
          {isUnread ? (
            <Button size="compact-sm" variant="default" onClick={() => void markAsRead()} loading={read.isPending} aria-describedby={headingId}>
              Mark read
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={read.error} />
      </Stack>
    </Card>
  );
}

/** The notification centre: the signed-in person's notifications, unread first. */
export function NotificationsPage() {
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const [limit, setLimit] = useState(PAGE);
  const list = useApiQuery<NotificationList>(notificationsPath({ unreadOnly: filter === "unread", limit }), { keepPreviousData: true });
  const all = useApiAction(markAllRead);
  const [message, setMessage] = useState<string>();
  const data = list.data;
  return (
    <Page
      title="Notifications"
      actions={
        <Button component={Link} to="/notifications/settings" variant="default">
          E-mail settings
        </Button>
      }
    >
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Show"
          value={filter}
          onChange={(value) => {
            setFilter(value as "all" | "unread");
            setLimit(PAGE);
          }}
          data={[
            { value: "all", label: "All" },
            { value: "unread", label: "Unread" },
          ]}
        />
        <Button
          variant="default"
          disabled={!data || data.unread === 0}
          loading={all.isPending}
          onClick={async () => {
            const result = await all.run();
            if (result.ok) {
              setMessage(`${formatCount(result.value.marked, "notification")} marked read.`);
              announceNotificationsChanged();
              list.reload();
            }
          }}
        >
          Mark all read
        </Button>
      </Group>
      <ErrorAlert error={list.error ?? all.error} onRetry={list.reload} />
      {!data && list.isLoading ? <Loading /> : null}
      {data ? (
        <Text size="sm" c="gray.7" role="status">
          {formatCount(data.unread, "unread notification")} of {data.total}
        </Text>
      ) : null}
      {data && data.items.length === 0 ? <Text>{filter === "unread" ? "Nothing unread." : "No notifications yet. You will find expiries, deadlines, evaluations due and approvals waiting here."}</Text> : null}
      {data && data.items.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Notifications">
          {data.items.map((n) => (
            <NotificationCard key={n.id} notification={n} onChanged={list.reload} />
          ))}
        </Stack>
      ) : null}
      {data && data.items.length >= limit && (filter === "all" ? data.total : data.unread) > limit ? (
        <Button variant="default" onClick={() => setLimit((n) => n + PAGE)} loading={list.isLoading}>
          Show more
        </Button>
      ) : null}
    </Page>
  );
}
