import { Anchor } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { fullName } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { NotFoundPage } from "../errors/NotFoundPage.tsx";
import { personLadderPath, type PersonLadder } from "./ladder.api.ts";
import { LadderView } from "./LadderView.tsx";

export function PersonLadderPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const ladder = useApiQuery<PersonLadder>(personLadderPath(id));

  if (ladder.error?.status === 403) return <AccessDenied />;
  if (ladder.error?.status === 404) return <NotFoundPage />;

  const isSelf = id === session.person.id;
  return (
    <Page
      title={ladder.data ? `${fullName(ladder.data.person)}: career ladder` : "Career ladder"}
      actions={
        <>
          <Anchor component={Link} to={`/people/${encodeURIComponent(id)}`}>
            Person record
          </Anchor>
          {/* Evaluations and KPI figures: the person, their manager and admins (the API decides). */}
          {isSelf || session.person.role === "manager" || session.person.role === "admin" ? (
            <>
              <Anchor component={Link} to={`/people/${encodeURIComponent(id)}/evaluations`}>
                Evaluations
              </Anchor>
              <Anchor component={Link} to={`/people/${encodeURIComponent(id)}/kpis`}>
                KPI trends
              </Anchor>
            </>
          ) : null}
        </>
      }
    >
      {ladder.error && !ladder.data ? <ErrorAlert error={ladder.error} onRetry={ladder.reload} /> : null}
      {!ladder.data && !ladder.error ? <Loading /> : null}
      {ladder.data ? (
        <>
          <ErrorAlert error={ladder.error} onRetry={ladder.reload} />
          <LadderView ladder={ladder.data} isSelf={isSelf} onChanged={ladder.reload} />
        </>
      ) : null}
    </Page>
  );
}
