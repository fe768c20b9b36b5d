import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { TZDate } from '@date-fns/tz';

export interface MeetingIcsInput {
  method: 'REQUEST' | 'CANCEL';
  /** Stable for the life of the escalation, so every calendar updates the same event. */
  uid: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  stamp: string;
  summary: string;
  description: string;
  location: string | null;
  videoUrl: string | null;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
}

const ZONE = 'Europe/Stockholm';

/**
 * One VEVENT in Europe/Stockholm with its VTIMEZONE, so a calendar shows the meeting at the
 * Swedish wall-clock time whatever zone the reader's device is in. A TZDate carries the zone:
 * ical-generator would otherwise format a plain Date in the server process's own time zone.
 */
export function meetingIcs(m: MeetingIcsInput): string {
  const cal = ical({
    prodId: { company: 'Handslag', product: 'Dukat bord', language: 'SV' },
    method: m.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  const event = cal.createEvent({
    id: m.uid,
    sequence: m.sequence,
    start: new TZDate(new Date(m.startsAt).getTime(), ZONE),
    end: new TZDate(new Date(m.endsAt).getTime(), ZONE),
    timezone: ZONE,
    // DTSTAMP is UTC by definition (RFC 5545 3.8.7.2).
    stamp: new Date(m.stamp),
    summary: m.summary,
    description: m.description,
    location: [m.location, m.videoUrl].filter(Boolean).join(' – ') || null,
    url: m.videoUrl,
    organizer: m.organizer,
  });
  if (m.method === 'CANCEL') event.status(ICalEventStatus.CANCELLED);
  for (const a of m.attendees) {
    event.createAttendee({
      name: a.name,
      email: a.email,
      rsvp: m.method === 'REQUEST',
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    });
  }
  return cal.toString();
}
