import { Anchor, Text } from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { bankItemPath, useExamCatalog, type BankItem } from "./exam-admin.api.ts";
import { ItemEditor } from "./ItemEditor.tsx";
import { referenceOutline } from "./labels.ts";

export interface ItemPageState {
  notice?: string;
}

export const itemPagePath = (code: string) => `/exams/bank/${encodeURIComponent(code)}`;

/** Writes a new item, or the next draft of an existing one (`/exams/bank/new`, `/exams/bank/:code/edit`). */
export function ItemEditorPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const catalog = useExamCatalog();
  const existing = useApiQuery<BankItem>(code ? bankItemPath(code) : null);
  const outline = referenceOutline(catalog.data);
  const item = existing.data?.versions[0];
  const title = code ? `Edit item ${code}` : "New item";
  const back = code ? itemPagePath(code) : "/exams/bank";

  const error = catalog.error ?? existing.error;
  if (error || !outline || (code && !item)) {
    return (
      <Page title={title}>
        <ErrorAlert
          error={error}
          onRetry={() => {
            catalog.reload();
            existing.reload();
          }}
        />
        {error ? null : <Loading />}
      </Page>
    );
  }

  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to={back}>
          {code ? "Back to the item" : "Back to the item bank"}
        </Anchor>
      }
    >
      {item && item.status === "draft" ? (
        <Text size="sm">
          You are editing draft v{item.version}
          {item.author ? `, written by ${item.author}` : ""}.
        </Text>
      ) : null}
      <ItemEditor
        item={item}
        outline={outline}
        onCancel={() => navigate(back)}
        onSaved={(saved) => {
          const state: ItemPageState = { notice: `Draft v${saved.version} of ${saved.code} saved. It needs a review by someone else before it can be published.` };
          navigate(itemPagePath(saved.code), { state });
        }}
      />
    </Page>
  );
}
