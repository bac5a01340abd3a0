import { Anchor, Text } from "@mantine/core";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ASSESSABLE_PATH, personLadderPath, type AssessablePerson, type PersonLadder } from "./ladder.api.ts";
import { LadderView } from "./LadderView.tsx";

/** Technicians at senior levels may assess peers; the link shows once there is someone to assess. */
function SignOffLink() {
  const assessable = useApiQuery<{ items: AssessablePerson[] }>(ASSESSABLE_PATH);
  if (!assessable.data || assessable.data.items.length === 0) return null;
  return (
    <Anchor component={Link} to="/sign-off">
      Sign off a colleague
    </Anchor>
  );
}

export function MyLadderPage() {
  const session = useSession();
  const ladder = useApiQuery<PersonLadder>(personLadderPath(session.person.id));
  const isTechnician = hasRole(session, ["technician"]);

  return (
    <Page title="My ladder" actions={isTechnician ? <SignOffLink /> : null}>
      {ladder.error && !ladder.data ? <ErrorAlert error={ladder.error} onRetry={ladder.reload} /> : null}
      {!ladder.data && !ladder.error ? <Loading /> : null}
      {ladder.data ? (
        <>
          <ErrorAlert error={ladder.error} onRetry={ladder.reload} />
          <LadderView ladder={ladder.data} isSelf onChanged={ladder.reload} />
        </>
      ) : null}
      {ladder.error?.status === 404 ? (
        <Text size="sm">Your sign-in is not linked to a person on the roster, so there is no ladder to show.</Text>
      ) : null}
    </Page>
  );
}
