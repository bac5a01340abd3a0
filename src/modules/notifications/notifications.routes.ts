import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../server/auth-hooks.ts";
import { getEmailPreferences, listMyNotifications, markAllNotificationsRead, markNotificationRead, setEmailPreferences, unreadCount } from "./index.ts";

/** The notification centre: every route answers for the signed-in person only. */
export function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/notifications", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["notifications"],
      summary: "My notifications, unread first",
      querystring: z.object({
        unread: z.enum(["1", "0", "true", "false"]).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
  }, async (request) => {
    const { unread, limit, offset } = request.query;
    return listMyNotifications(db, actorOf(request), { unreadOnly: unread === "1" || unread === "true", limit, offset });
  });

  r.get("/api/notifications/unread-count", {
    config: { policy: "authenticated" },
    schema: { tags: ["notifications"], summary: "How many of my notifications are unread (the header's bell)" },
  }, async (request) => unreadCount(db, actorOf(request)));

  r.post("/api/notifications/:id/read", {
    config: { policy: "authenticated" },
    schema: { tags: ["notifications"], summary: "Mark one of my notifications read", params: z.object({ id: z.uuid() }) },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => markNotificationRead(tx, actor, request.params.id, app.deps.now()));
  });

  r.post("/api/notifications/read-all", {
    config: { policy: "authenticated" },
    schema: { tags: ["notifications"], summary: "Mark all my notifications read" },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => markAllNotificationsRead(tx, actor, app.deps.now()));
  });

  r.get("/api/notifications/preferences", {
    config: { policy: "authenticated" },
    schema: { tags: ["notifications"], summary: "Which kinds of notification I get by e-mail" },
  }, async (request) => getEmailPreferences(db, actorOf(request)));

  r.put("/api/notifications/preferences", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["notifications"],
      summary: "Choose which kinds of notification I get by e-mail (kinds left out keep their setting)",
      body: z.object({ email: z.record(z.string(), z.boolean()) }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => setEmailPreferences(tx, actor, request.body.email, app.deps.now()));
  });
}
