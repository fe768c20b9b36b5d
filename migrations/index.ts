import type { Knex } from 'knex';
import * as m1 from './20261122120000_create_users.js';
import * as m2 from './20261122120100_create_companies.js';
import * as m3 from './20261122120200_create_contacts.js';
import * as m4 from './20261122120300_create_cases.js';
import * as m5 from './20261122120400_create_case_events.js';
import * as m6 from './20261122120500_create_outbox.js';
import * as m7 from './20261122120600_create_reference_counters.js';
import * as m8 from './20261122130000_create_guarantees.js';
import * as m9 from './20261122130100_create_deadlines.js';
import * as m10 from './20261122130200_create_notifications.js';
import * as m11 from './20261122130300_create_closing_days.js';
import * as m12 from './20261122130400_seed_guarantees.js';
import * as m13 from './20261122140000_index_deadlines_by_state.js';
import * as m14 from './20261123100000_create_service_group_register.js';
import * as m15 from './20261123100100_seed_category_units.js';
import * as m16 from './20261123100200_create_escalations.js';
import * as m17 from './20261123100300_link_deadlines_to_escalations.js';
import * as m18 from './20261123100400_seed_table_set_guarantee.js';
import * as m19 from './20261124100000_create_tracking.js';
import * as m20 from './20261124100100_create_surveys.js';
import * as m21 from './20261124100200_index_for_reports.js';
import * as m22 from './20261124100300_create_company_visits.js';
import * as m23 from './20261125100000_create_report_summaries.js';
import * as m24 from './20261126100000_staff_login.js';
import * as m25 from './20261127100000_index_for_staff_pages.js';
import * as m26 from './20261127110000_create_case_notes.js';
import * as m27 from './20261204100000_add_case_company_name.js';
import * as m28 from './20261204100100_create_company_name_changes.js';
import * as m29 from './20261204110000_add_notification_first_claim.js';
import * as m30 from './20261204110100_add_notification_recipient_rule.js';
import * as m31 from './20261204130000_add_complaint_about_user.js';
import * as m32 from './20261204130100_seed_complaint_review_guarantee.js';
import * as m33 from './20261204140000_index_live_deadlines_by_due.js';
import * as m34 from './20261204140100_index_cases_by_category_unit.js';
import * as m35 from './20261204170000_create_used_form_tokens.js';
import * as m36 from './20261205100000_add_deadline_pause_cause.js';

// Listed explicitly rather than read from the directory: the same list works under tsx, in
// the compiled build and in tests, with no loader guessing file extensions.
const migrations: Record<string, Knex.Migration> = {
  '20261122120000_create_users': m1,
  '20261122120100_create_companies': m2,
  '20261122120200_create_contacts': m3,
  '20261122120300_create_cases': m4,
  '20261122120400_create_case_events': m5,
  '20261122120500_create_outbox': m6,
  '20261122120600_create_reference_counters': m7,
  '20261122130000_create_guarantees': m8,
  '20261122130100_create_deadlines': m9,
  '20261122130200_create_notifications': m10,
  '20261122130300_create_closing_days': m11,
  '20261122130400_seed_guarantees': m12,
  '20261122140000_index_deadlines_by_state': m13,
  '20261123100000_create_service_group_register': m14,
  '20261123100100_seed_category_units': m15,
  '20261123100200_create_escalations': m16,
  '20261123100300_link_deadlines_to_escalations': m17,
  '20261123100400_seed_table_set_guarantee': m18,
  '20261124100000_create_tracking': m19,
  '20261124100100_create_surveys': m20,
  '20261124100200_index_for_reports': m21,
  '20261124100300_create_company_visits': m22,
  '20261125100000_create_report_summaries': m23,
  '20261126100000_staff_login': m24,
  '20261127100000_index_for_staff_pages': m25,
  '20261127110000_create_case_notes': m26,
  '20261204100000_add_case_company_name': m27,
  '20261204100100_create_company_name_changes': m28,
  '20261204110000_add_notification_first_claim': m29,
  '20261204110100_add_notification_recipient_rule': m30,
  '20261204130000_add_complaint_about_user': m31,
  '20261204130100_seed_complaint_review_guarantee': m32,
  '20261204140000_index_live_deadlines_by_due': m33,
  '20261204140100_index_cases_by_category_unit': m34,
  '20261204170000_create_used_form_tokens': m35,
  '20261205100000_add_deadline_pause_cause': m36,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const m = migrations[name];
    if (!m) throw new Error(`Unknown migration ${name}`);
    return m;
  },
};
