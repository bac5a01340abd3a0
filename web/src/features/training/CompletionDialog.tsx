import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate, todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { trainingApi } from "./training.api.ts";

/** What is being completed: a person, a program, and the assignment it answers (if any). */
export interface CompletionSubject {
  personId: string;
  personName: string;
  programId: string;
  programName: string;
  assignmentId: string | null;
  /** One module of the program, when recording that module only (the last one completes the program). */
  module?: { id: string; title: string };
  /** "Learning week at Central fill robot" and the like, shown under the title. */
  context?: string;
}

function CompletionForm({ subject, onRecorded }: { subject: CompletionSubject; onRecorded: (message: string) => void }) {
  const [completedOn, setCompletedOn] = useState(todayIsoDate);
  const [note, setNote] = useState("");
  const record = useApiAction(trainingApi.recordCompletion);
  const recordModule = useApiAction(trainingApi.recordModuleCompletion);
  const action = subject.module ? recordModule : record;
  const evidence = useEvidenceUpload(subject.personId);
  const fieldError = (field: string) => action.error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const evidenceFileId = await evidence.upload();
    if (evidenceFileId === undefined) return;
    if (subject.module) {
      const done = await recordModule.run({ personId: subject.personId, moduleId: subject.module.id, completedOn, ...(note.trim() ? { note: note.trim() } : {}), ...(evidenceFileId ? { evidenceFileId } : {}) });
      if (!done.ok) return;
      const { completed, total } = done.value.progress;
      onRecorded(
        `${subject.module.title} recorded as completed by ${subject.personName} on ${formatDate(done.value.completedOn)}: ${completed} of ${total} modules` +
          (done.value.programCompletionId ? `, so ${subject.programName} is completed.` : "."),
      );
      return;
    }
    const result = await record.run({
      personId: subject.personId,
      programId: subject.programId,
      assignmentId: subject.assignmentId,
      completedOn,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(evidenceFileId ? { evidenceFileId } : {}),
    });
    if (!result.ok) return;
    const until = result.value.expiresOn ? `; valid until ${formatDate(result.value.expiresOn)}` : "";
    onRecorded(`${subject.programName} recorded as completed by ${subject.personName} on ${formatDate(result.value.completedOn)}${until}${evidenceFileId ? ", with the evidence file" : ""}.`);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={subject.module ? "Record a module completion" : "Record a completion"}>
      <Stack gap="sm">
        {subject.context ? <Text size="sm">{subject.context}</Text> : null}
        <ErrorAlert error={action.error} />
        <TextInput
          type="date"
          label="Completed on"
          required
          value={completedOn}
          max={todayIsoDate()}
          onChange={(event) => setCompletedOn(event.currentTarget.value)}
          error={fieldError("completedOn")}
          data-autofocus
        />
        <Textarea label="Note (optional)" description="What was done, with whom, any score." autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={fieldError("note")} />
        <EvidenceFileInput label="Evidence (optional)" hint="A certificate, attendance sheet or signed checklist." value={evidence.file} onChange={evidence.choose} error={evidence.error ?? fieldError("evidenceFileId")} />
        <Group>
          <Button type="submit" loading={action.isPending || evidence.isUploading}>
            {subject.module ? "Record module" : "Record completion"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A dialog to record that someone completed a training; full screen on a phone. */
export function CompletionDialog({ subject, onClose, onRecorded }: { subject: CompletionSubject | null; onClose: () => void; onRecorded: () => void }) {
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const [done, setDone] = useState<string>();
  const close = () => {
    setDone(undefined);
    onClose();
  };
  return (
    <Modal
      opened={subject !== null}
      onClose={close}
      title={subject ? `${subject.module ? `${subject.module.title} (${subject.programName})` : subject.programName}: ${subject.personName}` : ""}
      size="lg"
      fullScreen={isPhone}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      {done ? (
        <Stack gap="sm">
          <Alert color="ladderTeal" role="status">
            {done}
          </Alert>
          <Group>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : subject ? (
        <CompletionForm
          key={`${subject.personId}/${subject.programId}/${subject.assignmentId}/${subject.module?.id ?? ""}`}
          subject={subject}
          onRecorded={(message) => {
            setDone(message);
            onRecorded();
          }}
        />
      ) : null}
    </Modal>
  );
}
