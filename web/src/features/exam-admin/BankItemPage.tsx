import { Accordion, Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { bankItemPath, examAdminApi, useExamCatalog, type BankItem, type ExamCatalog, type ItemVersion, type PtceOutline } from "./exam-admin.api.ts";
import { itemPagePath, type ItemPageState } from "./ItemEditorPage.tsx";
import { ItemContentView } from "./ItemContentView.tsx";
import { DIFFICULTY_LABELS, domainName, ITEM_STATUS_LABELS, referenceOutline, SOURCE_LABELS, subtopicName } from "./labels.ts";
import { discriminationNote, formatStat, pValueNote } from "./stats.ts";
import classes from "./exam-admin.module.css";

function Panel({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  const id = `item-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="h3" id={id}>
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" verticalSpacing="xs" m={0}>
      {items.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="xs" c="gray.7" fw={600}>
            {term}
          </Text>
          <Text component="dd" size="sm" m={0} className={classes.wrapText}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function versionLine(version: ItemVersion): string {
  const parts = [`v${version.version}`, ITEM_STATUS_LABELS[version.status]?.label ?? version.status];
  if (version.author) parts.push(`by ${version.author}`);
  parts.push(formatDateTime(version.createdAt));
  return parts.join(" · ");
}

function reviewText(version: ItemVersion): string {
  if (!version.reviewer) return version.status === "draft" ? "Not reviewed yet." : "No review recorded.";
  const when = version.reviewedAt ? `, ${formatDateTime(version.reviewedAt)}` : "";
  return `Reviewed by ${version.reviewer}${when}${version.reviewNote ? `: “${version.reviewNote}”` : "."}`;
}

function ItemFacts({ version, outline }: { version: ItemVersion; outline: PtceOutline | undefined }) {
  return (
    <Facts
      items={[
        ["Domain", domainName(outline, version.domain)],
        ["Subtopic", `${version.subtopic} ${subtopicName(outline, version.subtopic) ?? ""}`.trim()],
        ["Kind", version.kind === "single" ? "One correct answer" : "Several correct answers"],
        ["Difficulty (author's estimate)", DIFFICULTY_LABELS[version.difficulty] ?? String(version.difficulty)],
        ["Source", `${SOURCE_LABELS[version.source] ?? version.source}${version.family ? ` (${version.family})` : ""}`],
      ]}
    />
  );
}

type Dialog = "discard" | "retire" | null;

function DraftActions({ item, draft, canWrite, canReview, onChanged }: { item: BankItem; draft: ItemVersion; canWrite: boolean; canReview: boolean; onChanged: (notice: string) => void }) {
  const [note, setNote] = useState("");
  const review = useApiAction(examAdminApi.review);
  const publish = useApiAction(examAdminApi.publish);
  const inUse = item.versions.find((v) => v.status === "published");

  const onReview = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await review.run(item.code, note.trim() || null);
    if (result.ok) {
      setNote("");
      onChanged(`You reviewed draft v${draft.version}.${canWrite ? " It can now be published." : " An administrator can now publish it."}`);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">
        Draft v{draft.version}
        {draft.author ? ` by ${draft.author}` : ""}. {reviewText(draft)}{" "}
        {inUse ? `Version ${inUse.version} stays in use until this draft is published.` : "The item is not used in practice until it is published."}
      </Text>
      {canReview && !draft.reviewer ? (
        <form onSubmit={onReview} noValidate aria-label={`Review draft v${draft.version}`}>
          <Stack gap="xs">
            <ErrorAlert error={review.error} title="Review not recorded" />
            <Textarea
              label="Review note (optional)"
              description="What you checked: the facts, the key, the explanation. A draft is reviewed by someone other than its author."
              autosize
              minRows={2}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={review.error?.fieldMessage("note")}
            />
            <Group>
              <Button type="submit" loading={review.isPending}>
                Record review
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {canWrite ? (
        <Stack gap="xs">
          <ErrorAlert error={publish.error} title="Not published" />
          <Group gap="sm">
            <Button
              disabled={!draft.reviewer}
              loading={publish.isPending}
              onClick={async () => {
                const result = await publish.run(item.code);
                if (result.ok) onChanged(`Version ${draft.version} is published and used in new practice forms.`);
              }}
            >
              Publish
            </Button>
          </Group>
          {!draft.reviewer ? (
            <Text size="sm" c="gray.7">
              Publishing needs a review by someone other than the draft's author.
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

function ReasonDialog({ dialog, item, onClose, onDone }: { dialog: Dialog; item: BankItem; onClose: () => void; onDone: (notice: string, isGone: boolean) => void }) {
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string>();
  const discard = useApiAction(examAdminApi.discardDraft);
  const retire = useApiAction(examAdminApi.retire);
  const action = dialog === "retire" ? retire : discard;
  const draft = item.versions.find((v) => v.status === "draft");

  const close = () => {
    setReason("");
    setProblem(undefined);
    discard.reset();
    retire.reset();
    onClose();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (dialog === "retire") {
      if (reason.trim().length < 3) {
        setProblem("Say why the item is retired (at least 3 characters)");
        return;
      }
      const result = await retire.run(item.code, reason.trim());
      if (result.ok) {
        close();
        onDone(`Item ${item.code} is retired: new practice forms no longer use it.`, false);
      }
    } else {
      const result = await discard.run(item.code);
      if (result.ok) {
        close();
        onDone(`Draft v${draft?.version ?? ""} of ${item.code} is discarded.`, item.versions.length === 1);
      }
    }
  };

  return (
    <Modal
      opened={dialog !== null}
      onClose={close}
      title={dialog === "retire" ? `Retire item ${item.code}?` : `Discard draft v${draft?.version ?? ""}?`}
      fullScreen={isPhone}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={action.error} title={dialog === "retire" ? "Not retired" : "Not discarded"} />
          {dialog === "retire" ? (
            <>
              <Text size="sm">New practice forms stop using the item. Attempts that showed it keep it as it was. A new draft can bring it back.</Text>
              <Textarea
                label="Reason"
                required
                autosize
                minRows={2}
                maxLength={2000}
                value={reason}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setProblem(undefined);
                }}
                error={problem ?? retire.error?.fieldMessage("reason")}
                data-autofocus
              />
            </>
          ) : (
            <Text size="sm">The draft's changes are lost. {item.versions.length > 1 ? "The published version stays as it is." : "The item has no other version, so it is removed from the bank."}</Text>
          )}
          <Group gap="sm">
            <Button type="submit" color={dialog === "retire" ? undefined : "red.9"} loading={action.isPending}>
              {dialog === "retire" ? "Retire item" : "Discard draft"}
            </Button>
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function StatsPanel({ stats }: { stats: BankItem["stats"] }) {
  if (!stats) return <Text size="sm">No statistics yet. They are computed from submitted practice attempts; an administrator can recompute them from the item bank page.</Text>;
  const notes = [pValueNote(stats.pValue), discriminationNote(stats.pointBiserial, stats.responses)].filter(Boolean);
  return (
    <Stack gap="xs">
      <Facts
        items={[
          ["Responses", stats.responses.toLocaleString()],
          ["Answered correctly", stats.correct.toLocaleString()],
          ["p-value (share correct)", formatStat(stats.pValue)],
          ["Point-biserial (discrimination)", formatStat(stats.pointBiserial)],
          ["Rasch difficulty (logits)", stats.raschB === null ? "Not calibrated yet" : formatStat(stats.raschB)],
          ["Computed", formatDateTime(stats.computedAt)],
        ]}
      />
      {notes.map((note) => (
        <Text key={note} size="sm" fw={600} c="#5c3c00">
          {note}
        </Text>
      ))}
    </Stack>
  );
}

function ReportsPanel({ item, catalog }: { item: BankItem; catalog: ExamCatalog | undefined }) {
  if (item.flags.length === 0) return <Text size="sm">No one has reported this item.</Text>;
  const reasonText = (code: string) => catalog?.flagReasons.find((r) => r.code === code)?.text ?? code;
  return (
    <Stack component="ul" gap="xs" className={classes.plainList} aria-label="Reports on this item">
      {item.flags.map((flag) => (
        <Card component="li" key={flag.id} withBorder padding="sm">
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={600}>
              {reasonText(flag.reason)}
            </Text>
            <ToneBadge tone={flag.status === "open" ? "warn" : "neutral"}>{flag.status === "open" ? "Open" : flag.status === "fixed" ? "Fixed" : "Dismissed"}</ToneBadge>
          </Group>
          <Text size="sm" c="gray.7">
            Reported {formatDateTime(flag.createdAt)}
          </Text>
          {flag.comment ? <Text size="sm" className={classes.wrapText}>“{flag.comment}”</Text> : null}
          {flag.resolutionNote ? <Text size="sm" className={classes.wrapText}>Resolution: {flag.resolutionNote}</Text> : null}
        </Card>
      ))}
    </Stack>
  );
}

export function BankItemPage() {
  const { code = "" } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const item = useApiQuery<BankItem>(bankItemPath(code));
  const catalog = useExamCatalog();
  const [notice, setNotice] = useState<string | undefined>((location.state as ItemPageState | null)?.notice);
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = hasRole(session, ["admin"]);
  const canReview = hasRole(session, ["admin", "pharmacist"]);
  const outline = referenceOutline(catalog.data);

  const title = `Item ${code}`;
  if (!item.data) {
    return (
      <Page title={title}>
        <ErrorAlert error={item.error} onRetry={item.error?.status === 404 ? undefined : item.reload} />
        {item.error ? (
          <Anchor component={Link} to="/exams/bank">
            Back to the item bank
          </Anchor>
        ) : (
          <Loading label="Loading the item…" />
        )}
      </Page>
    );
  }

  const newest = item.data.versions[0];
  const draft = newest.status === "draft" ? newest : undefined;
  const openReports = item.data.flags.filter((f) => f.status === "open").length;
  const changed = (message: string) => {
    setNotice(message);
    item.reload();
  };

  return (
    <Page
      title={title}
      actions={
        <>
          <Anchor component={Link} to="/exams/bank">
            Item bank
          </Anchor>
          {canWrite ? (
            <Button component={Link} to={`${itemPagePath(code)}/edit`}>
              {draft ? "Edit draft" : "Edit"}
            </Button>
          ) : null}
        </>
      }
    >
      {notice ? (
        <Alert color="ladderTeal" role="status" withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel="Dismiss message">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}

      <Group gap="xs">
        <ToneBadge tone={ITEM_STATUS_LABELS[newest.status]?.tone ?? "neutral"}>{ITEM_STATUS_LABELS[newest.status]?.label ?? newest.status}</ToneBadge>
        {draft ? <ToneBadge tone={draft.reviewer ? "good" : "warn"}>{draft.reviewer ? "Reviewed" : "Awaiting review"}</ToneBadge> : null}
        {openReports > 0 ? <ToneBadge tone="bad">{formatCount(openReports, "open report")}</ToneBadge> : null}
        <Text size="sm" c="gray.7">
          {versionLine(newest)}
        </Text>
      </Group>

      {draft ? (
        <Panel title="Review and publish">
          <DraftActions item={item.data} draft={draft} canWrite={canWrite} canReview={canReview} onChanged={changed} />
          {canWrite ? (
            <Group>
              <Button variant="default" onClick={() => setDialog("discard")}>
                Discard draft
              </Button>
            </Group>
          ) : null}
        </Panel>
      ) : null}

      <Panel title={draft ? `Draft v${newest.version}` : `Version ${newest.version}`}>
        <ItemFacts version={newest} outline={outline} />
        <ItemContentView stem={newest.stem} options={newest.options} answerKey={newest.key} explanation={newest.explanation} reference={newest.reference} label={`Options of ${code}, version ${newest.version}`} />
        {canWrite && newest.status === "published" ? (
          <Group>
            <Button variant="default" onClick={() => setDialog("retire")}>
              Retire…
            </Button>
          </Group>
        ) : null}
      </Panel>

      <Panel title="Statistics">
        <StatsPanel stats={item.data.stats} />
      </Panel>

      <Panel
        title="Reports"
        aside={
          <Anchor component={Link} to="/exams/flags" size="sm">
            Reported items queue
          </Anchor>
        }
      >
        <ReportsPanel item={item.data} catalog={catalog.data} />
      </Panel>

      <Panel title="Versions">
        <Accordion variant="separated" chevronPosition="left">
          {item.data.versions.map((version) => (
            <Accordion.Item key={version.id} value={version.id}>
              <Accordion.Control>
                <Text size="sm" fw={600} component="span">
                  {versionLine(version)}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <Text size="sm">{reviewText(version)}</Text>
                  {version.publishedAt ? <Text size="sm">Published {formatDateTime(version.publishedAt)}</Text> : null}
                  {version.retiredAt ? <Text size="sm">Retired {formatDateTime(version.retiredAt)}</Text> : null}
                  <ItemContentView
                    stem={version.stem}
                    options={version.options}
                    answerKey={version.key}
                    explanation={version.explanation}
                    reference={version.reference}
                    label={`Options of ${code}, version ${version.version}`}
                  />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Panel>

      <ReasonDialog
        dialog={dialog}
        item={item.data}
        onClose={() => setDialog(null)}
        onDone={(message, isGone) => {
          if (isGone) navigate("/exams/bank", { state: { notice: message } satisfies ItemPageState });
          else changed(message);
        }}
      />
    </Page>
  );
}
