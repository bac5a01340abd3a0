import { Alert, Anchor, Button, Card, Group, Stack, Tabs, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { examAdminApi, flagsPath, useExamCatalog, type FlagReport, type FlagStatus } from "./exam-admin.api.ts";
import { itemPagePath } from "./ItemEditorPage.tsx";
import { ItemContentView } from "./ItemContentView.tsx";
import { domainName, referenceOutline, subtopicName } from "./labels.ts";
import classes from "./exam-admin.module.css";

const TABS: { value: FlagStatus; label: string; empty: string }[] = [
  { value: "open", label: "Open", empty: "No open reports. Technicians report items from their practice attempts." },
  { value: "fixed", label: "Fixed", empty: "No report has been marked fixed yet." },
  { value: "dismissed", label: "Dismissed", empty: "No report has been dismissed yet." },
];

function ResolveForm({ flag, onResolved }: { flag: FlagReport; onResolved: (message: string) => void }) {
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string>();
  const [chosen, setChosen] = useState<"fixed" | "dismissed">("fixed");
  const resolve = useApiAction(examAdminApi.resolveFlag);

  const submit = async (status: "fixed" | "dismissed") => {
    setChosen(status);
    if (note.trim().length < 3) {
      setProblem(status === "fixed" ? "Say what you changed (at least 3 characters)" : "Say why the report is dismissed (at least 3 characters)");
      return;
    }
    setProblem(undefined);
    const result = await resolve.run(flag.id, { status, note: note.trim() });
    if (result.ok) onResolved(`The report on ${flag.itemKey} is ${status === "fixed" ? "marked fixed" : "dismissed"}.`);
  };

  return (
    <form
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void submit("fixed");
      }}
      noValidate
      aria-label={`Resolve the report on ${flag.itemKey}`}
    >
      <Stack gap="xs">
        <ErrorAlert error={resolve.error && !resolve.error.fieldMessage("note") ? resolve.error : undefined} title="Not saved" />
        <Textarea
          label="Note"
          description="What you changed, or why the item is right as it is."
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            setProblem(undefined);
          }}
          error={problem ?? resolve.error?.fieldMessage("note")}
        />
        <Group gap="sm">
          <Button type="submit" loading={resolve.isPending && chosen === "fixed"} disabled={resolve.isPending}>
            Mark fixed
          </Button>
          <Button variant="default" onClick={() => void submit("dismissed")} loading={resolve.isPending && chosen === "dismissed"} disabled={resolve.isPending}>
            Dismiss
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReportCard({ flag, canEdit, outline, onResolved }: { flag: FlagReport; canEdit: boolean; outline: ReturnType<typeof referenceOutline>; onResolved: (message: string) => void }) {
  const headingId = `report-${flag.id}`;
  const subtopic = subtopicName(outline, flag.item.subtopic);
  return (
    <Card component="li" withBorder padding="md" className={classes.card} data-report={flag.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div className={classes.grow}>
            <Title order={2} fz="h4" id={headingId}>
              {flag.reasonText}
            </Title>
            <Text size="sm" c="gray.7">
              Item{" "}
              <Text component="span" ff="monospace" size="sm">
                {flag.itemKey}
              </Text>{" "}
              · {flag.item.subtopic}
              {subtopic ? ` ${subtopic}` : ""} · {domainName(outline, flag.item.domain)}
            </Text>
          </div>
          <ToneBadge tone={flag.status === "open" ? "warn" : flag.status === "fixed" ? "good" : "neutral"}>
            {flag.status === "open" ? "Open" : flag.status === "fixed" ? "Fixed" : "Dismissed"}
          </ToneBadge>
        </Group>
        <Text size="sm">
          Reported by {flag.reportedBy}, {formatDateTime(flag.createdAt)}
        </Text>
        {flag.comment ? (
          <Text size="sm" className={classes.wrapText}>
            <strong>Comment:</strong> “{flag.comment}”
          </Text>
        ) : (
          <Text size="sm" c="gray.7">
            No comment.
          </Text>
        )}
        <Card withBorder padding="sm" bg="gray.0" component="section" aria-label={`Item ${flag.itemKey} as it was shown`}>
          <Stack gap={6}>
            <Text size="xs" fw={700} c="gray.7" tt="uppercase">
              The item as it was shown
            </Text>
            <ItemContentView
              stem={flag.item.stem}
              options={flag.item.options}
              answerKey={flag.item.key}
              explanation={flag.item.explanation}
              reference={flag.item.reference}
              label={`Options of the reported item ${flag.itemKey}`}
            />
          </Stack>
        </Card>
        {flag.bankItem ? (
          <Group gap="sm">
            <Button component={Link} to={canEdit ? `${itemPagePath(flag.itemKey)}/edit` : itemPagePath(flag.itemKey)} variant="default" aria-label={`${canEdit ? "Edit" : "Open"} item ${flag.itemKey}`}>
              {canEdit ? "Edit item" : "Open item"}
            </Button>
            {canEdit ? (
              <Anchor component={Link} to={itemPagePath(flag.itemKey)} size="sm">
                See its versions and statistics
              </Anchor>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            {flag.item.family ? `Generated by the ${flag.item.family} generator: ` : "Generated: "}it has no bank entry to edit. Fixes go into the generator.
          </Text>
        )}
        {flag.status === "open" ? (
          <ResolveForm flag={flag} onResolved={onResolved} />
        ) : (
          <Text size="sm" className={classes.wrapText}>
            {flag.status === "fixed" ? "Marked fixed" : "Dismissed"}
            {flag.resolvedBy ? ` by ${flag.resolvedBy}` : ""}
            {flag.resolvedAt ? `, ${formatDateTime(flag.resolvedAt)}` : ""}
            {flag.resolutionNote ? `: “${flag.resolutionNote}”` : "."}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function FlagsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const status = (TABS.some((t) => t.value === params.get("status")) ? params.get("status") : "open") as FlagStatus;
  const flags = useApiQuery<{ items: FlagReport[] }>(flagsPath(status));
  const catalog = useExamCatalog();
  const outline = referenceOutline(catalog.data);
  const [notice, setNotice] = useState<string>();
  const canEdit = hasRole(session, ["admin"]);
  const tab = TABS.find((t) => t.value === status)!;

  return (
    <Page
      title="Reported items"
      actions={
        <Anchor component={Link} to="/exams/bank">
          Item bank
        </Anchor>
      }
    >
      <Text>
        Questions technicians reported from their practice attempts, each as it was shown to them. Fix the item in the bank (a new draft, reviewed
        and published) or dismiss the report, with a note either way.
      </Text>
      {notice ? (
        <Alert color="ladderTeal" role="status" withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel="Dismiss message">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}
      <Tabs
        value={status}
        onChange={(value) => {
          const search = new URLSearchParams();
          if (value && value !== "open") search.set("status", value);
          setParams(search, { replace: true });
        }}
      >
        <Tabs.List aria-label="Reports by status">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            {t.value === status ? (
              <Stack gap="md">
                <Text role="status" aria-live="polite" fw={600}>
                  {flags.data ? `${formatCount(flags.data.items.length, `${tab.label.toLowerCase()} report`)}${flags.data.items.length >= 200 ? " (the 200 most recent)" : ""}` : ""}
                </Text>
                <ErrorAlert error={flags.error} onRetry={flags.reload} />
                {!flags.data && flags.isLoading ? <Loading label="Loading the reports…" /> : null}
                {flags.data && flags.data.items.length === 0 ? <Text>{tab.empty}</Text> : null}
                {flags.data && flags.data.items.length > 0 ? (
                  <Stack component="ul" gap="md" className={classes.plainList} aria-label={`${tab.label} reports`}>
                    {flags.data.items.map((flag) => (
                      <ReportCard
                        key={flag.id}
                        flag={flag}
                        canEdit={canEdit}
                        outline={outline}
                        onResolved={(message) => {
                          setNotice(message);
                          flags.reload();
                        }}
                      />
                    ))}
                  </Stack>
                ) : null}
              </Stack>
            ) : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
