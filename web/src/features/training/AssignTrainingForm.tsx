import { Alert, Button, Checkbox, Group, NativeSelect, ScrollArea, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate, todayIsoDate } from "../../format.ts";
import { roleLabel } from "../../roles.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { useFramework } from "../ladder/ladder.api.ts";
import { groupBy } from "../ladder/labels.ts";
import { peoplePath, type PeopleList } from "../people/people.api.ts";
import { siteLabel, type Site } from "../sites/sites.api.ts";
import { CATEGORY_LABELS } from "./labels.ts";
import { trainingApi, type AssignTarget, type Program } from "./training.api.ts";

type TargetKind = AssignTarget["kind"];

const TARGETS: { value: TargetKind; label: string }[] = [
  { value: "people", label: "Chosen people at a site" },
  { value: "site", label: "Everyone at a site" },
  { value: "level", label: "Everyone holding a level" },
  { value: "track", label: "Everyone on a track" },
];

const ORGANIZATION = "__organization__";

export function programOptions(programs: readonly Program[]) {
  return groupBy(programs.filter((p) => p.active), (p) => p.category).map(([category, items]) => ({
    group: CATEGORY_LABELS[category as Program["category"]] ?? category,
    items: items.map((p) => ({ value: p.id, label: p.name })),
  }));
}

interface AssignTrainingFormProps {
  programs: Program[];
  /** The sites the viewer may assign to. */
  sites: Site[];
  /** Admins may assign a level or track across the whole organization. */
  canAssignOrganization: boolean;
  initialSiteId?: string;
  onAssigned: () => void;
}

/** Bulk assignment: one program to chosen people, a site, a level or a track, with a due date. */
export function AssignTrainingForm({ programs, sites, canAssignOrganization, initialSiteId, onAssigned }: AssignTrainingFormProps) {
  const [programId, setProgramId] = useState("");
  const [kind, setKind] = useState<TargetKind>("site");
  const [siteId, setSiteId] = useState(initialSiteId ?? sites[0]?.id ?? "");
  const [scope, setScope] = useState(initialSiteId ?? sites[0]?.id ?? (canAssignOrganization ? ORGANIZATION : ""));
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [levelRef, setLevelRef] = useState("");
  const [track, setTrack] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();
  const assign = useApiAction(trainingApi.assign);
  const framework = useFramework(kind === "level" || kind === "track");
  const people = useApiQuery<PeopleList>(kind === "people" && siteId ? peoplePath({ siteId, status: "active", pageSize: 200 }) : null);
  const fieldError = (field: string) => missing[field] ?? assign.error?.fieldMessage(field);
  const tracks = framework.data?.definition.tracks ?? [];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(undefined);
    const problems: Record<string, string> = {};
    if (!programId) problems.programId = "Choose the training to assign";
    if (!dueOn) problems.dueOn = "Choose the due date";
    if (kind === "people" && personIds.length === 0) problems["target.personIds"] = "Choose at least one person";
    if (kind === "level" && !levelRef) problems["target.level"] = "Choose the level";
    if (kind === "track" && !track) problems["target.track"] = "Choose the track";
    setMissing(problems);
    if (Object.keys(problems).length) return;
    const where = scope === ORGANIZATION ? null : scope;
    const target: AssignTarget =
      kind === "people"
        ? { kind, personIds }
        : kind === "site"
          ? { kind, siteId }
          : kind === "level"
            ? { kind, track: levelRef.split("/")[0], level: levelRef.split("/")[1], siteId: where }
            : { kind, track, siteId: where };
    const result = await assign.run({ programId, target, dueOn, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!result.ok) return;
    const who =
      kind === "people"
        ? formatCount(personIds.length, "person", "people")
        : kind === "site"
          ? `everyone at ${sites.find((s) => s.id === siteId)?.code ?? "the site"}`
          : "everyone in that group";
    setDone(`${result.value.program.name} assigned to ${who}, due ${formatDate(dueOn)}.`);
    setPersonIds([]);
    setNote("");
    onAssigned();
  };

  const siteSelect = (label: string, value: string, onChange: (v: string) => void, withOrganization: boolean) => (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[...(withOrganization ? [{ value: ORGANIZATION, label: "Whole organization" }] : []), ...sites.map((s) => ({ value: s.id, label: siteLabel(s) }))]}
      error={fieldError("target.siteId")}
    />
  );
  const candidates = (people.data?.items ?? []).filter((p) => p.role !== "admin");

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Assign a training">
      <Stack gap="sm">
        <ErrorAlert error={assign.error} />
        {done ? (
          <Alert color="ladderTeal" role="status">
            {done}
          </Alert>
        ) : null}
        <NativeSelect
          label="Training"
          value={programId}
          onChange={(event) => setProgramId(event.currentTarget.value)}
          data={[{ value: "", label: "Choose a training", disabled: true }, ...programOptions(programs)]}
          error={fieldError("programId")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label="Assign to" value={kind} onChange={(event) => setKind(event.currentTarget.value as TargetKind)} data={TARGETS} />
          {kind === "people" || kind === "site" ? siteSelect("Site", siteId, (v) => {
                setSiteId(v);
                setPersonIds([]);
              }, false) : siteSelect("Where", scope, setScope, canAssignOrganization)}
          {kind === "level" ? (
            <NativeSelect
              label="Level"
              value={levelRef}
              onChange={(event) => setLevelRef(event.currentTarget.value)}
              data={[{ value: "", label: "Choose a level", disabled: true }, ...tracks.map((t) => ({ group: t.name, items: t.levels.map((l) => ({ value: `${t.code}/${l.code}`, label: l.name })) }))]}
              error={fieldError("target.level") ?? fieldError("target.track")}
            />
          ) : null}
          {kind === "track" ? (
            <NativeSelect
              label="Track"
              value={track}
              onChange={(event) => setTrack(event.currentTarget.value)}
              data={[{ value: "", label: "Choose a track", disabled: true }, ...tracks.map((t) => ({ value: t.code, label: t.name }))]}
              error={fieldError("target.track")}
            />
          ) : null}
          <TextInput type="date" label="Due on" value={dueOn} min={todayIsoDate()} onChange={(event) => setDueOn(event.currentTarget.value)} error={fieldError("dueOn")} />
        </SimpleGrid>
        {kind !== "people" ? (
          <Text size="sm" c="gray.7">
            The assignment covers the technicians and mentors in the group on any day: someone who joins later gets it too, with the same number of days from the day they join.
          </Text>
        ) : null}
        {kind === "people" ? (
          <Stack gap={4}>
            {people.isLoading ? <Text size="sm">Loading the site's people…</Text> : null}
            {people.data && candidates.length === 0 ? <Text size="sm">No one at this site yet.</Text> : null}
            {candidates.length > 0 ? (
              <Checkbox
                label={`Everyone listed (${candidates.length})`}
                checked={personIds.length === candidates.length}
                indeterminate={personIds.length > 0 && personIds.length < candidates.length}
                onChange={(event) => setPersonIds(event.currentTarget.checked ? candidates.map((p) => p.id) : [])}
              />
            ) : null}
            <Checkbox.Group label="People" value={personIds} onChange={setPersonIds} error={fieldError("target.personIds")}>
              <ScrollArea.Autosize mah={260} type="auto">
                <Stack gap={6} py={4}>
                  {candidates.map((p) => (
                    <Checkbox key={p.id} value={p.id} label={`${p.lastName}, ${p.firstName} · ${roleLabel(p.role)}`} />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            </Checkbox.Group>
          </Stack>
        ) : null}
        <Textarea label="Note (optional)" autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={fieldError("note")} />
        <Group>
          <Button type="submit" loading={assign.isPending}>
            Assign training
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
