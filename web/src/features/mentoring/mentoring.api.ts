import { api } from "../../api.ts";

export interface PersonName {
  id: string;
  firstName: string;
  lastName: string;
}

export interface Pairing {
  id: string;
  mentor: PersonName;
  mentee: PersonName & { siteId: string; siteCode: string };
  goals: string;
  startsOn: string;
  endsOn: string | null;
  status: "active" | "ended";
  confirmedHours: number;
}

export interface MentoringSession {
  id: string;
  pairingId: string;
  heldOn: string;
  durationMinutes: number;
  topics: string;
  notes: string;
  loggedBy: { id: string; name: string };
  confirmed: boolean;
}

export interface MenteeRow extends Pairing {
  nextLevel: { track: string; level: string; levelName: string; percent: number; eligible: boolean } | null;
  gaps: { kind: string; label: string; status: string; reason: string }[];
  pendingSignOffs: string[];
  sessions: MentoringSession[];
}

export interface NewSession {
  heldOn: string;
  durationMinutes: number;
  topics: string;
  notes?: string;
}

export interface NewPairing {
  mentorId: string;
  menteeId: string;
  goals?: string;
  startsOn: string;
  endsOn?: string | null;
}

export const mentoringApi = {
  createPairing: (input: NewPairing) => api.post<Pairing>("/api/mentoring/pairings", input),
  endPairing: (id: string, endsOn: string) => api.post<Pairing>(`/api/mentoring/pairings/${id}/end`, { endsOn }),
  logSession: (pairingId: string, input: NewSession) => api.post<MentoringSession>(`/api/mentoring/pairings/${pairingId}/sessions`, input),
  confirmSession: (id: string) => api.post<{ id: string }>(`/api/mentoring/sessions/${id}/confirm`),
};

export const formatMinutes = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`);
