import { Alert, Anchor, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery, type ApiError } from "../../api.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { peoplePath, type PeopleList } from "../people/people.api.ts";
import { siteLabel, useSites, type Site } from "../sites/sites.api.ts";
import {
  availabilityPath,
  rotationsApi,
  siteSetupPath,
  WEEKDAYS,
  type Availability,
  type DemandCell,
  type SetupShift,
  type SetupStation,
  type ShiftChanges,
  type SiteSetup,
  type StationChanges,
} from "./rotations.api.ts";

/** Messages for a field and everything under it ("competencies.0" also takes "competencies.0.competency"). */
function fieldMessages(error: ApiError | undefined, prefix: string): string | undefined {
  const messages = error?.fields.filter((f) => f.field === prefix || f.field.startsWith(`${prefix}.`)).map((f) => f.message) ?? [];
  return messages.length ? messages.join("; ") : undefined;
}

/** Errors without a field of their own on the form: shown once above the buttons. */
const formLevel = (error: ApiError | undefined, fields: string[]) => (error && !error.fields.some((f) => fields.some((p) => f.field === p || f.field.startsWith(`${p}.`))) ? error : undefined);

const PROFICIENCIES = [
  { value: "1", label: "1 · Aware" },
  { value: "2", label: "2 · Supervised" },
  { value: "3", label: "3 · Independent" },
  { value: "4", label: "4 · Teaches others" },
];

function StationForm({ station, onSaved, onCancel }: { station: SetupStation; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<StationChanges>({ name: station.name, active: station.active, unpopular: station.unpopular, competencies: station.competencies, certifications: station.certifications });
  const [certText, setCertText] = useState(() => station.certifications.map((c) => c.anyOf.join(", ")));
  const save = useApiAction(rotationsApi.updateStation);
  const set = (changes: Partial<StationChanges>) => setDraft((d) => ({ ...d, ...changes }));
  const titleId = `station-form-${station.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const certifications = certText.map((text) => ({ anyOf: text.split(",").map((c) => c.trim()).filter(Boolean) }));
          if ((await save.run(station.id, { ...draft, certifications })).ok) onSaved();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id={titleId}>
            Edit {station.name}
          </Title>
          <TextInput label="Name" required value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldMessages(save.error, "name")} />
          <Checkbox label="Active: new plans staff this station" checked={draft.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
          <Checkbox label="Unpopular: spread it evenly among people" checked={draft.unpopular} onChange={(e) => set({ unpopular: e.currentTarget.checked })} />
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} size="sm">
              Competencies required
            </Text>
            <Stack gap="xs">
              {draft.competencies.map((c, i) => (
                <Group key={i} align="flex-end" gap="xs" wrap="wrap">
                  <TextInput
                    label={`Competency ${i + 1} code`}
                    value={c.competency}
                    onChange={(e) => set({ competencies: draft.competencies.map((x, k) => (k === i ? { ...x, competency: e.currentTarget.value } : x)) })}
                    error={fieldMessages(save.error, `competencies.${i}`)}
                    style={{ flex: "1 1 12rem" }}
                  />
                  <NativeSelect
                    label={`Competency ${i + 1} least proficiency`}
                    data={PROFICIENCIES}
                    value={String(c.minProficiency)}
                    onChange={(e) => set({ competencies: draft.competencies.map((x, k) => (k === i ? { ...x, minProficiency: Number(e.currentTarget.value) as 1 | 2 | 3 | 4 } : x)) })}
                  />
                  <Button variant="default" onClick={() => set({ competencies: draft.competencies.filter((_, k) => k !== i) })} aria-label={`Remove competency ${i + 1}`}>
                    Remove
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => set({ competencies: [...draft.competencies, { competency: "", minProficiency: 3 }] })}>
                  Add competency
                </Button>
              </Group>
            </Stack>
          </fieldset>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} size="sm">
              Certifications required
            </Text>
            <Stack gap="xs">
              {certText.map((text, i) => (
                <Group key={i} align="flex-end" gap="xs" wrap="wrap">
                  <TextInput
                    label={`Certification ${i + 1}: any of these codes`}
                    description="Separate codes with commas, e.g. ptcb-cpht, nha-excpt"
                    value={text}
                    onChange={(e) => setCertText(certText.map((x, k) => (k === i ? e.currentTarget.value : x)))}
                    error={fieldMessages(save.error, `certifications.${i}`)}
                    style={{ flex: "1 1 16rem" }}
                  />
                  <Button variant="default" onClick={() => setCertText(certText.filter((_, k) => k !== i))} aria-label={`Remove certification ${i + 1}`}>
                    Remove
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => setCertText([...certText, ""])}>
                  Add certification
                </Button>
              </Group>
            </Stack>
          </fieldset>
          <ErrorAlert error={formLevel(save.error, ["name", "competencies", "certifications"])} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save station
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Stations({ setup, onChanged }: { setup: SiteSetup; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const station = setup.stations.find((s) => s.id === editing);
  return (
    <section aria-labelledby="stations-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="stations-title">
          Stations
        </Title>
        <ScrollTable caption="Stations at this site with what each requires" label="Stations" minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Station</Table.Th>
              <Table.Th>Requires</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {setup.stations.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>
                  {[...s.competencies.map((c) => `${c.competency} (${c.minProficiency})`), ...s.certifications.map((c) => c.anyOf.join(" or "))].join(", ") || "Nothing"}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <ToneBadge tone={s.active ? "good" : "neutral"}>{s.active ? "Active" : "Inactive"}</ToneBadge>
                    {s.unpopular ? (
                      <ToneBadge tone="warn">Unpopular</ToneBadge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(editing === s.id ? null : s.id)} aria-expanded={editing === s.id} aria-label={`Edit ${s.name}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {station ? (
          <StationForm
            key={station.id}
            station={station}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              onChanged();
            }}
          />
        ) : null}
      </Stack>
    </section>
  );
}

/** The form that edits one shift template, as StationForm edits a station: its times apply to plans made from now on. */
function ShiftForm({ shift, onSaved, onCancel }: { shift: SetupShift; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<ShiftChanges>({ name: shift.name, start: shift.start, end: shift.end, peak: shift.peak, active: shift.active });
  const save = useApiAction(rotationsApi.updateShift);
  const titleId = `edit-shift-${shift.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if ((await save.run(shift.id, draft)).ok) onSaved();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id={titleId}>
            Edit {shift.name}
          </Title>
          <Text size="sm">New times apply to plans made from now on; plans already made keep theirs.</Text>
          <TextInput label="Name" required maw={420} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={fieldMessages(save.error, "name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="time" label="Starts" required value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.currentTarget.value })} error={fieldMessages(save.error, "start")} />
            <TextInput type="time" label="Ends" description="At or before the start: the next day" required value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.currentTarget.value })} error={fieldMessages(save.error, "end")} />
          </SimpleGrid>
          <Checkbox label="Peak hours: a short busy-hours shift" checked={draft.peak} onChange={(e) => setDraft({ ...draft, peak: e.currentTarget.checked })} />
          <Checkbox label="Active: new plans staff this shift" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
          <ErrorAlert error={formLevel(save.error, ["name", "start", "end"])} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save shift
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Shifts({ setup, onChanged }: { setup: SiteSetup; onChanged: () => void }) {
  const empty = { code: "", name: "", start: "", end: "", peak: false };
  const [draft, setDraft] = useState(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const create = useApiAction(rotationsApi.createShift);
  const shift = setup.shifts.find((s) => s.id === editing);
  return (
    <section aria-labelledby="shifts-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="shifts-title">
          Shift templates
        </Title>
        <ScrollTable caption="Shifts at this site, in its local time" label="Shifts" minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shift</Table.Th>
              <Table.Th>Hours</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {setup.shifts.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>
                  {s.start} to {s.end}
                </Table.Td>
                <Table.Td>{s.peak ? "Peak hours" : "Full shift"}</Table.Td>
                <Table.Td>
                  <ToneBadge tone={s.active ? "good" : "neutral"}>{s.active ? "Active" : "Inactive"}</ToneBadge>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(editing === s.id ? null : s.id)} aria-expanded={editing === s.id} aria-label={`Edit ${s.name}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {shift ? (
          <ShiftForm
            key={shift.id}
            shift={shift}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              onChanged();
            }}
          />
        ) : null}
        <Card withBorder padding="md">
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              if ((await create.run(setup.site.id, draft)).ok) {
                setDraft(empty);
                onChanged();
              }
            }}
            aria-labelledby="new-shift-title"
          >
            <Stack gap="sm">
              <Title order={3} size="h4" id="new-shift-title">
                Add a shift
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Code" description="Lower-case letters, digits and hyphens, e.g. night" required value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.currentTarget.value })} error={fieldMessages(create.error, "code")} />
                <TextInput label="Name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={fieldMessages(create.error, "name")} />
                <TextInput type="time" label="Starts" required value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.currentTarget.value })} error={fieldMessages(create.error, "start")} />
                <TextInput type="time" label="Ends" description="At or before the start: the next day" required value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.currentTarget.value })} error={fieldMessages(create.error, "end")} />
              </SimpleGrid>
              <Checkbox label="Peak hours: a short busy-hours shift" checked={draft.peak} onChange={(e) => setDraft({ ...draft, peak: e.currentTarget.checked })} />
              <ErrorAlert error={formLevel(create.error, ["code", "name", "start", "end"])} />
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Add shift
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Stack>
    </section>
  );
}

const cellKey = (stationId: string, shiftId: string, weekday: number) => `${stationId}|${shiftId}|${weekday}`;

function Demand({ setup, onChanged }: { setup: SiteSetup; onChanged: () => void }) {
  const shifts = setup.shifts.filter((s) => s.active);
  const stations = setup.stations.filter((s) => s.active);
  const [shiftId, setShiftId] = useState(shifts[0]?.id ?? "");
  const [cells, setCells] = useState(() => new Map(setup.demand.map((d) => [cellKey(d.stationId, d.shiftId, d.weekday), d.people])));
  const [saved, setSaved] = useState(false);
  const save = useApiAction(rotationsApi.replaceDemand);
  const shift = shifts.find((s) => s.id === shiftId);
  const rows: DemandCell[] = [...cells].filter(([, people]) => people > 0).map(([key, people]) => {
    const [stationId, shiftOf, weekday] = key.split("|");
    return { stationId, shiftId: shiftOf, weekday: Number(weekday), people };
  });
  const rowError = (stationId: string, weekday: number) => {
    const i = rows.findIndex((r) => r.stationId === stationId && r.shiftId === shiftId && r.weekday === weekday);
    return i >= 0 ? fieldMessages(save.error, `rows.${i}`) : undefined;
  };
  return (
    <section aria-labelledby="demand-title">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setSaved(false);
          if ((await save.run(setup.site.id, rows)).ok) {
            setSaved(true);
            onChanged();
          }
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="demand-title">
            Demand
          </Title>
          <Text size="sm">People needed at each station, per weekday, for one shift at a time. Saving keeps every shift's numbers.</Text>
          <NativeSelect label="Shift" data={shifts.map((s) => ({ value: s.id, label: `${s.name} (${s.start} to ${s.end})` }))} value={shiftId} onChange={(e) => setShiftId(e.currentTarget.value)} maw={420} />
          {shift ? (
            <ScrollTable caption={`People needed per station on the ${shift.name}`} label={`Demand, ${shift.name}`} minWidth={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Station</Table.Th>
                  {WEEKDAYS.map((d) => (
                    <Table.Th key={d}>{d}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stations.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row">{s.name}</Table.Th>
                    {WEEKDAYS.map((d, i) => (
                      <Table.Td key={d}>
                        <NumberInput
                          aria-label={`${s.name}, ${d}, ${shift.name}`}
                          min={0}
                          max={50}
                          allowDecimal={false}
                          allowNegative={false}
                          hideControls
                          w={56}
                          value={cells.get(cellKey(s.id, shift.id, i + 1)) ?? 0}
                          onChange={(value) => {
                            setSaved(false);
                            setCells((c) => new Map(c).set(cellKey(s.id, shift.id, i + 1), Math.max(0, Math.trunc(Number(value) || 0))));
                          }}
                          error={rowError(s.id, i + 1)}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          ) : (
            <Text size="sm">Add a shift first.</Text>
          )}
          <ErrorAlert error={formLevel(save.error, ["rows"])} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!shift}>
              Save demand
            </Button>
            {saved ? (
              <Text size="sm" role="status">
                Demand saved.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </section>
  );
}

function AvailabilityForm({ personId, name, setup, sites }: { personId: string; name: string; setup: SiteSetup; sites: Site[] }) {
  const current = useApiQuery<Availability>(availabilityPath(personId));
  const [draft, setDraft] = useState<Availability | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useApiAction(rotationsApi.setAvailability);
  useEffect(() => setDraft(current.data ?? null), [current.data]);
  if (!draft) return current.error ? <ErrorAlert error={current.error} onRetry={current.reload} /> : <Loading />;
  const set = (changes: Partial<Availability>) => {
    setSaved(false);
    setDraft({ ...draft, ...changes });
  };
  const shifts = setup.shifts.filter((s) => s.active);
  const stationCodes = setup.stations.filter((s) => s.active).map((s) => ({ value: s.code, label: s.name }));
  const works = new Set(draft.shifts ?? []);
  const toggle = (pair: string, on: boolean) => set({ shifts: [...(draft.shifts ?? [])].filter((p) => p !== pair).concat(on ? [pair] : []) });
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        const { weeklyHours, minRestHours, shifts: worked, preferredStations, avoidedStations, floatSiteIds } = draft;
        const result = await save.run(personId, { weeklyHours, minRestHours, shifts: worked, preferredStations, avoidedStations, floatSiteIds });
        if (result.ok) {
          setDraft(result.value);
          setSaved(true);
        }
      }}
      aria-label={`${name}'s availability`}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label="Weekly hour limit" min={0} max={80} allowDecimal={false} required value={draft.weeklyHours} onChange={(v) => set({ weeklyHours: Number(v) || 0 })} error={fieldMessages(save.error, "weeklyHours")} />
          <NumberInput label="Rest between shifts (hours)" min={0} max={24} allowDecimal={false} required value={draft.minRestHours} onChange={(v) => set({ minRestHours: Number(v) || 0 })} error={fieldMessages(save.error, "minRestHours")} />
        </SimpleGrid>
        <Checkbox label="Works any shift" checked={draft.shifts === null} onChange={(e) => set({ shifts: e.currentTarget.checked ? null : [] })} />
        {draft.shifts !== null ? (
          <ScrollTable caption="Shifts this person works" label="Shifts worked" minWidth={420}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Shift</Table.Th>
                {WEEKDAYS.map((d) => (
                  <Table.Th key={d}>{d}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shifts.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row">{s.name}</Table.Th>
                  {WEEKDAYS.map((d, i) => (
                    <Table.Td key={d}>
                      <Checkbox aria-label={`Works ${s.name} on ${d}`} checked={works.has(`${i + 1}/${s.code}`)} onChange={(e) => toggle(`${i + 1}/${s.code}`, e.currentTarget.checked)} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ) : null}
        {fieldMessages(save.error, "shifts") ? (
          <Text c="red.8" size="sm">
            {fieldMessages(save.error, "shifts")}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Checkbox.Group label="Prefers" value={draft.preferredStations} onChange={(v) => set({ preferredStations: v })} error={fieldMessages(save.error, "preferredStations")}>
            <Stack gap={4} mt={4}>
              {stationCodes.map((s) => (
                <Checkbox key={s.value} value={s.value} label={s.label} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group label="Would rather avoid" value={draft.avoidedStations} onChange={(v) => set({ avoidedStations: v })} error={fieldMessages(save.error, "avoidedStations")}>
            <Stack gap={4} mt={4}>
              {stationCodes.map((s) => (
                <Checkbox key={s.value} value={s.value} label={s.label} />
              ))}
            </Stack>
          </Checkbox.Group>
        </SimpleGrid>
        <Checkbox.Group label="Also works at (floater)" value={draft.floatSiteIds} onChange={(v) => set({ floatSiteIds: v })} error={fieldMessages(save.error, "floatSiteIds")}>
          <Stack gap={4} mt={4}>
            {sites.filter((s) => s.id !== draft.homeSiteId).map((s) => (
              <Checkbox key={s.id} value={s.id} label={siteLabel(s)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <ErrorAlert error={formLevel(save.error, ["weeklyHours", "minRestHours", "shifts", "preferredStations", "avoidedStations", "floatSiteIds"])} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save availability
          </Button>
          {saved ? (
            <Text size="sm" role="status">
              Availability saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

function PersonAvailability({ setup, sites }: { setup: SiteSetup; sites: Site[] }) {
  const people = useApiQuery<PeopleList>(peoplePath({ siteId: setup.site.id, status: "active", pageSize: 200 }));
  const [personId, setPersonId] = useState<string | null>(null);
  const person = people.data?.items.find((p) => p.id === personId);
  return (
    <section aria-labelledby="availability-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="availability-title">
          Availability
        </Title>
        <ErrorAlert error={people.error} onRetry={people.reload} />
        <NativeSelect
          label="Person"
          data={[{ value: "", label: "Choose someone" }, ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName}` }))]}
          value={personId ?? ""}
          onChange={(e) => setPersonId(e.currentTarget.value || null)}
          maw={420}
        />
        {person ? <AvailabilityForm key={person.id} personId={person.id} name={`${person.firstName} ${person.lastName}`} setup={setup} sites={sites} /> : null}
      </Stack>
    </section>
  );
}

/** A manager's rotation setup for a site: stations and what they require, shift templates, demand, and people's availability. */
export function SiteSetupPage() {
  const session = useSession();
  const sites = useSites();
  const mine = sites.data?.items.filter((s) => session.person.role === "admin" || session.managedSiteIds.includes(s.id)) ?? [];
  const [siteId, setSiteId] = useState<string | null>(null);
  const current = siteId ?? mine[0]?.id ?? null;
  const setup = useApiQuery<SiteSetup>(current ? siteSetupPath(current) : null);
  return (
    <Page title="Rotation setup">
      <Anchor component={Link} to="/rotations">
        Back to rotations
      </Anchor>
      <ErrorAlert error={sites.error ?? setup.error} onRetry={sites.error ? sites.reload : setup.reload} />
      {sites.data && mine.length === 0 ? <Alert color="gray">You do not manage a site.</Alert> : null}
      {mine.length > 1 ? <Select label="Site" data={mine.map((s) => ({ value: s.id, label: siteLabel(s) }))} value={current} onChange={setSiteId} allowDeselect={false} maw={420} /> : null}
      {!setup.data && !setup.error && current ? <Loading /> : null}
      {setup.data && sites.data ? (
        <Stack gap="xl" key={setup.data.site.id}>
          <Stations setup={setup.data} onChanged={setup.reload} />
          <Shifts setup={setup.data} onChanged={setup.reload} />
          <Demand setup={setup.data} onChanged={setup.reload} key={`demand-${setup.data.shifts.length}-${setup.data.stations.filter((s) => s.active).length}`} />
          <PersonAvailability setup={setup.data} sites={sites.data.items} />
        </Stack>
      ) : null}
    </Page>
  );
}
