import type { DatabaseHandle } from "../db/database.ts";
import type { Config } from "../lib/config.ts";
import type { Mailer } from "../lib/mailer.ts";
import type { Actor, RoutePolicy } from "../modules/auth/policy.ts";
import type { SessionLookup } from "../modules/auth/sessions.ts";

export interface AppDeps {
  database: DatabaseHandle;
  config: Config;
  mailer: Mailer;
  /** The clock: tests may pass a fixed one; everything else reads `now()` from here. */
  now: () => Date;
  version: string;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
    /** The signed-in actor for a session token; concurrent requests are looked up together. */
    sessionLookup: SessionLookup;
  }
  interface FastifyRequest {
    actor?: Actor;
    csrfToken?: string;
    sessionToken?: string;
    /** Set once `checkRouteAccess` has run for the request. */
    accessChecked?: boolean;
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** A write that never changes an account, person, role, site or session: it leaves the reused sessions alone (decision 0008). */
    keepsSessions?: boolean;
  }
}

export const SESSION_COOKIE = "rxl_session";
