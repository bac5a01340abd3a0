import { useApiQuery } from "../../api.ts";

export type SiteSetting = "community" | "health-system" | "specialty" | "mail-order";

export interface Site {
  id: string;
  code: string;
  name: string;
  state: string;
  setting: SiteSetting;
  timeZone: string;
  headcount: number;
}

/** The organization's sites; pass false to skip loading them. */
export function useSites(isEnabled = true) {
  return useApiQuery<{ items: Site[] }>(isEnabled ? "/api/sites" : null);
}

export function siteLabel(site: Pick<Site, "code" | "name">): string {
  return `${site.code} · ${site.name}`;
}
