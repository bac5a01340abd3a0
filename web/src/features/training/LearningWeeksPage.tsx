import { Alert, Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate, fullName, todayIsoDate } from "../../format.ts";
import { roleLabel } from "../../roles.ts";
import { AccessDenied, ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { peoplePath, type PeopleList } from "../people/people.api.ts";
import { siteLabel, type Site } from "../sites/sites.api.ts";
import { programOptions } from "./AssignTrainingForm.tsx";
import { CompletionDialog, type CompletionSubject } from "./CompletionDialog.tsx";
import { ASSIGNMENT_STATUS } from "./labels.ts";
import { learningWeeksPath, trainingApi, usePrograms, type Overview, type OverviewItem, type Program } from "./training.api.ts";
import { useManagedSites, useSiteParam } from "./TrainingAssignmentsPage.tsx";

function LearningWeekForm({ programs, sites, initialSiteId, onScheduled }: { programs: Program[]; sites: Site[]; initialSiteId?: string; onScheduled: () => void }) {
  const [siteId, setSiteId] = useState(initialSiteId ?? sites[0]?.id ?? "");
  const [personId, setPersonId] = useState("");
  const [programId, setProgramId] = useState("");
  const [station, setStation] = useState("");
  const [supervisorId, setSupervisorId] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();
  const schedule = useApiAction(trainingApi.scheduleLearningWeek);
  const people = useApiQuery<PeopleList>(siteId ? peoplePath({ siteId, status: "active", pageSize: 200 }) : null);
  const fieldError = (field: string) => missing[field] ?? schedule.error?.fieldMessage(field);
  const everyone = people.data?.items ?? [];
  const rotating = everyone.filter((p) => p.role === "technician" || p.role === "mentor");

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(undefined);
    const problems: Record<string, string> = {};
    if (!personId) problems.personId = "Choose who rotates";
    if (!programId) problems.programId = "Choose the training the rotation is for";
    if (station.trim().length < 2) problems.station = "Name the station";
    if (!supervisorId) problems.supervisorId = "Choose the supervisor";
    if (!startsOn) problems.startsOn = "Choose the first day";
    if (!endsOn) problems.endsOn = "Choose the last day";
    setMissing(problems);
    if (Object.keys(problems).length) return;
    const result = await schedule.run({ personId, programId, station: station.trim(), supervisorId, startsOn, endsOn, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!result.ok) return;
    const who = everyone.find((p) => p.id === personId);
    setDone(`Learning week for ${who ? fullName(who) : "the technician"} at ${station.trim()} scheduled, ${formatDate(startsOn)} to ${formatDate(endsOn)}.`);
    setPersonId("");
    setStation("");
    setNote("");
    onScheduled();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Schedule a learning week">
      <Stack gap="sm">
        <ErrorAlert error={schedule.error} />
        {done ? (
          <Alert color="ladderTeal" role="status">
            {done}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label="Site" value={siteId} onChange={(event) => {
              setSiteId(event.currentTarget.value);
              setPersonId("");
              setSupervisorId("");
            }} data={sites.map((s) => ({ value: s.id, label: siteLabel(s) }))} />
          <NativeSelect
            label="Technician"
            value={personId}
            onChange={(event) => setPersonId(event.currentTarget.value)}
            data={[{ value: "", label: people.isLoading ? "Loading…" : "Choose a person", disabled: true }, ...rotating.map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` }))]}
            error={fieldError("personId")}
          />
          <NativeSelect label="Training" value={programId} onChange={(event) => setProgramId(event.currentTarget.value)} data={[{ value: "", label: "Choose a training", disabled: true }, ...programOptions(programs)]} error={fieldError("programId")} />
          <TextInput label="Station" placeholder="e.g. IV room, central fill robot" value={station} onChange={(event) => setStation(event.currentTarget.value)} error={fieldError("station")} maxLength={120} />
          <NativeSelect
            label="Supervisor"
            description="May record the week's completion."
            value={supervisorId}
            onChange={(event) => setSupervisorId(event.currentTarget.value)}
            data={[{ value: "", label: "Choose a supervisor", disabled: true }, ...everyone.filter((p) => p.id !== personId).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName} · ${roleLabel(p.role)}` }))]}
            error={fieldError("supervisorId")}
          />
          <TextInput type="date" label="First day" value={startsOn} onChange={(event) => setStartsOn(event.currentTarget.value)} error={fieldError("startsOn")} />
          <TextInput type="date" label="Last day" value={endsOn} min={startsOn || todayIsoDate()} onChange={(event) => setEndsOn(event.currentTarget.value)} error={fieldError("endsOn")} />
        </SimpleGrid>
        <Textarea label="Note (optional)" autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={schedule.isPending}>
            Schedule learning week
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WeekCard({ item, onComplete }: { item: OverviewItem; onComplete: (subject: CompletionSubject) => void }) {
  const person = item.people[0];
  const status = person ? ASSIGNMENT_STATUS[person.status] : undefined;
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={600} className={classes.wrapText}>
            {item.targetLabel}: {item.station}
          </Text>
          {status ? <ToneBadge tone={status.tone}>{status.label}</ToneBadge> : null}
        </Group>
        <Text size="sm">
          {item.programName} · {formatDate(item.startsOn)} to {formatDate(item.endsOn)} · supervisor {item.supervisorName}
        </Text>
        {item.note ? <Text size="sm">Note: {item.note}</Text> : null}
        {person && person.status !== "completed" ? (
          <Group>
            <Button size="xs" onClick={() => onComplete({ personId: person.personId, personName: fullName(person), programId: item.programId, programName: item.programName, assignmentId: item.id, context: `Learning week at ${item.station}, ${formatDate(item.startsOn)} to ${formatDate(item.endsOn)}` })}>
              Record completion
            </Button>
          </Group>
        ) : person?.completion ? (
          <Text size="sm">Completed {formatDate(person.completion.completedOn)}</Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Cross-training rotations ("learning weeks"): schedule them and record them done. */
export function LearningWeeksPage() {
  const [siteId, setSiteId] = useSiteParam();
  const sites = useManagedSites();
  const programs = usePrograms();
  const weeks = useApiQuery<Overview>(learningWeeksPath(siteId || undefined), { keepPreviousData: true });
  const [completing, setCompleting] = useState<CompletionSubject | null>(null);
  if (weeks.error?.status === 403) return <AccessDenied />;
  return (
    <Page
      title="Learning weeks"
      actions={
        <Anchor component={Link} to="/training/assignments">
          Training assignments
        </Anchor>
      }
    >
      <Text size="sm">A learning week puts a technician at another station for a few days with a supervisor, to cross-train, cover PTO and prepare for the next level.</Text>
      <Card withBorder padding="md" component="section" aria-label="Schedule a learning week">
        {programs.data && sites.data ? <LearningWeekForm programs={programs.data.items} sites={sites.items} initialSiteId={siteId || undefined} onScheduled={weeks.reload} /> : <Loading />}
      </Card>
      <NativeSelect
        label="Show weeks for"
        value={siteId}
        onChange={(event) => setSiteId(event.currentTarget.value)}
        data={[{ value: "", label: sites.isAdmin ? "All sites" : "All my sites" }, ...sites.items.map((s) => ({ value: s.id, label: siteLabel(s) }))]}
        maw={360}
      />
      <Text role="status" aria-live="polite" fw={600}>
        {weeks.data ? formatCount(weeks.data.items.length, "learning week") : ""}
      </Text>
      <ErrorAlert error={weeks.error} onRetry={weeks.reload} />
      {weeks.data && weeks.data.items.length > 0 ? (
        <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Learning weeks">
          {weeks.data.items.map((item) => (
            <WeekCard key={item.id} item={item} onComplete={setCompleting} />
          ))}
        </Stack>
      ) : null}
      <CompletionDialog subject={completing} onClose={() => setCompleting(null)} onRecorded={weeks.reload} />
    </Page>
  );
}
