import { Anchor } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { useSession } from "../../session.tsx";
import { Page } from "../../ui/index.ts";
import { personCePath, type CeStanding } from "./ce.api.ts";
import { CeView } from "./CeView.tsx";

/** One person's CE, for their manager or an admin (who verify it here). */
export function PersonCePage() {
  const { id = "" } = useParams();
  const session = useSession();
  const standing = useApiQuery<CeStanding>(personCePath(id));
  const name = standing.data ? `${standing.data.person.firstName} ${standing.data.person.lastName}` : "";
  return (
    <Page
      title={name ? `${name}: continuing education` : "Continuing education"}
      actions={
        <Anchor component={Link} to="/ce/compliance">
          CE compliance
        </Anchor>
      }
    >
      <CeView personId={id} standing={standing} isSelf={id === session.person.id} />
    </Page>
  );
}
