import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, formatDateTime, fullName, todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { Section } from "../ladder/Section.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { Tone } from "../ladder/labels.ts";
import classes from "../ladder/ladder.module.css";
import { reportsPath, trainingApi, usePrograms, type CompletionReport, type ReportStatus } from "./training.api.ts";

const REPORT_STATUS: Record<ReportStatus, { label: string; tone: Tone }> = {
  submitted: { label: "Waiting for confirmation", tone: "pending" },
  confirmed: { label: "Confirmed", tone: "good" },
  rejected: { label: "Not confirmed", tone: "bad" },
};

const whatLabel = (r: CompletionReport) => (r.module ? `${r.module.title} (${r.program.name})` : r.program.name);

/** A technician reports a training taken elsewhere, with the certificate; it counts once someone else confirms it. */
function ReportTrainingForm({ personId, onReported }: { personId: string; onReported: (message: string) => void }) {
  const programs = usePrograms();
  const [programId, setProgramId] = useState("");
  const [moduleId, setModuleId] = useState("");
  const [completedOn, setCompletedOn] = useState(todayIsoDate);
  const [provider, setProvider] = useState("");
  const [note, setNote] = useState("");
  const [missingFile, setMissingFile] = useState<string>();
  const certificate = useEvidenceUpload(personId);
  const report = useApiAction(trainingApi.report);
  const fieldError = (field: string) => report.error?.fieldMessage(field);
  const program = programs.data?.items.find((p) => p.id === programId);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!certificate.file) {
      setMissingFile("Attach the certificate or statement of completion");
      return;
    }
    setMissingFile(undefined);
    const evidenceFileId = await certificate.upload();
    if (!evidenceFileId) return;
    const result = await report.run({ programId, moduleId: moduleId || null, completedOn, provider: provider.trim() || null, note: note.trim() || null, evidenceFileId });
    if (!result.ok) return;
    setProgramId("");
    setModuleId("");
    setProvider("");
    setNote("");
    certificate.reset();
    onReported(`${whatLabel(result.value)} reported; it counts once your manager or a pharmacist confirms it.`);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Report a training completed elsewhere">
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          Took a course elsewhere (a vendor, a school, an online provider)? Report it with the certificate. It counts once your manager or a pharmacist of
          your site confirms it.
        </Text>
        <ErrorAlert error={report.error ?? programs.error} title="The training was not reported" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Program"
            required
            value={programId}
            onChange={(event) => {
              setProgramId(event.currentTarget.value);
              setModuleId("");
            }}
            data={[{ value: "", label: programs.data ? "Choose a program" : "Loading…" }, ...(programs.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))]}
            error={fieldError("programId")}
          />
          <NativeSelect
            label="What you completed"
            value={moduleId}
            onChange={(event) => setModuleId(event.currentTarget.value)}
            data={[{ value: "", label: "The whole program" }, ...(program?.modules ?? []).map((m) => ({ value: m.id, label: `Module: ${m.title}` }))]}
            disabled={!program || program.modules.length < 2}
            error={fieldError("moduleId")}
          />
          <TextInput type="date" label="Completed on" required max={todayIsoDate()} value={completedOn} onChange={(event) => setCompletedOn(event.currentTarget.value)} error={fieldError("completedOn")} />
          <TextInput label="Provider (optional)" value={provider} maxLength={200} onChange={(event) => setProvider(event.currentTarget.value)} error={fieldError("provider")} />
        </SimpleGrid>
        <Textarea label="Note (optional)" autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={fieldError("note")} />
        <EvidenceFileInput
          label="Certificate"
          hint="The certificate or statement of completion."
          value={certificate.file}
          onChange={(file) => {
            certificate.choose(file);
            setMissingFile(undefined);
          }}
          error={missingFile ?? certificate.error ?? fieldError("evidenceFileId")}
        />
        <Group>
          <Button type="submit" loading={report.isPending || certificate.isUploading}>
            Report training
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReportCard({ report, children }: { report: CompletionReport; children?: React.ReactNode }) {
  const status = REPORT_STATUS[report.status];
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={600} className={classes.wrapText}>
            {whatLabel(report)}
          </Text>
          <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
        </Group>
        <Text size="sm">
          Completed {formatDate(report.completedOn)}
          {report.provider ? ` at ${report.provider}` : ""} · reported {formatDateTime(report.reportedAt)}
        </Text>
        {report.note ? (
          <Text size="sm" className={classes.wrapText}>
            Note: {report.note}
          </Text>
        ) : null}
        {report.evidenceFile ? <EvidenceLink file={report.evidenceFile} label="Certificate" /> : null}
        {report.decidedBy ? (
          <Text size="sm" c="gray.7">
            {report.status === "confirmed" ? "Confirmed" : "Not confirmed"} by {report.decidedBy}
            {report.decisionNote ? `: ${report.decisionNote}` : ""}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}

/** The signed-in person's reported trainings, and the form to report one. */
export function MyReportedTrainings({ personId, onChanged }: { personId: string; onChanged: () => void }) {
  const reports = useApiQuery<{ items: CompletionReport[] }>(reportsPath({ mine: true }));
  const [message, setMessage] = useState<string>();
  return (
    <Section title="Trainings taken elsewhere" order={2}>
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ReportTrainingForm
        personId={personId}
        onReported={(text) => {
          setMessage(text);
          reports.reload();
          onChanged();
        }}
      />
      <ErrorAlert error={reports.error} onRetry={reports.reload} />
      {reports.data && reports.data.items.length > 0 ? (
        <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Trainings you reported">
          {reports.data.items.map((r) => (
            <ReportCard key={r.id} report={r} />
          ))}
        </Stack>
      ) : null}
    </Section>
  );
}

/** Reported trainings the signed-in person may confirm (their site's people); shown only when there are some. */
export function ReportsToConfirm() {
  const reports = useApiQuery<{ items: CompletionReport[] }>(reportsPath({ status: "submitted" }));
  const decide = useApiAction(trainingApi.decideReport);
  const [message, setMessage] = useState<string>();
  const waiting = reports.data?.items.filter((r) => r.mayDecide) ?? [];
  if (waiting.length === 0 && !message) return null;
  const run = async (report: CompletionReport, decision: "confirm" | "reject") => {
    const result = await decide.run(report.id, decision);
    if (!result.ok) return;
    setMessage(`${decision === "confirm" ? "Confirmed" : "Not confirmed"}: ${whatLabel(report)} for ${fullName(report.person)}.`);
    reports.reload();
  };
  return (
    <Section title="Reported trainings to confirm" order={2}>
      <Text size="sm" c="gray.7">
        Check the certificate. Confirming records the training as completed; nobody confirms their own.
      </Text>
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ErrorAlert error={decide.error ?? reports.error} onRetry={reports.reload} />
      {waiting.length === 0 ? <Text size="sm">Nothing else is waiting.</Text> : null}
      <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Reported trainings to confirm">
        {waiting.map((r) => (
          <ReportCard key={r.id} report={r}>
            <Text size="sm">
              {fullName(r.person)} ({r.person.siteCode})
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => void run(r, "confirm")} loading={decide.isPending} aria-label={`Confirm ${whatLabel(r)} for ${fullName(r.person)}`}>
                Confirm
              </Button>
              <Button size="xs" variant="default" onClick={() => void run(r, "reject")} loading={decide.isPending} aria-label={`Do not confirm ${whatLabel(r)} for ${fullName(r.person)}`}>
                Not confirmed
              </Button>
            </Group>
          </ReportCard>
        ))}
      </Stack>
    </Section>
  );
}
