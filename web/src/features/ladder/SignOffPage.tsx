import { Accordion, Anchor, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiQuery, type ApiError } from "../../api.ts";
import { fullName } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { coreRankByName, likelyMaySign, standingOf, type Standing } from "./assessor-hint.ts";
import {
  ASSESSABLE_PATH,
  personLadderPath,
  useFramework,
  type AssessablePerson,
  type CompetencyDef,
  type Framework,
  type PersonCompetency,
  type PersonLadder,
} from "./ladder.api.ts";
import { assessorsLabel, COMPETENCY_STATUS, groupBy, slug } from "./labels.ts";
import { SignOffForm } from "./SignOffForm.tsx";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

const MAX_PEOPLE_SHOWN = 50;

function normalize(text: string): string {
  return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function StepHeading({ id, headingRef, children }: { id: string; headingRef: RefObject<HTMLHeadingElement | null>; children: ReactNode }) {
  return (
    <Title order={2} fz="h3" id={id} ref={headingRef} tabIndex={-1} style={{ outline: "none" }}>
      {children}
    </Title>
  );
}

/** A finished step, shown as one line with a way back to it. */
function ChosenStep({ label, value, onChange, changeLabel }: { label: string; value: ReactNode; onChange: () => void; changeLabel: string }) {
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="center">
        <div className={classes.grow}>
          <Text size="sm" c="gray.7">
            {label}
          </Text>
          <Text fw={600} className={classes.wrapText}>
            {value}
          </Text>
        </div>
        <Button variant="default" size="xs" onClick={onChange} aria-label={changeLabel}>
          Change
        </Button>
      </Group>
    </Card>
  );
}

function PersonStep({ people, error, onRetry, onPick }: { people: AssessablePerson[] | undefined; error: ApiError | undefined; onRetry: () => void; onPick: (id: string) => void }) {
  const [search, setSearch] = useState("");
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (!people) return <Loading />;
  if (people.length === 0) {
    return <Text>There is no one you may assess right now. Sign-offs are made by pharmacists, lead technicians and senior technicians for colleagues at their site.</Text>;
  }
  const words = normalize(search).split(/\s+/).filter(Boolean);
  const matches = people.filter((person) => {
    const haystack = normalize(`${person.firstName} ${person.lastName} ${person.siteCode} ${person.levelName ?? ""}`);
    return words.every((word) => haystack.includes(word));
  });
  const shown = matches.slice(0, MAX_PEOPLE_SHOWN);
  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label="Find a person"
        description={`${people.length} ${people.length === 1 ? "person" : "people"} you may assess`}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        autoComplete="off"
      />
      <Text size="sm" role="status" aria-live="polite">
        {search ? `${matches.length} ${matches.length === 1 ? "match" : "matches"}` : ""}
      </Text>
      <Stack component="ul" gap="xs" className={classes.plainList} aria-label="People you may assess">
        {shown.map((person) => (
          <li key={person.id}>
            <button type="button" className={classes.pickButton} onClick={() => onPick(person.id)}>
              <Text fw={600} component="span" display="block">
                {person.lastName}, {person.firstName}
              </Text>
              <Text size="sm" c="gray.7" component="span" display="block">
                {person.levelName ?? "No level yet"} · {person.siteCode}
              </Text>
            </button>
          </li>
        ))}
      </Stack>
      {matches.length > shown.length ? <Text size="sm">Showing the first {shown.length}; type more of the name to narrow the list.</Text> : null}
      {matches.length === 0 ? <Text size="sm">No one you may assess matches “{search}”.</Text> : null}
    </Stack>
  );
}

interface CompetencyStepProps {
  framework: Framework;
  ladder: PersonLadder | undefined;
  viewerRole: ReturnType<typeof useSession>["person"]["role"];
  viewerStanding: Standing;
  subjectRank: number;
  onPick: (code: string) => void;
}

type CompetencyEntry = { competency: CompetencyDef; maySign: boolean; standing: PersonCompetency | undefined };

function ChoiceList({ entries, label, onPick }: { entries: CompetencyEntry[]; label: string; onPick: (code: string) => void }) {
  return (
    <Stack component="ul" gap="xs" className={classes.plainList} aria-label={label}>
      {entries.map(({ competency, maySign, standing }) => (
        <li key={competency.code}>
          <CompetencyChoice competency={competency} maySign={maySign} standing={standing} onPick={onPick} />
        </li>
      ))}
    </Stack>
  );
}

/** Competency codes the person's next levels require and that are not met yet. */
function neededForNext(framework: Framework, ladder: PersonLadder | undefined): { levelNames: string[]; codes: Set<string> } {
  const codes = new Set<string>();
  const levelNames: string[] = [];
  for (const next of ladder?.next ?? []) {
    const level = framework.definition.tracks.find((t) => t.code === next.track)?.levels.find((l) => l.code === next.level);
    if (!level) continue;
    levelNames.push(next.levelName);
    for (const requirement of level.requirements) {
      if (requirement.kind !== "competency") continue;
      const standing = ladder?.competencies.find((c) => c.code === requirement.competency);
      const met = standing && (standing.status === "valid" || standing.status === "expiring") && (standing.proficiency ?? 0) >= requirement.minProficiency;
      if (!met) codes.add(requirement.competency);
    }
  }
  return { levelNames, codes };
}

function CompetencyStep({ framework, ladder, viewerRole, viewerStanding, subjectRank, onPick }: CompetencyStepProps) {
  const [search, setSearch] = useState("");
  const [onlyMine, setOnlyMine] = useState(true);
  const needed = neededForNext(framework, ladder);
  const [open, setOpen] = useState<string[]>(["needed"]);
  const statusByCode = new Map<string, PersonCompetency>((ladder?.competencies ?? []).map((c) => [c.code, c]));
  const words = normalize(search).split(/\s+/).filter(Boolean);
  const all: CompetencyEntry[] = framework.definition.competencies.map((competency) => ({
    competency,
    maySign: likelyMaySign(viewerRole, viewerStanding, competency, subjectRank),
    standing: statusByCode.get(competency.code),
  }));
  const signableCount = all.filter((entry) => entry.maySign).length;
  const shown = all.filter(
    (entry) =>
      (!onlyMine || entry.maySign) && words.every((word) => normalize(`${entry.competency.name} ${entry.competency.area}`).includes(word)),
  );
  const groups = groupBy(shown, (entry) => entry.competency.area);
  const neededEntries = shown.filter((entry) => needed.codes.has(entry.competency.code));

  return (
    <Stack gap="sm">
      <TextInput type="search" label="Find a competency" value={search} onChange={(event) => setSearch(event.currentTarget.value)} autoComplete="off" />
      <Checkbox
        label={`Only competencies you may sign (${signableCount})`}
        checked={onlyMine}
        onChange={(event) => setOnlyMine(event.currentTarget.checked)}
      />
      <Text size="sm" role="status" aria-live="polite">
        {`${shown.length} ${shown.length === 1 ? "competency" : "competencies"} shown`}
      </Text>
      {words.length > 0 ? (
        groups.map(([area, entries]) => (
          <Stack gap="xs" key={area}>
            <Title order={3} fz="h5">
              {area}
            </Title>
            <ChoiceList entries={entries} label={area} onPick={onPick} />
          </Stack>
        ))
      ) : shown.length > 0 ? (
        <Accordion multiple value={open} onChange={setOpen} variant="contained" order={3}>
          {neededEntries.length > 0 ? (
            <Accordion.Item value="needed">
              <Accordion.Control>
                <Text fw={600} component="span" display="block">
                  Needed for {needed.levelNames.join(" and ")}
                </Text>
                <Text size="sm" c="gray.7" component="span" display="block">
                  {neededEntries.length} not met yet
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <ChoiceList entries={neededEntries} label={`Needed for ${needed.levelNames.join(" and ")}`} onPick={onPick} />
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
          {groups.map(([area, entries]) => (
            <Accordion.Item value={`area-${slug(area)}`} key={area}>
              <Accordion.Control>
                <Text fw={600} component="span" display="block">
                  {area}
                </Text>
                <Text size="sm" c="gray.7" component="span" display="block">
                  {entries.length} {entries.length === 1 ? "competency" : "competencies"}
                  {onlyMine ? "" : ` · ${entries.filter((e) => e.maySign).length} you may sign`}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <ChoiceList entries={entries} label={area} onPick={onPick} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
      {shown.length === 0 ? <Text size="sm">No competency matches. {onlyMine ? "Untick “Only competencies you may sign” to see them all." : ""}</Text> : null}
    </Stack>
  );
}

function CompetencyChoice({ competency, maySign, standing, onPick }: { competency: CompetencyDef; maySign: boolean; standing: PersonCompetency | undefined; onPick: (code: string) => void }) {
  const status = standing ? COMPETENCY_STATUS[standing.status] : undefined;
  return (
    <button type="button" className={classes.pickButton} onClick={() => onPick(competency.code)}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" component="span">
        <Text fw={600} component="span" className={classes.wrapText}>
          {competency.name}
        </Text>
        {status ? <ToneBadge tone={status.tone}>{status.label}</ToneBadge> : null}
      </Group>
      <Text size="sm" c="gray.7" component="span" display="block">
        {maySign ? "You may sign" : `Assessed by ${assessorsLabel(competency.assessors)}`}
        {standing && standing.stepsTotal > 0 ? ` · ${standing.stepsSigned} of ${standing.stepsTotal} steps signed` : ""}
      </Text>
    </button>
  );
}

/** ?person=&competency= kept in the URL, so the flow can be linked to and the back button steps back. */
function useSignOffTarget() {
  const [params, setParams] = useSearchParams();
  const personId = params.get("person") ?? "";
  const competencyCode = params.get("competency") ?? "";
  const go = (person: string, competency: string) => {
    const search = new URLSearchParams();
    if (person) search.set("person", person);
    if (competency) search.set("competency", competency);
    setParams(search);
  };
  return { personId, competencyCode, go };
}

export function SignOffPage() {
  const session = useSession();
  const { personId, competencyCode, go } = useSignOffTarget();
  const assessable = useApiQuery<{ items: AssessablePerson[] }>(ASSESSABLE_PATH);
  const framework = useFramework();
  const ownLadder = useApiQuery<PersonLadder>(personLadderPath(session.person.id));
  const subjectLadder = useApiQuery<PersonLadder>(personId ? personLadderPath(personId) : null);

  const stage = !personId ? "person" : !competencyCode ? "competency" : "sign";
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousStage = useRef(stage);
  useEffect(() => {
    if (previousStage.current === stage) return;
    previousStage.current = stage;
    headingRef.current?.focus();
  }, [stage]);

  const assessablePerson = assessable.data?.items.find((person) => person.id === personId);
  const personName = assessablePerson ? fullName(assessablePerson) : subjectLadder.data ? fullName(subjectLadder.data.person) : "the selected person";
  const definition = framework.data?.definition;
  const viewerStanding = definition && ownLadder.data ? standingOf(definition, ownLadder.data.currentLevels) : { coreRank: 0, isLead: false };
  const subjectRank = definition
    ? subjectLadder.data
      ? standingOf(definition, subjectLadder.data.currentLevels).coreRank
      : coreRankByName(definition, assessablePerson?.levelName ?? null)
    : 0;
  const competency = definition?.competencies.find((c) => c.code === competencyCode);

  return (
    <Page title="Sign off a competency">
      <Stack gap="lg" maw={760}>
      <Text c="gray.7">Choose the person, then the competency, tick what you observed and sign with your password.</Text>

      {stage === "person" ? (
        <Stack component="section" gap="sm" aria-labelledby="sign-off-person">
          <StepHeading id="sign-off-person" headingRef={headingRef}>
            1. Person
          </StepHeading>
          <PersonStep people={assessable.data?.items} error={assessable.error} onRetry={assessable.reload} onPick={(id) => go(id, "")} />
        </Stack>
      ) : (
        <ChosenStep
          label="1. Person"
          value={
            <>
              {personName}
              {assessablePerson ? (
                <Text span size="sm" c="gray.7" fw={400}>
                  {" "}
                  · {assessablePerson.levelName ?? "No level yet"} · {assessablePerson.siteCode}
                </Text>
              ) : null}
            </>
          }
          onChange={() => go("", "")}
          changeLabel="Change the person"
        />
      )}

      {stage === "competency" ? (
        <Stack component="section" gap="sm" aria-labelledby="sign-off-competency">
          <StepHeading id="sign-off-competency" headingRef={headingRef}>
            2. Competency
          </StepHeading>
          <ErrorAlert error={framework.error} onRetry={framework.reload} />
          {framework.data ? (
            <CompetencyStep
              framework={framework.data}
              ladder={subjectLadder.data}
              viewerRole={session.person.role}
              viewerStanding={viewerStanding}
              subjectRank={subjectRank}
              onPick={(code) => go(personId, code)}
            />
          ) : framework.error ? null : (
            <Loading />
          )}
        </Stack>
      ) : stage === "sign" ? (
        <ChosenStep label="2. Competency" value={competency?.name ?? competencyCode} onChange={() => go(personId, "")} changeLabel="Change the competency" />
      ) : null}

      {stage === "sign" ? (
        <Stack component="section" gap="sm" aria-labelledby="sign-off-sign">
          <StepHeading id="sign-off-sign" headingRef={headingRef}>
            3. Sign off
          </StepHeading>
          <SignOffForm
            key={`${personId}/${competencyCode}`}
            personId={personId}
            personName={personName}
            competencyCode={competencyCode}
            scale={framework.data?.proficiencyScale}
            onSignAnother={() => go(personId, "")}
            onChoosePerson={() => go("", "")}
            onSigned={() => {
              subjectLadder.reload();
            }}
          />
        </Stack>
      ) : null}

      {personId && subjectLadder.data ? (
        <Anchor component={Link} to={`/people/${encodeURIComponent(personId)}/ladder`} size="sm">
          Open {personName}'s ladder
        </Anchor>
      ) : null}
      </Stack>
    </Page>
  );
}

