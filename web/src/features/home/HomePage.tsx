import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { MANAGING_ROLES } from "../../roles.ts";
import { hasRole, useSession } from "../../session.tsx";
import { Page } from "../../ui/index.ts";
import { personPath, type PersonRecord } from "../people/people.api.ts";
import { PersonRecordView } from "../people/PersonRecordView.tsx";
import { homeCards, type HomeCard } from "./home-cards.ts";
import classes from "./home.module.css";

function ShortcutCard({ card }: { card: HomeCard }) {
  const content = (
    <>
      <Text fw={700} fz="lg" c="ladderTeal.9" className={classes.cardTitle}>
        {card.title}
      </Text>
      <Text size="sm" mt={4}>
        {card.description}
      </Text>
    </>
  );
  return card.isExternal ? (
    <Card component="a" href={card.to} withBorder padding="lg" className={classes.card}>
      {content}
    </Card>
  ) : (
    <Card component={Link} to={card.to} withBorder padding="lg" className={classes.card}>
      {content}
    </Card>
  );
}

function MyRecord({ personId }: { personId: string }) {
  const record = useApiQuery<PersonRecord>(personPath(personId));
  return (
    <Stack component="section" gap="sm" aria-labelledby="my-record">
      <Title order={2} id="my-record">
        My record
      </Title>
      <PersonRecordView record={record} headingOrder={3} />
    </Stack>
  );
}

export function HomePage() {
  const session = useSession();
  const cards = homeCards.filter((card) => hasRole(session, card.roles));
  const isManaging = hasRole(session, MANAGING_ROLES);

  return (
    <Page title={`Welcome, ${session.person.firstName}`}>
      <Text c="gray.7">{session.organization.name}</Text>
      {cards.length > 0 ? (
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" className={classes.grid} aria-label="Shortcuts">
          {cards.map((card) => (
            <li key={card.to}>
              <ShortcutCard card={card} />
            </li>
          ))}
        </SimpleGrid>
      ) : null}
      {isManaging ? null : <MyRecord personId={session.person.id} />}
    </Page>
  );
}
