import { Button, Card, CopyButton, Group, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { Tone } from "../ladder/labels.ts";
import { useState } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { compareDates, isoWeekday, LEAVE_KINDS, MY_SCHEDULE_PATH, rotationsApi, timeInZone, WEEKDAYS, type LeaveKind, type Schedule } from "./rotations.api.ts";

const LEAVE_STATUS: Record<Schedule["leave"][number]["status"], { label: string; tone: Tone }> = {
  requested: { label: "Waiting for approval", tone: "warn" },
  approved: { label: "Approved", tone: "good" },
  rejected: { label: "Rejected", tone: "bad" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

function LeaveForm({ onSaved }: { onSaved: () => void }) {
  const [kind, setKind] = useState<LeaveKind>("pto");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [note, setNote] = useState("");
  const request = useApiAction(rotationsApi.requestLeave);
  const fieldError = (field: string) => request.error?.fieldMessage(field);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="leave-form-title">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await request.run({ kind, startsOn, endsOn: endsOn || startsOn, note: note || undefined });
          if (result.ok) {
            setStartsOn("");
            setEndsOn("");
            setNote("");
            onSaved();
          }
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="leave-form-title">
            Request time off
          </Title>
          <Select label="Kind" data={(["pto", "sick", "leave"] as const).map((k) => ({ value: k, label: LEAVE_KINDS[k] }))} value={kind} onChange={(value) => value && setKind(value as LeaveKind)} allowDeselect={false} />
          <Group grow align="flex-start">
            <TextInput type="date" label="First day" required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={fieldError("startsOn")} />
            <TextInput type="date" label="Last day" value={endsOn} min={startsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={fieldError("endsOn")} description="Leave empty for one day" />
          </Group>
          <Textarea label="Note for your manager" value={note} maxLength={1000} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <ErrorAlert error={request.error && !request.error.fields.length ? request.error : undefined} />
          <Group>
            <Button type="submit" loading={request.isPending}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CalendarFeed({ schedule, onChanged }: { schedule: Schedule; onChanged: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const create = useApiAction(rotationsApi.createFeed);
  const stop = useApiAction(rotationsApi.deleteFeed);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feed-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="feed-title">
          Calendar app
        </Title>
        <Text size="sm">Subscribe to your published shifts from your phone's calendar. The link is private: anyone who has it sees your shifts, so make a new one if it gets out (the old one then stops working).</Text>
        {url ? (
          <Stack gap={6}>
            <TextInput label="Your calendar link (shown once)" value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
            <Group>
              <CopyButton value={url}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? "Copied" : "Copy link"}</Button>}</CopyButton>
            </Group>
          </Stack>
        ) : schedule.calendarFeed ? (
          <Text size="sm">A link made on {formatDateTime(schedule.calendarFeed.createdAt)} is active.</Text>
        ) : null}
        <ErrorAlert error={create.error ?? stop.error} />
        <Group>
          <Button
            loading={create.isPending}
            onClick={async () => {
              const result = await create.run();
              if (result.ok) {
                setUrl(result.value.url);
                onChanged();
              }
            }}
          >
            {schedule.calendarFeed ? "Make a new link" : "Make a calendar link"}
          </Button>
          {schedule.calendarFeed ? (
            <Button
              variant="default"
              loading={stop.isPending}
              onClick={async () => {
                if ((await stop.run()).ok) {
                  setUrl(null);
                  onChanged();
                }
              }}
            >
              Stop the link
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

/** The signed-in person's published shifts, their time-off requests, and their calendar link; laid out for a phone. */
export function MySchedulePage() {
  const schedule = useApiQuery<Schedule>(MY_SCHEDULE_PATH);
  const cancel = useApiAction(rotationsApi.cancelLeave);
  const data = schedule.data;
  const upcoming = data?.shifts.filter((s) => compareDates(s.day, data.today) >= 0) ?? [];
  const past = data?.shifts.filter((s) => compareDates(s.day, data.today) < 0) ?? [];
  return (
    <Page title="My schedule">
      <ErrorAlert error={schedule.error} onRetry={schedule.reload} />
      {!data && !schedule.error ? <Loading /> : null}
      {data ? (
        <>
          <section aria-labelledby="shifts-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="shifts-title">
                Upcoming shifts
              </Title>
              {upcoming.length === 0 ? <Text size="sm">No published shifts in the next eight weeks.</Text> : null}
              <Stack component="ul" gap="xs" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Upcoming shifts">
                {upcoming.map((s) => (
                  <Card component="li" key={s.id} withBorder padding="sm" data-day={s.day}>
                    <Group justify="space-between" align="flex-start" gap="xs">
                      <Stack gap={2}>
                        <Text fw={700}>
                          {WEEKDAYS[isoWeekday(s.day) - 1]} {formatDate(s.day)}
                        </Text>
                        <Text>
                          {s.station}
                          {s.trainee ? " (training)" : ""}
                        </Text>
                        <Text size="sm" c="gray.7">
                          {s.shift}: {timeInZone(s.startsAt, s.site.timeZone)} to {timeInZone(s.endsAt, s.site.timeZone)} · {s.site.name}
                        </Text>
                      </Stack>
                      {s.backfill ? <ToneBadge tone="pending">Covering</ToneBadge> : null}
                    </Group>
                  </Card>
                ))}
              </Stack>
              {past.length ? <Text size="sm" c="gray.7">{past.length} shift{past.length === 1 ? "" : "s"} in the last week.</Text> : null}
            </Stack>
          </section>
          <section aria-labelledby="leave-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="leave-title">
                Time off
              </Title>
              {data.leave.length === 0 ? <Text size="sm">No requests in this period.</Text> : null}
              <Stack component="ul" gap="xs" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Time-off requests">
                {data.leave.map((l) => (
                  <Card component="li" key={l.id} withBorder padding="sm">
                    <Group justify="space-between" gap="xs">
                      <Stack gap={2}>
                        <Text fw={600}>
                          {LEAVE_KINDS[l.kind]}: {formatDate(l.startsOn)}
                          {l.endsOn !== l.startsOn ? ` to ${formatDate(l.endsOn)}` : ""}
                        </Text>
                        {l.decisionNote ? <Text size="sm">Manager's note: {l.decisionNote}</Text> : null}
                      </Stack>
                      <Group gap="xs">
                        <ToneBadge tone={LEAVE_STATUS[l.status].tone}>{LEAVE_STATUS[l.status].label}</ToneBadge>
                        {l.status === "requested" || l.status === "approved" ? (
                          <Button size="compact-sm" variant="default" loading={cancel.isPending} onClick={async () => (await cancel.run(l.id)).ok && schedule.reload()} aria-label={`Cancel ${LEAVE_KINDS[l.kind]} from ${formatDate(l.startsOn)}`}>
                            Cancel
                          </Button>
                        ) : null}
                      </Group>
                    </Group>
                  </Card>
                ))}
              </Stack>
              <ErrorAlert error={cancel.error} />
            </Stack>
          </section>
          <LeaveForm onSaved={schedule.reload} />
          <CalendarFeed schedule={data} onChanged={schedule.reload} />
        </>
      ) : null}
    </Page>
  );
}
