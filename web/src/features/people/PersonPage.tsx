import { Anchor } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { fullName } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, Page } from "../../ui/index.ts";
import { NotFoundPage } from "../errors/NotFoundPage.tsx";
import { personPath, type PersonRecord } from "./people.api.ts";
import { PersonRecordView } from "./PersonRecordView.tsx";

export function PersonPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const record = useApiQuery<PersonRecord>(personPath(id));

  if (record.error?.status === 403) return <AccessDenied />;
  if (record.error?.status === 404) return <NotFoundPage />;

  const canOpenRoster = hasRole(session, ["pharmacist", "manager", "admin"]);
  return (
    <Page
      title={record.data ? fullName(record.data.person) : "Person"}
      actions={
        <>
          <Anchor component={Link} to={`/people/${encodeURIComponent(id)}/ladder`}>
            Career ladder
          </Anchor>
          {canOpenRoster ? (
            <Anchor component={Link} to="/people">
              Back to the roster
            </Anchor>
          ) : null}
        </>
      }
    >
      <PersonRecordView record={record} headingOrder={2} />
    </Page>
  );
}
