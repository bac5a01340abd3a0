import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { formatCount, formatDate, fullName } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { Section } from "../ladder/Section.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { CompletionDialog, type CompletionSubject } from "./CompletionDialog.tsx";
import { ASSIGNMENT_STATUS, COMPLETION_STATE, dueText } from "./labels.ts";
import { trainingApi, type CompletionRecord, type ModuleProgress, type PersonTrainings, type TrainingItem } from "./training.api.ts";

/** A program's modules: how many are completed in words, and which, with a button per open module for whoever records them. */
function ModuleProgressList({ progress, programName, onRecord }: { progress: ModuleProgress; programName: string; onRecord?: (module: { id: string; title: string }) => void }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {progress.completed} of {formatCount(progress.total, "module")} completed
      </Text>
      <Stack component="ul" gap={2} className={classes.plainList} aria-label={`Modules of ${programName}`}>
        {progress.modules.map((m) => (
          <li key={m.id}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" className={classes.wrapText}>
                {m.title}: {m.completedOn ? `completed ${formatDate(m.completedOn)}` : "not yet"}
              </Text>
              {!m.completedOn && onRecord ? (
                <Button size="compact-xs" variant="default" onClick={() => onRecord(m)} aria-label={`Record ${m.title} completed`}>
                  Record
                </Button>
              ) : null}
            </Group>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function ItemCard({
  item,
  isSelf,
  onStart,
  onComplete,
  onRecordModule,
  isStarting,
}: {
  item: TrainingItem;
  isSelf: boolean;
  onStart: () => void;
  onComplete: () => void;
  onRecordModule: (module: { id: string; title: string }) => void;
  isStarting: boolean;
}) {
  const status = ASSIGNMENT_STATUS[item.status];
  const isWeek = item.kind === "learning-week";
  return (
    <Card component="li" withBorder padding="sm" data-status={item.status} aria-label={`${item.programName}: ${status.label}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={600} className={classes.wrapText}>
            {item.programName}
          </Text>
          <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
        </Group>
        {isWeek ? (
          <>
            <Text size="sm">
              Station: <strong>{item.station}</strong> · Supervisor: {item.supervisorName}
            </Text>
            <Text size="sm">
              {formatDate(item.startsOn)} to {formatDate(item.endsOn)}
            </Text>
          </>
        ) : null}
        {item.status === "completed" && item.completion ? (
          <Text size="sm">
            Completed {formatDate(item.completion.completedOn)}
            {item.late ? " (after the due date)" : ""}
            {item.completion.expiresOn ? `, valid until ${formatDate(item.completion.expiresOn)}` : ""}
          </Text>
        ) : !isWeek ? (
          <Text size="sm" fw={item.status === "overdue" ? 600 : undefined} c={item.status === "overdue" ? "red.9" : undefined}>
            {dueText(item.dueOn, item.daysLeft, formatDate)}
          </Text>
        ) : null}
        {item.startedOn && item.status !== "completed" && !isWeek ? <Text size="sm">Started {formatDate(item.startedOn)}</Text> : null}
        {item.progress && item.progress.total > 1 && item.status !== "completed" ? (
          <ModuleProgressList progress={item.progress} programName={item.programName} onRecord={item.canComplete && !isSelf ? onRecordModule : undefined} />
        ) : null}
        {!isWeek ? (
          <Text size="sm" c="gray.7">
            Assigned to {isSelf && item.targetLabel === "You" ? "you" : item.targetLabel.replace(/^Everyone /, "everyone ")} on {formatDate(item.assignedOn)}
          </Text>
        ) : null}
        {item.note ? (
          <Text size="sm" className={classes.wrapText}>
            Note: {item.note}
          </Text>
        ) : null}
        {item.canStart || (item.canComplete && !isSelf) ? (
          <Group gap="xs">
            {item.canStart ? (
              <Button size="xs" variant="default" onClick={onStart} loading={isStarting} aria-label={`Mark ${item.programName} started`}>
                Mark started
              </Button>
            ) : null}
            {item.canComplete && !isSelf ? (
              <Button size="xs" onClick={onComplete} aria-label={`Record completion of ${item.programName}`}>
                Record completion
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function CompletionCard({ completion }: { completion: CompletionRecord }) {
  const state = COMPLETION_STATE[completion.state];
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={600} className={classes.wrapText} td={completion.state === "revoked" ? "line-through" : undefined}>
            {completion.programName}
          </Text>
          <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
        </Group>
        <Text size="sm">
          Completed {formatDate(completion.completedOn)}
          {completion.expiresOn ? ` · ${completion.state === "expired" ? "expired" : "valid until"} ${formatDate(completion.expiresOn)}` : " · does not expire"}
        </Text>
        <Text size="sm" c="gray.7">
          Recorded by {completion.recordedBy}
        </Text>
        {completion.note ? (
          <Text size="sm" className={classes.wrapText}>
            Note: {completion.note}
          </Text>
        ) : null}
        {completion.evidenceFile ? <EvidenceLink file={completion.evidenceFile} /> : null}
        {completion.revocationReason ? <Text size="sm">Revoked: {completion.revocationReason}</Text> : null}
      </Stack>
    </Card>
  );
}

/** A person's trainings: overdue, to do, learning weeks and completed, each in words and colour. */
export function TrainingsView({ data, isSelf, onChanged }: { data: PersonTrainings; isSelf: boolean; onChanged: () => void }) {
  const [completing, setCompleting] = useState<CompletionSubject | null>(null);
  const [starting, setStarting] = useState<string>();
  const start = useApiAction(trainingApi.start);
  const open = data.items.filter((i) => i.kind === "training" && i.status !== "completed");
  const overdue = open.filter((i) => i.status === "overdue");
  const due = open.filter((i) => i.status !== "overdue");
  const weeks = data.items.filter((i) => i.kind === "learning-week");
  const name = fullName(data.person);

  const onStart = async (item: TrainingItem) => {
    setStarting(item.id);
    const result = await start.run(item.id, data.person.id);
    setStarting(undefined);
    if (result.ok) onChanged();
  };
  const completeFor = (item: TrainingItem): CompletionSubject => ({
    personId: data.person.id,
    personName: name,
    programId: item.programId,
    programName: item.programName,
    assignmentId: item.id,
    context: item.kind === "learning-week" ? `Learning week at ${item.station}, ${formatDate(item.startsOn)} to ${formatDate(item.endsOn)}` : undefined,
  });
  const list = (items: TrainingItem[], label: string) => (
    <Stack component="ul" gap="sm" className={classes.plainList} aria-label={label}>
      {items.map((item) => (
        <ItemCard
          key={item.id}
          item={item}
          isSelf={isSelf}
          isStarting={starting === item.id}
          onStart={() => void onStart(item)}
          onComplete={() => setCompleting(completeFor(item))}
          onRecordModule={(module) => setCompleting({ ...completeFor(item), assignmentId: null, module })}
        />
      ))}
    </Stack>
  );

  return (
    <Stack gap="md">
      <Text role="status" fw={600}>
        {formatCount(overdue.length, "overdue training")} · {formatCount(due.length, "training")} to do · {formatCount(weeks.length, "learning week")} · {formatCount(data.completions.filter((c) => c.state !== "revoked").length, "completion")}
      </Text>
      <ErrorAlert error={start.error} />
      {overdue.length > 0 ? (
        <Section title="Overdue" order={2} aside={<ToneBadge tone="bad">{formatCount(overdue.length, "training")}</ToneBadge>}>
          {list(overdue, "Overdue trainings")}
        </Section>
      ) : null}
      <Section title="To do" order={2}>
        {due.length > 0 ? list(due, "Trainings to do") : <Text size="sm">{isSelf ? "Nothing assigned to you right now." : "Nothing assigned right now."}</Text>}
      </Section>
      {data.inProgress.length > 0 ? (
        <Section title="Under way" order={2}>
          <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Programs under way">
            {data.inProgress.map((p) => (
              <Card component="li" key={p.programId} withBorder padding="sm">
                <Stack gap={6}>
                  <Text fw={600} className={classes.wrapText}>
                    {p.programName}
                  </Text>
                  <ModuleProgressList
                    progress={p}
                    programName={p.programName}
                    onRecord={
                      data.permissions.canRecordCompletion && !isSelf
                        ? (module) => setCompleting({ personId: data.person.id, personName: name, programId: p.programId, programName: p.programName, assignmentId: null, module })
                        : undefined
                    }
                  />
                </Stack>
              </Card>
            ))}
          </Stack>
        </Section>
      ) : null}
      <Section title="Learning weeks" order={2}>
        {weeks.length > 0 ? list(weeks, "Learning weeks") : <Text size="sm">No cross-training rotations scheduled.</Text>}
      </Section>
      <Section title="Completed" order={2}>
        {data.completions.length > 0 ? (
          <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Completed trainings">
            {data.completions.map((c) => (
              <CompletionCard key={c.id} completion={c} />
            ))}
          </Stack>
        ) : (
          <Text size="sm">No completed trainings recorded yet.</Text>
        )}
      </Section>
      <CompletionDialog subject={completing} onClose={() => setCompleting(null)} onRecorded={onChanged} />
    </Stack>
  );
}
