import { useApiQuery } from "../../api.ts";
import { useSession } from "../../session.tsx";
import { Page } from "../../ui/index.ts";
import { personCePath, type CeStanding } from "./ce.api.ts";
import { CeView } from "./CeView.tsx";

/** The signed-in person's continuing education. */
export function MyCePage() {
  const session = useSession();
  const standing = useApiQuery<CeStanding>(personCePath(session.person.id));
  return (
    <Page title="My CE">
      <CeView personId={session.person.id} standing={standing} isSelf />
    </Page>
  );
}
