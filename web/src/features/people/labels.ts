import type { EventKind, PersonStatus, SeparationType } from "./people.api.ts";

export const STATUS_LABELS: Record<PersonStatus, string> = {
  active: "Active",
  leave: "On leave",
  separated: "Separated",
};


export const EVENT_LABELS: Record<EventKind, string> = {
  hire: "Hired",
  transfer: "Transferred",
  leave: "Went on leave",
  return: "Returned from leave",
  separation: "Separated",
  rehire: "Rehired",
};

export const SEPARATION_TYPE_LABELS: Record<SeparationType, string> = {
  voluntary: "Voluntary",
  involuntary: "Involuntary",
};
