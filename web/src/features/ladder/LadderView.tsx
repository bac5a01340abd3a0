import { Accordion, Alert, Anchor, Button, Card, Group, List, Stack, Text, Title, type TitleOrder } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { formatDate, formatDuration, formatWhen } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { NominationForm } from "../promotions/NominationForm.tsx";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { CertificationList } from "./CertificationList.tsx";
import { proficiencyLabel, useCertificationCatalog, useFramework, type Eligibility, type PersonCompetency, type PersonLadder } from "./ladder.api.ts";
import { COMPETENCY_STATUS, groupBy, slug } from "./labels.ts";
import { RecordCertificationForm } from "./RecordCertificationForm.tsx";
import { RequirementChecklist } from "./RequirementChecklist.tsx";
import { Section } from "./Section.tsx";
import { StandingSummary, targetSectionId } from "./StandingSummary.tsx";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

type Order = 2 | 3;
const below = (order: Order): TitleOrder => (order + 1) as TitleOrder;

function NextLevel({ eligibility, order, isSelf }: { eligibility: Eligibility; order: Order; isSelf: boolean }) {
  return (
    <Section
      title={`Toward ${eligibility.levelName}`}
      order={order}
      id={targetSectionId(eligibility)}
      aside={<ToneBadge tone={eligibility.eligible ? "good" : "neutral"}>{eligibility.eligible ? "Eligible" : `${eligibility.percent}% complete`}</ToneBadge>}
    >
      <Text size="sm" c="gray.7">
        {eligibility.trackName}
      </Text>
      <Title order={below(order)} fz="h5">
        Requirements
      </Title>
      <RequirementChecklist requirements={eligibility.requirements} label={`Requirements for ${eligibility.levelName}`} />
      {eligibility.nextSteps.length > 0 ? (
        <>
          <Title order={below(order)} fz="h5" mt="xs">
            Next steps
          </Title>
          <List type="ordered" spacing={4} withPadding>
            {eligibility.nextSteps.map((step, index) => (
              <List.Item key={index}>{step}</List.Item>
            ))}
          </List>
        </>
      ) : eligibility.eligible ? (
        <Text size="sm">{isSelf ? "Ask your manager about a promotion." : "Every requirement is met."}</Text>
      ) : null}
    </Section>
  );
}

function CompetencyItem({ competency, personId, canAssess }: { competency: PersonCompetency; personId: string; canAssess: boolean }) {
  const status = COMPETENCY_STATUS[competency.status] ?? COMPETENCY_STATUS["not-started"];
  const details = [
    competency.proficiency ? `Proficiency ${proficiencyLabel(competency.proficiency)}` : null,
    competency.validUntil ? `valid until ${formatDate(competency.validUntil)}` : competency.status === "valid" ? "does not expire" : null,
    competency.stepsTotal > 0 ? `${competency.stepsSigned} of ${competency.stepsTotal} steps signed` : null,
  ].filter(Boolean);
  return (
    <li className={classes.stepRow}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Text fw={600} className={`${classes.grow} ${classes.wrapText}`}>
          {competency.name}
        </Text>
        <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
      </Group>
      {details.length > 0 ? <Text size="sm">{details.join(" · ")}</Text> : null}
      {competency.signedAt && competency.assessorName ? (
        <Text size="sm" c="gray.7">
          Signed off by {competency.assessorName}, {formatWhen(competency.signedAt)}
        </Text>
      ) : null}
      {competency.evidenceFile ? <EvidenceLink file={competency.evidenceFile} /> : null}
      {canAssess ? (
        <Anchor
          component={Link}
          size="sm"
          to={`/sign-off?person=${encodeURIComponent(personId)}&competency=${encodeURIComponent(competency.code)}`}
          aria-label={`Sign off ${competency.name}`}
        >
          Sign off
        </Anchor>
      ) : null}
    </li>
  );
}

function areaSummary(items: PersonCompetency[]): string {
  const count = (status: PersonCompetency["status"]) => items.filter((c) => c.status === status).length;
  const parts = [`${count("valid") + count("expiring")} of ${items.length} signed off`];
  if (count("expiring") > 0) parts.push(`${count("expiring")} expiring`);
  if (count("expired") > 0) parts.push(`${count("expired")} expired`);
  if (count("in-progress") > 0) parts.push(`${count("in-progress")} in progress`);
  return parts.join(" · ");
}

/** Competencies by area, each area folded to one line with its counts; areas needing attention start open. */
function Competencies({ ladder, order }: { ladder: PersonLadder; order: Order }) {
  const groups = groupBy(ladder.competencies, (competency) => competency.area);
  const [open, setOpen] = useState<string[]>(() =>
    groups.filter(([, items]) => items.some((c) => c.status === "expiring" || c.status === "expired")).map(([area]) => slug(area)),
  );
  if (ladder.competencies.length === 0) return <Text size="sm">No competencies are tracked yet.</Text>;
  return (
    <Accordion multiple value={open} onChange={setOpen} variant="contained" order={below(order) as 3 | 4}>
      {groups.map(([area, items]) => (
        <Accordion.Item value={slug(area)} key={area}>
          <Accordion.Control>
            <Text fw={600} component="span" display="block">
              {area}
            </Text>
            <Text size="sm" c="gray.7" component="span" display="block">
              {areaSummary(items)}
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack component="ul" gap="xs" className={classes.plainList} aria-label={area}>
              {items.map((competency) => (
                <CompetencyItem key={competency.code} competency={competency} personId={ladder.person.id} canAssess={ladder.permissions.canAssess} />
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function LevelHistory({ ladder }: { ladder: PersonLadder }) {
  if (ladder.history.length === 0) return <Text size="sm">No levels recorded yet.</Text>;
  const entries = [...ladder.history].sort((a, b) => (a.startedOn < b.startedOn ? 1 : a.startedOn > b.startedOn ? -1 : 0));
  return (
    <Stack component="ol" gap="xs" className={classes.plainList} aria-label="Levels held, newest first">
      {entries.map((entry) => (
        <li key={`${entry.track}-${entry.level}-${entry.startedOn}`} className={classes.stepRow}>
          <Group justify="space-between" gap="xs" align="flex-start">
            <Text fw={600}>{entry.levelName}</Text>
            <Text size="sm">{formatDuration(entry.days)}</Text>
          </Group>
          <Text size="sm" c="gray.7">
            {entry.trackName} · {formatDate(entry.startedOn)} – {entry.current || !entry.endedOn ? "now" : formatDate(entry.endedOn)}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

function CertificationsSection({ ladder, order, isSelf, onChanged }: { ladder: PersonLadder; order: Order; isSelf: boolean; onChanged: () => void }) {
  const { permissions } = ladder;
  const [isFormOpen, setFormOpen] = useState(false);
  const catalog = useCertificationCatalog(permissions.canRecordCertification && isFormOpen);
  return (
    <Section title="Certifications" order={order}>
      <CertificationList
        holdings={ladder.certifications}
        canVerify={permissions.canVerifyCertification}
        personId={ladder.person.id}
        canAttachEvidence={permissions.canRecordCertification && permissions.canRecordEvidence}
        onChanged={onChanged}
        emptyText={isSelf ? "You have no certifications recorded yet." : "No certifications recorded yet."}
      />
      {permissions.canRecordCertification ? (
        isFormOpen ? (
          <Card withBorder padding="sm" bg="gray.0">
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={below(order)} fz="h5">
                  Record certification
                </Title>
                <Button variant="subtle" size="xs" onClick={() => setFormOpen(false)}>
                  Close
                </Button>
              </Group>
              <ErrorAlert error={catalog.error} title="The certification catalog could not be loaded" onRetry={catalog.reload} />
              <RecordCertificationForm
                personId={ladder.person.id}
                catalog={catalog.data?.items ?? []}
                canVerify={permissions.canVerifyCertification}
                onRecorded={onChanged}
              />
            </Stack>
          </Card>
        ) : (
          <Group>
            <Button variant="default" onClick={() => setFormOpen(true)}>
              Record certification
            </Button>
          </Group>
        )
      ) : null}
    </Section>
  );
}

function NominateSection({ ladder, order, onChanged }: { ladder: PersonLadder; order: Order; onChanged: () => void }) {
  const framework = useFramework();
  const [done, setDone] = useState<string>();
  const name = ladder.person.firstName;
  return (
    <Section title="Nominate for promotion" order={order}>
      {done ? (
        <Alert color="ladderTeal" role="status">
          {done}
        </Alert>
      ) : ladder.upcomingLevels.length > 0 ? (
        <Text size="sm">
          {name} is promoted to {ladder.upcomingLevels[0].levelName} effective {formatDate(ladder.upcomingLevels[0].startedOn)}. Nominate again once that has taken effect.
        </Text>
      ) : (
        <NominationForm
          personId={ladder.person.id}
          personName={name}
          next={ladder.next}
          currentLevels={ladder.currentLevels}
          framework={framework.data?.definition}
          onNominated={(promotion) => {
            setDone(
              `${name} is nominated for ${promotion.toLevelName}, effective ${formatDate(promotion.effectiveDate)}. A manager or administrator other than the nominator decides on the Promotions page.`,
            );
            onChanged();
          }}
        />
      )}
    </Section>
  );
}

interface LadderViewProps {
  ladder: PersonLadder;
  /** Whether the signed-in person is looking at their own ladder. */
  isSelf: boolean;
  /** Heading level of the view's sections. */
  order?: Order;
  onChanged: () => void;
}

/** A person's standing on the ladder, most important first, with the actions the viewer may take. */
export function LadderView({ ladder, isSelf, order = 2, onChanged }: LadderViewProps) {
  return (
    <Stack gap="md">
      <StandingSummary ladder={ladder} isSelf={isSelf} />
      {ladder.next.map((eligibility) => (
        <NextLevel key={`${eligibility.track}-${eligibility.level}`} eligibility={eligibility} order={order} isSelf={isSelf} />
      ))}
      {ladder.permissions.canNominate && !isSelf ? <NominateSection ladder={ladder} order={order} onChanged={onChanged} /> : null}
      <CertificationsSection ladder={ladder} order={order} isSelf={isSelf} onChanged={onChanged} />
      <Section title="Competencies" order={order}>
        <Competencies ladder={ladder} order={order} />
      </Section>
      <Section title="Level history" order={order}>
        <LevelHistory ladder={ladder} />
      </Section>
    </Stack>
  );
}
