/** A decision's outcome as the company reads it, in the decision mail and on the tracking page. */
export const decisionOutcomeText: Record<string, string> = {
  approved: 'Din ansökan är beviljad.',
  partially_approved: 'Din ansökan är delvis beviljad.',
  rejected: 'Din ansökan är avslagen.',
  dismissed: 'Din ansökan är avvisad, eftersom den inte kunde prövas.',
  written_off: 'Ärendet är avskrivet.',
};
